import { Max, Min } from 'class-validator';
import { Prescription } from '../entities/prescription.entity';
import { PrescriptionStatus, Role } from '../entities/enums';
import type { StatusMachine } from '../data/resource';
import { CARE_GIVERS, permissionOf } from '../auth/permissions';
import { AppError } from '../errors/app-error';
import { mayActAs } from '../data/caller-records';
import { IsNotBlank } from '../graphql/validators';
import { defineResource } from './define';
import { patientResource } from './patient.resource';
import { medicationResource } from './medication.resource';
import { careProfessionalResource } from './care-professional.resource';

const { ADMIN, CLINICIAN } = Role;
const { ACTIVE, COMPLETED, CANCELLED } = PrescriptionStatus;

/** ACTIVE until the course is COMPLETED or the prescription CANCELLED; both are final. */
const PRESCRIPTION_LIFECYCLE: StatusMachine<PrescriptionStatus> = {
  property: 'status',
  initial: [ACTIVE],
  transitions: { [ACTIVE]: [COMPLETED, CANCELLED], [COMPLETED]: [], [CANCELLED]: [] },
};

/**
 * Prescriptions (seed 004), read by those who give care and written by clinicians and admins;
 * refills are dispensed with `refillPrescription` (src/resolvers/prescription.resolver.ts), never
 * past those allowed. The patient's ACTIVE ones are `Patient.prescriptions(filter: { status: { eq: ACTIVE } })`.
 */
export const prescriptionResource = defineResource<Prescription>({
  typeName: 'Prescription',
  entity: Prescription,
  pluralField: 'prescriptions',
  relations: {
    patientId: { target: () => patientResource, field: 'patient', inverse: 'prescriptions', inverseDescription: "The patient's prescriptions.", cascade: true, samePatient: true },
    prescriberId: {
      target: () => careProfessionalResource,
      field: 'prescriber',
      description: 'A care professional who may prescribe (`canPrescribe`); null when deleted since.',
      inverse: 'prescriptionsWritten',
      targetIs: { property: 'canPrescribe', value: 'true', rule: 'prescriber', message: 'must be a care professional who may prescribe (canPrescribe)' },
    },
    medicationId: { target: () => medicationResource, field: 'medication', description: 'From the catalogue; null when the entry was deleted since.' },
  },
  filters: ['patient', 'prescriber', 'medication', 'status', 'prescribedOn', 'createdAt'],
  orderBy: ['prescribedOn', 'createdAt'],
  defaultOrder: [{ property: 'prescribedOn', direction: 'DESC' }],
  permissions: { read: CARE_GIVERS, create: [ADMIN, CLINICIAN], update: [ADMIN, CLINICIAN], delete: [ADMIN, CLINICIAN], restore: [ADMIN, CLINICIAN] },
  actions: {
    refill: { roles: [ADMIN, CLINICIAN], description: 'dispense a refill of an ACTIVE prescription (`refillPrescription`)' },
    // A clinician prescribes as themselves; an admin records a prescription another professional wrote (a paper one).
    recordForOthers: { roles: [ADMIN], description: 'record a prescription whose prescriber is not you' },
  },
  inputs: {
    required: ['patientId', 'prescriberId', 'medicationId', 'dosage', 'frequency'],
    optional: ['durationDays', 'route', 'instructions', 'refillsAllowed', 'status', 'prescribedOn'],
    // What was prescribed, by whom and when stays as written: a different one is a new prescription.
    immutable: ['patientId', 'prescriberId', 'medicationId', 'prescribedOn'],
    validate: { durationDays: [Min(1), Max(3650)], refillsAllowed: [Min(0), Max(24)], instructions: [IsNotBlank()] },
  },
  status: PRESCRIPTION_LIFECYCLE,
  patientIdProperty: 'patientId',
  notInFuture: ['prescribedOn'],
  rules: {
    async beforeCreate(values, data) {
      if (!(await mayActAs(data, values.prescriberId, permissionOf(prescriptionResource, 'recordForOthers')))) {
        throw new AppError('FORBIDDEN', 'You prescribe as yourself: the prescriber must be your own care professional record (PRESCRIPTION_RECORD_FOR_OTHERS records others’)', { rule: 'ownPrescription' });
      }
    },
    beforeUpdate(current, changes) {
      // A COMPLETED or CANCELLED prescription is a record: nothing of it changes any more.
      if (current.status !== ACTIVE && Object.keys(changes).some((key) => key !== 'status')) {
        throw AppError.conflict(`The prescription is ${current.status}: it no longer changes`, { fields: [{ field: 'input.id', rule: 'final', message: `is ${current.status}` }] });
      }
    },
  },
});
