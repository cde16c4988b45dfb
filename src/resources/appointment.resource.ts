import { Appointment } from '../entities';
import { Role } from '../entities/enums';
import { EVERYONE } from '../auth/permissions';
import { AppError } from '../errors/app-error';
import { APPOINTMENT_LIFECYCLE } from '../domain/appointment-status';
import { defineResource } from './define';
import { patientResource } from './patient.resource';
import { careProfessionalResource } from './care-professional.resource';
import { siteResource } from './site.resource';
import { CreateAppointmentInput, UpdateAppointmentInput } from './appointment.inputs';

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
  inputs: { create: CreateAppointmentInput, update: UpdateAppointmentInput },
  status: APPOINTMENT_LIFECYCLE,
  periods: [{ start: 'startTime', end: 'endTime' }],
  patientIdProperty: 'patientId',
  rules: {
    beforeUpdate(current, changes) {
      if (changes.patientId && changes.patientId !== current.patientId) {
        throw AppError.badInput([{ field: 'input.patientId', rule: 'immutable', message: 'an appointment cannot move to another patient' }]);
      }
    },
  },
});
