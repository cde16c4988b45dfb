import { Reminder } from '../entities/reminder.entity';
import { ReminderStatus } from '../entities/enums';
import { PATIENT_READERS } from '../auth/permissions';
import { isReminderDue, REMINDER_LIFECYCLE } from '../domain/care-delivery';
import { defineResource } from './define';
import { sqlLiteral } from '../data/table';
import { memberResource } from './member.resource';
import { taskResource } from './task.resource';
import { appointmentResource } from './appointment.resource';
import { patientResource } from './patient.resource';
import { FREE_TEXT } from '../data/masks';

export const reminderResource = defineResource<Reminder>({
  typeName: 'Reminder',
  entity: Reminder,
  pluralField: 'reminders',
  masks: { note: FREE_TEXT },
  relations: {
    memberId: { target: () => memberResource, field: 'member', description: 'Who is reminded.' },
    taskId: { target: () => taskResource, field: 'task', inverse: 'reminders', cascade: true },
    appointmentId: { target: () => appointmentResource, field: 'appointment', inverse: 'reminders', cascade: true },
    patientId: { target: () => patientResource, field: 'patient', inverse: 'reminders', cascade: true, samePatient: true },
  },
  filters: ['member', 'task', 'appointment', 'patient', 'status', 'remindAt', 'due'],
  orderBy: ['remindAt', 'createdAt'],
  defaultOrder: [{ property: 'remindAt', direction: 'ASC' }],
  // Reminders hold a time and a short note about a subject, which each reader must be allowed to read (SDRs read no patient data).
  permissions: { read: PATIENT_READERS, create: PATIENT_READERS, update: PATIENT_READERS, delete: PATIENT_READERS, restore: PATIENT_READERS },
  inputs: {
    required: ['memberId', 'remindAt'],
    optional: ['note', 'status', 'taskId', 'appointmentId', 'patientId'],
    immutable: ['taskId', 'appointmentId', 'patientId'],
    descriptions: { taskId: 'Exactly one of taskId, appointmentId and patientId.' },
  },
  status: REMINDER_LIFECYCLE,
  exactlyOne: [['taskId', 'appointmentId', 'patientId']],
  computed: {
    due: {
      type: 'boolean',
      description: 'PENDING and its time has come: `reminders(filter: { due: { eq: true } })` lists what to send.',
      needs: ['status', 'remindAt'],
      value: (reminder) => isReminderDue(reminder, new Date()),
      sql: (r) => `(${r}.status = ${sqlLiteral(ReminderStatus.PENDING)} AND ${r}.remind_at <= now())`,
    },
  },
  patientIdProperty: 'patientId',
});
