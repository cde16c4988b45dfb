import { CarePlan } from '../entities/care-plan.entity';
import { Role } from '../entities/enums';
import { CARE_GIVERS } from '../auth/permissions';
import { CARE_PLAN_LIFECYCLE } from '../domain/care-delivery';
import { defineResource } from './define';
import { patientResource } from './patient.resource';

const { ADMIN, CLINICIAN } = Role;

export const carePlanResource = defineResource<CarePlan>({
  typeName: 'CarePlan',
  entity: CarePlan,
  pluralField: 'carePlans',
  relations: {
    patientId: { target: () => patientResource, field: 'patient', inverse: 'carePlans', inverseDescription: "The patient's care plans.", cascade: true, samePatient: true },
  },
  filters: ['patient', 'title', 'type', 'status', 'startDate', 'endDate', 'reviewDate', 'details'],
  orderBy: ['startDate', 'title', 'createdAt', 'updatedAt'],
  defaultOrder: [{ property: 'startDate', direction: 'DESC' }],
  permissions: { read: CARE_GIVERS, create: [ADMIN, CLINICIAN], update: [ADMIN, CLINICIAN], delete: [ADMIN, CLINICIAN], restore: [ADMIN, CLINICIAN] },
  inputs: {
    required: ['patientId', 'title', 'startDate'],
    optional: ['type', 'description', 'status', 'endDate', 'reviewDate', 'details'],
    immutable: ['patientId'],
  },
  status: CARE_PLAN_LIFECYCLE,
  periods: [{ start: 'startDate', end: 'endDate' }],
  patientIdProperty: 'patientId',
});
