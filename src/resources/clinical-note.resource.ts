import { Appointment, ClinicalNote } from '../entities';
import { Role } from '../entities/enums';
import { CARE_GIVERS } from '../auth/permissions';
import { defineResource } from './define';
import { careProfessionalResource } from './care-professional.resource';
import { MaxLength } from 'class-validator';
import { AppError } from '../errors/app-error';
import type { DataAccess } from '../data/data-access';
import { callerProfessionalId } from '../data/caller-records';
import { patientResource } from './patient.resource';
import { appointmentResource } from './appointment.resource';
import { clinicalNoteCategoryResource } from './clinical-note-category.resource';
import { clinicalNoteTemplateResource } from './clinical-note-template.resource';
import type { ClinicalNoteTemplate } from '../entities/clinical-note-template.entity';

const { ADMIN, CLINICIAN, CARE_WORKER } = Role;

/** Notes are always signed by whoever writes them: the caller's care professional record. */
async function authorId(data: DataAccess): Promise<string> {
  const id = await callerProfessionalId(data);
  if (!id) throw new AppError('FORBIDDEN', 'Only users with a care professional record can write clinical notes');
  return id;
}

/** A note started from a template takes its body (the reference was checked to exist: it is live and in the tenant). */
async function templateBody(data: DataAccess, templateId: string | null | undefined): Promise<string> {
  const template = templateId ? await data.byId<ClinicalNoteTemplate>(clinicalNoteTemplateResource, templateId) : null;
  if (!template) throw AppError.badInput([{ field: 'input.content', rule: 'required', message: 'give content or a templateId' }]);
  return template.body;
}

async function assertAppointmentOfPatient(data: DataAccess, appointmentId: string | null | undefined, patientId: string): Promise<void> {
  if (!appointmentId) return;
  const appointment = await data.byId<Appointment>(appointmentResource, appointmentId);
  if (appointment && appointment.patientId !== patientId) {
    throw AppError.badInput([{ field: 'input.appointmentId', rule: 'samePatient', message: "must be an appointment of the note's patient" }]);
  }
}

export const clinicalNoteResource = defineResource<ClinicalNote>({
  typeName: 'ClinicalNote',
  entity: ClinicalNote,
  pluralField: 'clinicalNotes',
  relations: {
    patientId: {
      target: () => patientResource,
      field: 'patient',
      description: 'Never null: deleting a patient deletes their notes too.',
      inverse: 'clinicalNotes',
      inverseDescription: "The patient's clinical notes, a page per patient.",
      cascade: true,
      samePatient: true,
    },
    appointmentId: {
      target: () => appointmentResource,
      field: 'appointment',
      description: 'Null for notes outside an appointment, or when it was deleted.',
      inverse: 'clinicalNotes',
      inverseDescription: 'Notes written for this appointment, a page per appointment.',
      // clinical_notes_appointment_fkey is (tenant_id, appointment_id, patient_id): a note's patient is its appointment's.
      samePatient: true,
    },
    authorId: {
      target: () => careProfessionalResource,
      field: 'author',
      description: 'The care professional who wrote the note; null when that record was deleted.',
    },
    categoryId: { target: () => clinicalNoteCategoryResource, field: 'category' },
    templateId: { target: () => clinicalNoteTemplateResource, field: 'template', description: 'The template the note was started from, if any.' },
  },
  filters: ['patient', 'appointment', 'author', 'category', 'noteDate', 'content'],
  orderBy: ['noteDate', 'createdAt'],
  defaultOrder: [{ property: 'noteDate', direction: 'ASC' }],
  permissions: {
    read: CARE_GIVERS,
    create: [CLINICIAN, CARE_WORKER],
    update: [CLINICIAN, CARE_WORKER],
    delete: [ADMIN, CLINICIAN],
    restore: [ADMIN, CLINICIAN],
  },
  inputs: {
    required: ['patientId'],
    optional: ['appointmentId', 'categoryId', 'templateId', 'noteDate', 'content'],
    immutable: ['patientId', 'templateId'],
    descriptions: {
      appointmentId: 'An appointment of the same patient.',
      templateId: 'A ClinicalNoteTemplate: its body is the content when `content` is not given.',
      noteDate: 'When the observation was made; defaults to now.',
      content: 'Required unless templateId is given.',
    },
    validate: { content: [MaxLength(20000)] },
    typeDescriptions: {
      create: 'The author is always the care professional record of the caller.',
      update: 'Only the author may amend a note; every version stays in the audit log.',
    },
  },
  patientIdProperty: 'patientId',
  rules: {
    async beforeCreate(values, data) {
      values.authorId = await authorId(data);
      values.noteDate ??= new Date();
      if (values.content === undefined) values.content = await templateBody(data, values.templateId);
      await assertAppointmentOfPatient(data, values.appointmentId, values.patientId!);
    },
    async beforeUpdate(current, changes, data) {
      // Clinical governance: a note is amended only by its author (every version stays in the audit log).
      if (current.authorId !== (await authorId(data))) {
        throw new AppError('FORBIDDEN', 'Only the author may amend a clinical note');
      }
      await assertAppointmentOfPatient(data, changes.appointmentId, current.patientId);
    },
  },
});
