import { Appointment, ClinicalNote } from '../entities';
import { PERMISSIONS } from '../auth/permissions';
import { defineResource, filterOn, Resource } from '../data/resource';
import { AppError } from '../errors/app-error';
import type { DataAccess } from '../data/data-access';
import { patientResource } from './patient.resource';
import { appointmentResource } from './appointment.resource';
import { clinicalNoteCategoryResource } from './clinical-note-category.resource';

/** The care professional record of the caller: notes are always signed by whoever writes them. */
async function callerProfessionalId(data: DataAccess): Promise<string> {
  const caller = data.requireCaller();
  const [row] = await data.db.query<{ id: string }>(
    'SELECT id FROM care_professionals WHERE tenant_id = $1 AND user_id = $2 AND deleted_at IS NULL LIMIT 1',
    [caller.tenantId, caller.userId],
  );
  if (!row) throw new AppError('FORBIDDEN', 'Only users with a care professional record can write clinical notes');
  return row.id;
}

async function assertAppointmentOfPatient(data: DataAccess, appointmentId: string | null | undefined, patientId: string): Promise<void> {
  if (!appointmentId) return;
  const appointment = await data.byId<Appointment>(appointmentResource, appointmentId);
  if (appointment && appointment.patientId !== patientId) {
    throw AppError.badInput([{ field: 'input.appointmentId', rule: 'samePatient', message: "must be an appointment of the note's patient" }]);
  }
}

export const clinicalNoteResource: Resource<ClinicalNote> = defineResource<ClinicalNote>({
  typeName: 'ClinicalNote',
  entity: ClinicalNote,
  pluralField: 'clinicalNotes',
  filters: {
    id: filterOn.reference('id', 'ClinicalNote'),
    patient: filterOn.reference('patientId', 'Patient'),
    appointment: filterOn.reference('appointmentId', 'Appointment'),
    author: filterOn.reference('authorId', 'CareProfessional'),
    category: filterOn.reference('categoryId', 'ClinicalNoteCategory'),
    noteDate: filterOn.dateTime('noteDate'),
    content: filterOn.string('content'),
  },
  orderFields: { NOTE_DATE: 'noteDate', CREATED_AT: 'createdAt' },
  defaultOrder: [{ field: 'NOTE_DATE', direction: 'ASC' }],
  permissions: PERMISSIONS.ClinicalNote,
  references: {
    patientId: () => patientResource,
    appointmentId: () => appointmentResource,
    categoryId: () => clinicalNoteCategoryResource,
  },
  parents: [{ resource: () => patientResource, foreignKey: 'patientId' }],
  patientIdProperty: 'patientId',
  rules: {
    async beforeCreate(values, data) {
      values.authorId = await callerProfessionalId(data);
      values.noteDate ??= new Date();
      await assertAppointmentOfPatient(data, values.appointmentId, values.patientId!);
    },
    async beforeUpdate(current, changes, data) {
      // Clinical governance: a note is amended only by its author (every version stays in the audit log).
      if (current.authorId !== (await callerProfessionalId(data))) {
        throw new AppError('FORBIDDEN', 'Only the author may amend a clinical note');
      }
      if (changes.patientId && changes.patientId !== current.patientId) {
        throw AppError.badInput([{ field: 'input.patientId', rule: 'immutable', message: 'a note cannot move to another patient' }]);
      }
      await assertAppointmentOfPatient(data, changes.appointmentId, current.patientId);
    },
  },
});
