import { IsIP } from 'class-validator';
import { PatientConsent } from '../entities/patient-consent.entity';
import { Role } from '../entities/enums';
import { AppError } from '../errors/app-error';
import { defineResource } from './define';
import { patientResource } from './patient.resource';

const { ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR } = Role;

/**
 * Consents keep their history: a decision is never edited (the database refuses it too); the
 * only change is a revocation time, set once. A new decision is a new row.
 */
export const patientConsentResource = defineResource<PatientConsent>({
  typeName: 'PatientConsent',
  entity: PatientConsent,
  pluralField: 'patientConsents',
  relations: {
    patientId: { target: () => patientResource, field: 'patient', inverse: 'consents', inverseDescription: "The patient's consent decisions, revoked ones included.", cascade: true, samePatient: true },
  },
  filters: ['patient', 'consentType', 'granted', 'grantedAt', 'revokedAt'],
  orderBy: ['grantedAt', 'createdAt'],
  defaultOrder: [{ property: 'grantedAt', direction: 'DESC' }],
  permissions: {
    read: [ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR],
    create: [ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR],
    update: [ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR],
    delete: [ADMIN],
    restore: [ADMIN],
  },
  inputs: {
    required: ['patientId', 'consentType', 'granted'],
    optional: ['grantedAt', 'sourceIp', 'revokedAt'],
    immutable: ['patientId', 'consentType', 'granted', 'grantedAt', 'sourceIp'],
    descriptions: { revokedAt: 'Revokes the consent from this time; set once, never cleared.' },
    validate: { sourceIp: [IsIP()] },
  },
  periods: [{ start: 'grantedAt', end: 'revokedAt' }],
  patientIdProperty: 'patientId',
  rules: {
    beforeUpdate(current, changes) {
      if ('revokedAt' in changes && (current.revokedAt !== null || changes.revokedAt === null)) {
        throw AppError.badInput([{ field: 'input.revokedAt', rule: 'revokeOnce', message: 'a consent is revoked once and stays revoked; record a new decision instead' }]);
      }
    },
  },
});
