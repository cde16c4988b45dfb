import { TimeOffRequest, TimeOffStatus } from '../entities/time-off-request.entity';
import { Role } from '../entities/enums';
import { IsNotBlank } from '../graphql/validators';
import { callerMemberId, callerProfessionalId, mayActAs } from '../data/caller-records';
import { assertNoAppointmentsInTimeOff, assertTimeOffChange, forbidden, TIME_OFF_LIFECYCLE } from '../domain/scheduling';
import { permissionOf, refusalFor } from '../auth/permissions';
import type { DataAccess } from '../data/data-access';
import { defineResource } from './define';
import { careProfessionalResource } from './care-professional.resource';
import { memberResource } from './member.resource';

const { ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR } = Role;

/**
 * Time off: requested by the professional (or for them by an admin or coordinator), approved or
 * rejected by an admin or coordinator, who is stamped with the time. Approved time off blocks
 * bookings (src/domain/scheduling.ts).
 */
export const timeOffRequestResource = defineResource<TimeOffRequest>({
  typeName: 'TimeOffRequest',
  entity: TimeOffRequest,
  pluralField: 'timeOffRequests',
  relations: {
    careProfessionalId: {
      target: () => careProfessionalResource,
      field: 'careProfessional',
      description: 'Who will be away.',
      inverse: 'timeOff',
      inverseDescription: "The professional's time off requests, a page per professional.",
      cascade: true,
    },
    decidedById: { target: () => memberResource, field: 'decidedBy', description: 'The member who approved or rejected it; null while REQUESTED.' },
  },
  filters: ['careProfessional', 'status', 'startTime', 'endTime', 'decidedBy', 'createdAt'],
  orderBy: ['startTime', 'endTime', 'createdAt'],
  defaultOrder: [{ property: 'startTime', direction: 'ASC' }],
  // Analysts see bookable time through freeSlots, not who is away and why.
  permissions: {
    read: [ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR],
    create: [ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR],
    update: [ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR],
    delete: [ADMIN, COORDINATOR],
    restore: [ADMIN, COORDINATOR],
  },
  inputs: {
    required: ['careProfessionalId', 'startTime', 'endTime'],
    optional: ['reason', 'status'],
    immutable: ['careProfessionalId'],
    descriptions: {
      careProfessionalId: 'A CareProfessional id; clinicians and care workers give their own (`me.careProfessional`).',
      status: 'Starts REQUESTED. Only an admin or coordinator moves it to APPROVED or REJECTED; REQUESTED and APPROVED may be CANCELLED.',
    },
    validate: { reason: [IsNotBlank()] },
  },
  status: TIME_OFF_LIFECYCLE,
  periods: [{ start: 'startTime', end: 'endTime' }],
  // Clinicians and care workers request their own time off; coordinators run the rota.
  actions: {
    decide: { roles: [ADMIN, COORDINATOR], description: 'approve or reject time off (status APPROVED or REJECTED)' },
    manageOthers: { roles: [ADMIN, COORDINATOR], description: 'request and change time off for others than yourself' },
  },
  rules: {
    async beforeCreate(values, data) {
      if (!(await mayActAs(data, values.careProfessionalId, permissionOf(timeOffRequestResource, 'manageOthers')))) {
        throw forbidden('ownTimeOff', 'You may request time off only for your own care professional record (TIME_OFF_REQUEST_MANAGE_OTHERS)');
      }
    },
    async beforeUpdate(current, changes, data) {
      const manageOthers = may(data, 'manageOthers');
      const own = manageOthers ? false : current.careProfessionalId === (await callerProfessionalId(data));
      assertTimeOffChange({ decide: may(data, 'decide'), manageOthers }, own, current, changes);
      // The status machine stamped decidedAt; who decided is the caller.
      if (changes.status !== current.status && (changes.status === TimeOffStatus.APPROVED || changes.status === TimeOffStatus.REJECTED)) {
        changes.decidedById = await callerMemberId(data);
      }
      if (changes.status === TimeOffStatus.APPROVED && current.status !== TimeOffStatus.APPROVED) {
        const { tenantId } = data.requireCaller();
        await assertNoAppointmentsInTimeOff(data.db, tenantId, current.careProfessionalId, new Date(changes.startTime ?? current.startTime), new Date(changes.endTime ?? current.endTime));
      }
    },
  },
});

/** Whether the caller has one of the time off actions (a system role by the table, a custom role by its list). */
function may(data: DataAccess, action: 'decide' | 'manageOthers'): boolean {
  return refusalFor(data.requireCaller(), permissionOf(timeOffRequestResource, action)) === null;
}
