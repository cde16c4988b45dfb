import type { StatusMachine } from '../data/resource';
import { ActionItemStatus, IncidentSeverity, IncidentStatus, IncidentType, Role } from '../entities/enums';

const incident = IncidentStatus;
/** An incident is investigated (or not) and closed; an admin may reopen a closed one. */
export const INCIDENT_LIFECYCLE: StatusMachine<IncidentStatus> = {
  property: 'status',
  initial: [incident.OPEN],
  transitions: {
    [incident.OPEN]: [incident.UNDER_INVESTIGATION, incident.CLOSED],
    [incident.UNDER_INVESTIGATION]: [incident.CLOSED],
    [incident.CLOSED]: [],
  },
  stamps: { [incident.CLOSED]: 'closedAt' },
  overrideRoles: [Role.ADMIN],
};

/**
 * Incidents the regulator must hear of (CQC notifications: abuse and safeguarding, serious
 * injury, death), when the reporter does not say: they may always mark others too.
 */
export const notifiableByDefault = (type: IncidentType, severity: IncidentSeverity) =>
  type === IncidentType.SAFEGUARDING || severity === IncidentSeverity.SEVERE || severity === IncidentSeverity.DEATH;

const item = ActionItemStatus;
export const ACTION_ITEM_LIFECYCLE: StatusMachine<ActionItemStatus> = {
  property: 'status',
  initial: [item.OPEN, item.IN_PROGRESS],
  transitions: {
    [item.OPEN]: [item.IN_PROGRESS, item.DONE, item.CANCELLED],
    [item.IN_PROGRESS]: [item.OPEN, item.DONE, item.CANCELLED],
    [item.DONE]: [],
    [item.CANCELLED]: [],
  },
  stamps: { [item.DONE]: 'completedAt' },
};
