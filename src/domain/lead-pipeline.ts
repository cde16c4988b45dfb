import type { StatusMachine } from '../data/resource';
import { LeadStatus, Role } from '../entities/enums';

const { HHQ_STARTED, HHQ_SIGNED, BOOKING_NOT_PAID, BOOKING_PAID_NOT_BOOKED, BOOKING_PAID_BOOKED } = LeadStatus;

/**
 * The pipeline moves one stage forward at a time; going back or skipping a stage is refused
 * (rule `transition`) unless an admin corrects the record. A lead that arrives further along
 * (a completed questionnaire imported) may start at any stage before the booking is paid.
 */
export const LEAD_PIPELINE: StatusMachine<LeadStatus> = {
  property: 'status',
  initial: [HHQ_STARTED, HHQ_SIGNED, BOOKING_NOT_PAID],
  transitions: {
    [HHQ_STARTED]: [HHQ_SIGNED],
    [HHQ_SIGNED]: [BOOKING_NOT_PAID],
    [BOOKING_NOT_PAID]: [BOOKING_PAID_NOT_BOOKED],
    [BOOKING_PAID_NOT_BOOKED]: [BOOKING_PAID_BOOKED],
    [BOOKING_PAID_BOOKED]: [],
  },
  overrideRoles: [Role.ADMIN],
};
