import { Appointment } from '../entities';
import { AppointmentStatus } from '../entities/enums';
import { PERMISSIONS } from '../auth/permissions';
import { defineResource, filterOn, Resource } from '../data/resource';
import { AppError } from '../errors/app-error';
import { assertAppointmentTransition, assertEndAfterStart, INITIAL_APPOINTMENT_STATUSES } from '../domain/appointment-status';
import { patientResource } from './patient.resource';
import { careProfessionalResource } from './care-professional.resource';
import { siteResource } from './site.resource';
import { clinicalNoteResource } from './clinical-note.resource';

export const appointmentResource: Resource<Appointment> = defineResource<Appointment>({
  typeName: 'Appointment',
  entity: Appointment,
  pluralField: 'appointments',
  filters: {
    id: filterOn.reference('id', 'Appointment'),
    patient: filterOn.reference('patientId', 'Patient'),
    careProfessional: filterOn.reference('careProfessionalId', 'CareProfessional'),
    site: filterOn.reference('siteId', 'Site'),
    status: filterOn.enumOf('status', AppointmentStatus, 'AppointmentStatus'),
    title: filterOn.string('title'),
    startTime: filterOn.dateTime('startTime'),
    endTime: filterOn.dateTime('endTime'),
  },
  orderFields: { START_TIME: 'startTime', END_TIME: 'endTime', CREATED_AT: 'createdAt' },
  defaultOrder: [{ field: 'START_TIME', direction: 'ASC' }],
  permissions: PERMISSIONS.Appointment,
  references: {
    patientId: () => patientResource,
    careProfessionalId: () => careProfessionalResource,
    siteId: () => siteResource,
  },
  parents: [{ resource: () => patientResource, foreignKey: 'patientId' }],
  // clinical_notes_appointment_fkey is (tenant_id, appointment_id, patient_id): a note's patient is its appointment's.
  connections: { clinicalNotes: { resource: () => clinicalNoteResource, foreignKey: 'appointmentId', samePatient: true } },
  patientIdProperty: 'patientId',
  rules: {
    beforeCreate(values) {
      const status = values.status ?? AppointmentStatus.SCHEDULED;
      if (!INITIAL_APPOINTMENT_STATUSES.includes(status)) {
        throw AppError.badInput([
          { field: 'input.status', rule: 'initialStatus', message: `a new appointment starts ${INITIAL_APPOINTMENT_STATUSES.join(' or ')}` },
        ]);
      }
      assertEndAfterStart(values.startTime!, values.endTime!);
    },
    beforeUpdate(current, changes) {
      if (changes.status) assertAppointmentTransition(current.status, changes.status);
      if (changes.startTime || changes.endTime) {
        assertEndAfterStart(changes.startTime ?? current.startTime, changes.endTime ?? current.endTime);
      }
      if (changes.patientId && changes.patientId !== current.patientId) {
        throw AppError.badInput([{ field: 'input.patientId', rule: 'immutable', message: 'an appointment cannot move to another patient' }]);
      }
    },
  },
});
