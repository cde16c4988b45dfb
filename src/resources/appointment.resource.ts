import { Appointment } from '../entities';
import { IsUrl } from 'class-validator';
import { Role } from '../entities/enums';
import { EVERYONE } from '../auth/permissions';
import { APPOINTMENT_LIFECYCLE } from '../domain/appointment-status';
import { assertBookable, FREEING_APPOINTMENT_STATUSES } from '../domain/scheduling';
import { defineResource } from './define';
import { patientResource } from './patient.resource';
import { careProfessionalResource } from './care-professional.resource';
import { siteResource } from './site.resource';

const { ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR } = Role;

export const appointmentResource = defineResource<Appointment>({
  typeName: 'Appointment',
  entity: Appointment,
  pluralField: 'appointments',
  relations: {
    patientId: {
      target: () => patientResource,
      field: 'patient',
      description: 'Never null: deleting a patient deletes their appointments too.',
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
  },
  filters: ['patient', 'careProfessional', 'site', 'status', 'title', 'startTime', 'endTime'],
  orderBy: ['startTime', 'endTime', 'createdAt'],
  defaultOrder: [{ property: 'startTime', direction: 'ASC' }],
  permissions: {
    read: EVERYONE,
    create: [ADMIN, CLINICIAN, COORDINATOR],
    update: [ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR],
    delete: [ADMIN, COORDINATOR],
    restore: [ADMIN, COORDINATOR],
  },
  inputs: {
    required: ['patientId', 'careProfessionalId', 'title', 'startTime', 'endTime'],
    optional: ['status', 'siteId', 'location', 'meetingLink', 'reason'],
    immutable: ['patientId'],
    descriptions: { endTime: 'Must be after startTime.', meetingLink: 'An https:// video link for remote appointments.' },
    validate: { meetingLink: [IsUrl({ protocols: ['https'], require_protocol: true })] },
  },
  status: APPOINTMENT_LIFECYCLE,
  periods: [{ start: 'startTime', end: 'endTime' }],
  patientIdProperty: 'patientId',
  rules: {
    // Inside the professional's declared availability (if any) and outside approved time off (src/domain/scheduling.ts).
    async beforeCreate(values, data) {
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
