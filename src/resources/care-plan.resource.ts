import { CarePlan } from '../entities/care-plan.entity';
import { CarePlanStatus, Role, Feature } from '../entities/enums';
import { sqlLiteralList } from '../data/table';
import { CARE_GIVERS } from '../auth/permissions';
import { CARE_PLAN_LIFECYCLE } from '../domain/care-delivery';
import { defineResource } from './define';
import { patientResource } from './patient.resource';

const { ADMIN, CLINICIAN } = Role;
/** Plans whose reviews are due when their date comes. */
const IN_FORCE: readonly CarePlanStatus[] = [CarePlanStatus.ACTIVE, CarePlanStatus.UNDER_REVIEW];

export const carePlanResource = defineResource<CarePlan>({
  typeName: 'CarePlan',
  entity: CarePlan,
  pluralField: 'carePlans',
  relations: {
    patientId: { target: () => patientResource, field: 'patient', inverse: 'carePlans', inverseDescription: "The patient's care plans.", cascade: true, samePatient: true },
  },
  filters: ['patient', 'title', 'type', 'status', 'startDate', 'endDate', 'reviewDate', 'reviewDue', 'details'],
  orderBy: ['startDate', 'title', 'createdAt', 'updatedAt'],
  defaultOrder: [{ property: 'startDate', direction: 'DESC' }],
  feature: Feature.CARE_PLANNING,
  permissions: { read: CARE_GIVERS, create: [ADMIN, CLINICIAN], update: [ADMIN, CLINICIAN], delete: [ADMIN, CLINICIAN], restore: [ADMIN, CLINICIAN] },
  inputs: {
    required: ['patientId', 'title', 'startDate'],
    optional: ['type', 'description', 'status', 'endDate', 'reviewDate', 'details'],
    immutable: ['patientId'],
  },
  status: CARE_PLAN_LIFECYCLE,
  periods: [{ start: 'startDate', end: 'endDate' }],
  computed: {
    reviewDue: {
      type: 'boolean',
      description: 'In force (ACTIVE or UNDER_REVIEW) and its review date has come (today, in UTC, or earlier): due or overdue. A CarePlanReview sets the next date.',
      needs: ['status', 'reviewDate'],
      value: (plan) => IN_FORCE.includes(plan.status) && plan.reviewDate !== null && plan.reviewDate <= new Date().toISOString().slice(0, 10),
      // current_date: request connections run with TimeZone=UTC, like the value above.
      sql: (t) => `(${t}.review_date <= current_date AND ${t}.status IN (${sqlLiteralList(IN_FORCE)}))`,
    },
  },
  patientIdProperty: 'patientId',
});
