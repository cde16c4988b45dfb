import { Patient } from '../entities';
import { Role } from '../entities/enums';
import { EVERYONE } from '../auth/permissions';
import { AppError } from '../errors/app-error';
import { defineResource } from './define';
import { siteResource } from './site.resource';
import { CreatePatientInput, UpdatePatientInput } from './patient.inputs';

const { ADMIN, CLINICIAN, COORDINATOR } = Role;

function assertNotInFuture(date: string | null | undefined, field: string): void {
  if (date && date > new Date().toISOString().slice(0, 10)) {
    throw AppError.badInput([{ field, rule: 'notInFuture', message: 'cannot be in the future' }]);
  }
}

export const patientResource = defineResource<Patient>({
  typeName: 'Patient',
  entity: Patient,
  pluralField: 'patients',
  relations: {
    siteId: { target: () => siteResource, field: 'site', inverse: 'patients', inverseDescription: 'Patients (residents) of this site.' },
  },
  filters: ['mrn', 'firstName', 'lastName', 'nhsNumber', 'dateOfBirth', 'gender', 'status', 'site', 'createdAt', 'updatedAt'],
  orderBy: ['lastName', 'firstName', 'mrn', 'createdAt', 'updatedAt'],
  defaultOrder: [
    { property: 'lastName', direction: 'ASC' },
    { property: 'firstName', direction: 'ASC' },
  ],
  permissions: {
    read: EVERYONE,
    create: [ADMIN, CLINICIAN, COORDINATOR],
    update: [ADMIN, CLINICIAN, COORDINATOR],
    delete: [ADMIN],
    restore: [ADMIN],
  },
  inputs: { create: CreatePatientInput, update: UpdatePatientInput },
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
