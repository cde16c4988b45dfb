import type { StatusMachine } from '../data/resource';
import { CarePlanStatus, MedicationStatus, ReminderStatus } from '../entities/enums';

const plan = CarePlanStatus;
/** A plan is drafted, put in force, reviewed and closed; COMPLETED and CANCELLED are final. */
export const CARE_PLAN_LIFECYCLE: StatusMachine<CarePlanStatus> = {
  property: 'status',
  initial: [plan.DRAFT, plan.ACTIVE],
  transitions: {
    [plan.DRAFT]: [plan.ACTIVE, plan.CANCELLED],
    [plan.ACTIVE]: [plan.UNDER_REVIEW, plan.COMPLETED, plan.CANCELLED],
    [plan.UNDER_REVIEW]: [plan.ACTIVE, plan.COMPLETED, plan.CANCELLED],
    [plan.COMPLETED]: [],
    [plan.CANCELLED]: [],
  },
};

const med = MedicationStatus;
/** A medication can be paused and resumed; STOPPED (ended early) and COMPLETED (course finished) are final. */
export const PATIENT_MEDICATION_LIFECYCLE: StatusMachine<MedicationStatus> = {
  property: 'status',
  initial: [med.ACTIVE, med.PAUSED],
  transitions: {
    [med.ACTIVE]: [med.PAUSED, med.STOPPED, med.COMPLETED],
    [med.PAUSED]: [med.ACTIVE, med.STOPPED],
    [med.STOPPED]: [],
    [med.COMPLETED]: [],
  },
};

const rem = ReminderStatus;
/** A reminder is sent once and may be dismissed before or after; DISMISSED is final. */
export const REMINDER_LIFECYCLE: StatusMachine<ReminderStatus> = {
  property: 'status',
  initial: [rem.PENDING],
  transitions: {
    [rem.PENDING]: [rem.SENT, rem.DISMISSED],
    [rem.SENT]: [rem.DISMISSED],
    [rem.DISMISSED]: [],
  },
};

/** A reminder still to be given whose time has come. */
export function isReminderDue(reminder: { status: ReminderStatus; remindAt: Date | string }, now: Date): boolean {
  return reminder.status === ReminderStatus.PENDING && new Date(reminder.remindAt).getTime() <= now.getTime();
}
