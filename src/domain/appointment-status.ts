import type { StatusMachine } from '../data/resource';
import { AppointmentStatus } from '../entities/enums';

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
