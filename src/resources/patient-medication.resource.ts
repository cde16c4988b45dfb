import { PatientMedication } from '../entities/patient-medication.entity';
import { Role } from '../entities/enums';
import { CARE_GIVERS } from '../auth/permissions';
import { PATIENT_MEDICATION_LIFECYCLE } from '../domain/care-delivery';
import { defineResource } from './define';
import { patientResource } from './patient.resource';
import { medicationResource } from './medication.resource';
import { careProfessionalResource } from './care-professional.resource';

const { ADMIN, CLINICIAN } = Role;

export const patientMedicationResource = defineResource<PatientMedication>({
  typeName: 'PatientMedication',
  entity: PatientMedication,
  pluralField: 'patientMedications',
  relations: {
    patientId: { target: () => patientResource, field: 'patient', inverse: 'medications', inverseDescription: "The patient's medications.", cascade: true, samePatient: true },
    medicationId: { target: () => medicationResource, field: 'medication', description: 'Null when the catalogue entry was deleted.', inverse: 'patientMedications' },
    prescriberId: { target: () => careProfessionalResource, field: 'prescriber' },
  },
  filters: ['patient', 'medication', 'prescriber', 'status', 'startDate', 'endDate', 'route'],
  orderBy: ['startDate', 'createdAt'],
  defaultOrder: [{ property: 'startDate', direction: 'DESC' }],
  permissions: { read: CARE_GIVERS, create: [ADMIN, CLINICIAN], update: [ADMIN, CLINICIAN], delete: [ADMIN, CLINICIAN], restore: [ADMIN, CLINICIAN] },
  inputs: {
    required: ['patientId', 'medicationId', 'dosage', 'frequency', 'startDate'],
    optional: ['prescriberId', 'route', 'endDate', 'status', 'notes'],
    immutable: ['patientId'],
  },
  status: PATIENT_MEDICATION_LIFECYCLE,
  periods: [{ start: 'startDate', end: 'endDate' }],
  patientIdProperty: 'patientId',
});
