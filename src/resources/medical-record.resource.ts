import { MaxLength } from 'class-validator';
import { MedicalRecord } from '../entities/medical-record.entity';
import { Role } from '../entities/enums';
import { CARE_GIVERS, permissionOf } from '../auth/permissions';
import { AppError } from '../errors/app-error';
import { callerProfessionalId, mayActAs } from '../data/caller-records';
import { defineResource } from './define';
import { patientResource } from './patient.resource';
import { careProfessionalResource } from './care-professional.resource';
import { appointmentResource } from './appointment.resource';

const { ADMIN, CLINICIAN } = Role;
const WRITERS = [ADMIN, CLINICIAN] as const;

/**
 * Confidential records out of sight: the rule of the migration MedicalRecords, written once in
 * SQL (`medical_record_visible`) and applied by the database's policy as well as here, to every
 * read, count, nested list, `node(id)` and locked write. Admins see every record.
 */
const CONFIDENTIAL = {
  description: 'a RESTRICTED or HIGHLY_RESTRICTED record is seen only by its author, the patient’s care team and admins',
  sql: (t: string) => `medical_record_visible(${t}.tenant_id, ${t}.patient_id, ${t}.author_id, ${t}.confidentiality)`,
};

/**
 * Medical records (seed 004): a patient's record by its author (the writer's own care
 * professional record; admins record others'), optionally of an appointment of the patient,
 * with content sealed at rest and a confidentiality level that decides who sees it.
 */
export const medicalRecordResource = defineResource<MedicalRecord>({
  typeName: 'MedicalRecord',
  entity: MedicalRecord,
  pluralField: 'medicalRecords',
  relations: {
    patientId: { target: () => patientResource, field: 'patient', inverse: 'medicalRecords', inverseDescription: "The patient's medical records (restricted ones only for those allowed).", cascade: true, samePatient: true },
    authorId: { target: () => careProfessionalResource, field: 'author', description: 'The care professional who wrote the record; null when that record was deleted.' },
    appointmentId: {
      target: () => appointmentResource,
      field: 'appointment',
      description: 'The appointment it records, one of the patient’s; null when none or deleted.',
      inverse: 'medicalRecords',
      // medical_records_appointment_fkey is (tenant_id, appointment_id, patient_id).
      samePatient: true,
    },
  },
  filters: ['patient', 'author', 'appointment', 'recordType', 'confidentiality', 'recordedAt', 'createdAt'],
  orderBy: ['recordedAt', 'createdAt'],
  defaultOrder: [{ property: 'recordedAt', direction: 'DESC' }],
  permissions: { read: CARE_GIVERS, create: WRITERS, update: WRITERS, delete: WRITERS, restore: WRITERS },
  actions: { recordForOthers: { roles: [ADMIN], description: 'write or change a medical record whose author is another care professional' } },
  rowScope: Object.fromEntries(Object.values(Role).filter((role) => role !== ADMIN).map((role) => [role, CONFIDENTIAL])),
  inputs: {
    required: ['patientId', 'recordType', 'title', 'content'],
    optional: ['authorId', 'appointmentId', 'confidentiality', 'recordedAt'],
    immutable: ['patientId', 'authorId'],
    descriptions: { authorId: 'Your own care professional record by default; another’s needs MEDICAL_RECORD_RECORD_FOR_OTHERS (admins).', confidentiality: 'NORMAL by default.' },
    validate: { content: [MaxLength(50000)] },
  },
  patientIdProperty: 'patientId',
  notInFuture: ['recordedAt'],
  rules: {
    async beforeCreate(values, data) {
      if (!values.authorId) {
        const own = await callerProfessionalId(data);
        if (!own) throw AppError.badInput([{ field: 'input.authorId', rule: 'required', message: 'is required: you have no care professional record of your own' }]);
        values.authorId = own;
      } else if (!(await mayActAs(data, values.authorId, permissionOf(medicalRecordResource, 'recordForOthers')))) {
        throw new AppError('FORBIDDEN', 'You write records as yourself: the author must be your own care professional record (MEDICAL_RECORD_RECORD_FOR_OTHERS records others’)', { rule: 'ownRecord' });
      }
    },
    async beforeUpdate(current, changes, data) {
      // A record is its author's: a care team member reads it, but only the author (or an admin) rewrites or reclassifies it.
      if (!(await mayActAs(data, current.authorId, permissionOf(medicalRecordResource, 'recordForOthers')))) {
        throw new AppError('FORBIDDEN', 'Only its author changes a record (MEDICAL_RECORD_RECORD_FOR_OTHERS changes others’)', { rule: 'ownRecord' });
      }
    },
  },
});
