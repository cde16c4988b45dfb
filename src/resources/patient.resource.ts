import { Patient } from '../entities';
import { Gender, PatientStatus } from '../entities/enums';
import { PERMISSIONS } from '../auth/permissions';
import { defineResource, filterOn, Resource } from '../data/resource';
import { AppError } from '../errors/app-error';
import { siteResource } from './site.resource';
import { appointmentResource } from './appointment.resource';
import { clinicalNoteResource } from './clinical-note.resource';

function assertNotInFuture(date: string | null | undefined, field: string): void {
  if (date && date > new Date().toISOString().slice(0, 10)) {
    throw AppError.badInput([{ field, rule: 'notInFuture', message: 'cannot be in the future' }]);
  }
}

export const patientResource: Resource<Patient> = defineResource<Patient>({
  typeName: 'Patient',
  entity: Patient,
  pluralField: 'patients',
  filters: {
    id: filterOn.reference('id', 'Patient'),
    mrn: filterOn.string('mrn'),
    firstName: filterOn.string('firstName'),
    lastName: filterOn.string('lastName'),
    nhsNumber: filterOn.string('nhsNumber'),
    dateOfBirth: filterOn.date('dateOfBirth'),
    gender: filterOn.enumOf('gender', Gender, 'Gender'),
    status: filterOn.enumOf('status', PatientStatus, 'PatientStatus'),
    site: filterOn.reference('siteId', 'Site'),
    createdAt: filterOn.dateTime('createdAt'),
    updatedAt: filterOn.dateTime('updatedAt'),
  },
  orderFields: { LAST_NAME: 'lastName', FIRST_NAME: 'firstName', MRN: 'mrn', CREATED_AT: 'createdAt', UPDATED_AT: 'updatedAt' },
  defaultOrder: [
    { field: 'LAST_NAME', direction: 'ASC' },
    { field: 'FIRST_NAME', direction: 'ASC' },
  ],
  permissions: PERMISSIONS.Patient,
  references: { siteId: () => siteResource },
  // A patient's appointments and notes go (and come back) with the patient.
  cascadeDelete: [
    { resource: () => appointmentResource, foreignKey: 'patientId' },
    { resource: () => clinicalNoteResource, foreignKey: 'patientId' },
  ],
  connections: {
    appointments: { resource: () => appointmentResource, foreignKey: 'patientId', samePatient: true },
    clinicalNotes: { resource: () => clinicalNoteResource, foreignKey: 'patientId', samePatient: true },
  },
  patientIdProperty: 'id',
  rules: {
    beforeCreate(values) {
      assertNotInFuture(values.dateOfBirth, 'input.dateOfBirth');
    },
    beforeUpdate(_current, changes) {
      assertNotInFuture(changes.dateOfBirth, 'input.dateOfBirth');
    },
  },
});
