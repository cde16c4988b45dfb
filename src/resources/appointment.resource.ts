import { Appointment } from '../entities';
import { IsUrl } from 'class-validator';
import { Role, Feature } from '../entities/enums';
import { EVERYONE } from '../auth/permissions';
import { APPOINTMENT_LIFECYCLE } from '../domain/appointment-status';
import { assertBookable, FREEING_APPOINTMENT_STATUSES } from '../domain/scheduling';
import { defineResource } from './define';
import { patientResource } from './patient.resource';
import { careProfessionalResource } from './care-professional.resource';
import { siteResource } from './site.resource';
import { leadResource } from './lead.resource';
import { FREE_TEXT } from '../data/masks';

const { ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR, SDR, HEALTH_COACH } = Role;

/** HealthCRM's default: an appointment given no end lasts half an hour. */
export const DEFAULT_APPOINTMENT_MINUTES = 30;

export const appointmentResource = defineResource<Appointment>({
  typeName: 'Appointment',
  entity: Appointment,
  pluralField: 'appointments',
  // Where a home visit takes place is the patient's address.
  masks: { reason: FREE_TEXT, meetingLink: FREE_TEXT, location: FREE_TEXT },
  relations: {
    patientId: {
      target: () => patientResource,
      field: 'patient',
      description: 'The patient the appointment is with; null when it is with a lead (deleting a patient deletes their appointments too).',
      inverse: 'appointments',
      inverseDescription: "The patient's appointments, a page per patient.",
      cascade: true,
      samePatient: true,
    },
    careProfessionalId: {
      target: () => careProfessionalResource,
      field: 'careProfessional',
      description: 'Null when the professional record has been deleted.',
      inverse: 'appointments',
      inverseDescription: "The professional's appointments, a page per professional.",
    },
    siteId: { target: () => siteResource, field: 'site' },
    leadId: {
      target: () => leadResource,
      field: 'lead',
      description: 'The lead the appointment is with, before conversion (then it moves to the patient).',
      inverse: 'appointments',
      inverseDescription: "The lead's appointments, a page per lead.",
      cascade: true,
    },
  },
  filters: ['patient', 'lead', 'careProfessional', 'site', 'status', 'title', 'startTime', 'endTime'],
  orderBy: ['startTime', 'endTime', 'createdAt'],
  defaultOrder: [{ property: 'startTime', direction: 'ASC' }],
  permissions: {
    read: EVERYONE,
    create: [ADMIN, CLINICIAN, COORDINATOR, SDR, HEALTH_COACH],
    update: [ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR, SDR, HEALTH_COACH],
    delete: [ADMIN, COORDINATOR],
    restore: [ADMIN, COORDINATOR],
  },
  // About a lead: HealthCRM's, out of sight while the lead pipeline is off.
  featureRows: { [Feature.LEAD_PIPELINE]: (t) => `${t}.lead_id IS NOT NULL` },
  rowScope: { [SDR]: { description: 'an SDR books and sees appointments with leads only', sql: (t) => `${t}.lead_id IS NOT NULL` } },
  inputs: {
    required: ['careProfessionalId', 'title', 'startTime'],
    optional: ['patientId', 'leadId', 'endTime', 'status', 'siteId', 'location', 'meetingLink', 'reason'],
    immutable: ['patientId', 'leadId'],
    descriptions: {
      patientId: 'Exactly one of patientId and leadId.',
      leadId: 'Exactly one of patientId and leadId.',
      endTime: `Must be after startTime; ${DEFAULT_APPOINTMENT_MINUTES} minutes after it when not given.`,
      meetingLink: 'An https:// video link for remote appointments.',
    },
    validate: { meetingLink: [IsUrl({ protocols: ['https'], require_protocol: true })] },
  },
  status: APPOINTMENT_LIFECYCLE,
  periods: [{ start: 'startTime', end: 'endTime' }],
  exactlyOne: [['patientId', 'leadId']],
  patientIdProperty: 'patientId',
  rules: {
    // Inside the professional's declared availability (if any) and outside approved time off (src/domain/scheduling.ts).
    async beforeCreate(values, data) {
      values.endTime ??= new Date(new Date(values.startTime!).getTime() + DEFAULT_APPOINTMENT_MINUTES * 60_000);
      await assertBookable(data.db, {
        tenantId: data.requireCaller().tenantId,
        professionalId: values.careProfessionalId!,
        siteId: values.siteId ?? null,
        start: new Date(values.startTime!),
        end: new Date(values.endTime!),
      });
    },
    async beforeUpdate(current, changes, data) {
      const next = { ...current, ...changes };
      // Only a real move is checked: an edit that repeats the time stays valid if availability narrowed since.
      const same = (a: unknown, b: unknown) => (a instanceof Date || b instanceof Date ? new Date(a as Date).getTime() === new Date(b as Date).getTime() : (a ?? null) === (b ?? null));
      const moved = (['startTime', 'endTime', 'careProfessionalId', 'siteId'] as const).some((key) => key in changes && !same(changes[key], current[key]));
      if (moved && !(FREEING_APPOINTMENT_STATUSES as readonly string[]).includes(next.status)) {
        await assertBookable(data.db, {
          tenantId: data.requireCaller().tenantId,
          professionalId: next.careProfessionalId,
          siteId: next.siteId ?? null,
          start: new Date(next.startTime),
          end: new Date(next.endTime),
        });
      }
    },
  },
});
