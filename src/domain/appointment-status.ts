import type { StatusMachine } from '../data/resource';
import { AppointmentStatus } from '../entities/enums';
import { AppError } from '../errors/app-error';

const { SCHEDULED, CONFIRMED, IN_PROGRESS, COMPLETED, CANCELLED, NO_SHOW } = AppointmentStatus;

/** A new appointment is booked, never already under way or over. COMPLETED, CANCELLED and NO_SHOW are final. */
export const APPOINTMENT_LIFECYCLE: StatusMachine<AppointmentStatus> = {
  property: 'status',
  initial: [SCHEDULED, CONFIRMED],
  transitions: {
    [SCHEDULED]: [CONFIRMED, IN_PROGRESS, CANCELLED, NO_SHOW],
    [CONFIRMED]: [SCHEDULED, IN_PROGRESS, CANCELLED, NO_SHOW],
    [IN_PROGRESS]: [COMPLETED, CANCELLED],
    [COMPLETED]: [],
    [CANCELLED]: [],
    [NO_SHOW]: [],
  },
};

/** `end` strictly after `start`; the error names `endField`. */
export function assertEndAfterStart(start: Date, end: Date, endField = 'input.endTime', startName = 'startTime'): void {
  if (!(end.getTime() > start.getTime())) {
    throw AppError.badInput([{ field: endField, rule: 'endAfterStart', message: `must be after ${startName}` }]);
  }
}
