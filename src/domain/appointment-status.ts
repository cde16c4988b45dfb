import { AppointmentStatus } from '../entities/enums';
import { AppError } from '../errors/app-error';

const { SCHEDULED, CONFIRMED, IN_PROGRESS, COMPLETED, CANCELLED, NO_SHOW } = AppointmentStatus;

/** Where an appointment may go next. COMPLETED, CANCELLED and NO_SHOW are final. */
export const APPOINTMENT_TRANSITIONS: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  [SCHEDULED]: [CONFIRMED, IN_PROGRESS, CANCELLED, NO_SHOW],
  [CONFIRMED]: [SCHEDULED, IN_PROGRESS, CANCELLED, NO_SHOW],
  [IN_PROGRESS]: [COMPLETED, CANCELLED],
  [COMPLETED]: [],
  [CANCELLED]: [],
  [NO_SHOW]: [],
};

/** A new appointment is booked, never already under way or over. */
export const INITIAL_APPOINTMENT_STATUSES: readonly AppointmentStatus[] = [SCHEDULED, CONFIRMED];

export function assertAppointmentTransition(from: AppointmentStatus, to: AppointmentStatus): void {
  if (from === to) return;
  if (!APPOINTMENT_TRANSITIONS[from].includes(to)) {
    const allowed = APPOINTMENT_TRANSITIONS[from];
    throw AppError.badInput([
      {
        field: 'input.status',
        rule: 'transition',
        message: `cannot move from ${from} to ${to}; allowed: ${allowed.length ? allowed.join(', ') : 'none (final)'}`,
      },
    ]);
  }
}

export function assertEndAfterStart(start: Date, end: Date): void {
  if (!(end.getTime() > start.getTime())) {
    throw AppError.badInput([{ field: 'input.endTime', rule: 'endAfterStart', message: 'must be after startTime' }]);
  }
}
