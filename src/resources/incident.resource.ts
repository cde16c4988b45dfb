import { MaxLength } from 'class-validator';
import { Incident } from '../entities/incident.entity';
import { IncidentSeverity, IncidentStatus, Role, Feature } from '../entities/enums';
import { AppError } from '../errors/app-error';
import { callerMemberId } from '../data/caller-records';
import { INCIDENT_LIFECYCLE, notifiableByDefault } from '../domain/care-home';
import { defineResource } from './define';
import { siteResource } from './site.resource';
import { patientResource } from './patient.resource';
import { memberResource } from './member.resource';

const { ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR } = Role;

/** Free text of an incident: long enough for an investigation's account, bounded all the same. */
export const INCIDENT_TEXT_MAX = 20_000;

function assertClosable(status: IncidentStatus, actionsTaken: string | null | undefined): void {
  // Some letter or digit: blank or invisible text (a zero-width space) says nothing.
  if (status === IncidentStatus.CLOSED && !/[\p{L}\p{N}]/u.test(actionsTaken ?? '')) {
    throw AppError.badInput([{ field: 'input.actionsTaken', rule: 'requiredToClose', message: 'say what was done before closing the incident' }]);
  }
}

export const incidentResource = defineResource<Incident>({
  typeName: 'Incident',
  entity: Incident,
  pluralField: 'incidents',
  relations: {
    siteId: { target: () => siteResource, field: 'site', inverse: 'incidents', inverseDescription: 'Incidents at this site.' },
    patientId: { target: () => patientResource, field: 'patient', description: 'The resident involved, if any.', inverse: 'incidents', samePatient: true },
    reportedById: { target: () => memberResource, field: 'reportedBy', description: 'Who reported it (the caller, when it was created).' },
  },
  filters: ['site', 'patient', 'type', 'severity', 'status', 'occurredAt', 'regulatorNotifiable', 'reportedBy', 'closedAt'],
  orderBy: ['occurredAt', 'createdAt', { property: 'severity', byRank: Object.values(IncidentSeverity) }, { property: 'status', byRank: Object.values(IncidentStatus) }],
  defaultOrder: [{ property: 'occurredAt', direction: 'DESC' }],
  // Anyone on shift reports; managers investigate and close.
  feature: Feature.CARE_HOMES,
  permissions: { read: [ADMIN, COORDINATOR, CLINICIAN, CARE_WORKER], create: [ADMIN, COORDINATOR, CLINICIAN, CARE_WORKER], update: [ADMIN, COORDINATOR, CLINICIAN], delete: [ADMIN], restore: [ADMIN] },
  inputs: {
    required: ['siteId', 'type', 'severity', 'occurredAt', 'details'],
    optional: ['patientId', 'safeguardingNotes', 'actionsTaken', 'status', 'regulatorNotifiable'],
    immutable: ['siteId'],
    validate: { details: [MaxLength(INCIDENT_TEXT_MAX)], safeguardingNotes: [MaxLength(INCIDENT_TEXT_MAX)], actionsTaken: [MaxLength(INCIDENT_TEXT_MAX)] },
    descriptions: {
      regulatorNotifiable: 'Defaults to true for SAFEGUARDING incidents and SEVERE or DEATH severity (CQC notifications), false otherwise.',
      status: 'Starts OPEN; then UNDER_INVESTIGATION and CLOSED. Closing needs actionsTaken.',
    },
  },
  status: INCIDENT_LIFECYCLE,
  patientIdProperty: 'patientId',
  notInFuture: ['occurredAt'],
  rules: {
    async beforeCreate(values, data) {
      values.regulatorNotifiable ??= notifiableByDefault(values.type!, values.severity!);
      values.reportedById = await callerMemberId(data);
    },
    beforeUpdate(current, changes) {
      assertClosable(changes.status ?? current.status, changes.actionsTaken !== undefined ? changes.actionsTaken : current.actionsTaken);
      // Reopened (an admin's correction): no longer closed.
      if (current.status === IncidentStatus.CLOSED && changes.status && changes.status !== IncidentStatus.CLOSED) changes.closedAt = null;
    },
  },
});
