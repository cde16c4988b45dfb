import { ActivityLog } from '../entities/activity-log.entity';
import { ActivityAction, Role, Feature } from '../entities/enums';
import type { DataAccess } from '../data/data-access';
import { callerMemberId } from '../data/caller-records';
import { toGlobalId } from '../data/global-id';
import { defineResource, resourceNamed } from './define';
import { memberResource } from './member.resource';

// By name: the lead's and the patient's rules write to the feed, so their modules import this one.
const lead = () => resourceNamed('Lead');
const patient = () => resourceNamed('Patient');

const { ADMIN, COORDINATOR, SDR, HEALTH_COACH } = Role;

/** Read-only: entries are written by the domain operations (recordActivity), in their transaction. */
export const activityLogResource = defineResource<ActivityLog>({
  typeName: 'ActivityLog',
  entity: ActivityLog,
  pluralField: 'activities',
  relations: {
    leadId: { target: lead, field: 'lead', inverse: 'activities', inverseDescription: 'What the team did with the lead, newest first.', cascade: true },
    patientId: {
      target: patient,
      field: 'patient',
      inverse: 'activities',
      inverseDescription: 'What the team did about the patient (journey moves, completed tasks), newest first.',
      cascade: true,
      samePatient: true,
    },
    actorId: { target: () => memberResource, field: 'actor', description: 'Who did it; null if their membership was deleted.' },
  },
  filters: ['lead', 'patient', 'action', 'occurredAt', 'actor'],
  orderBy: ['occurredAt'],
  defaultOrder: [{ property: 'occurredAt', direction: 'DESC' }],
  // The HealthCRM team's feed; it holds stages, outcomes and call notes, no clinical content.
  permissions: { read: [ADMIN, COORDINATOR, SDR, HEALTH_COACH], create: [], update: [], delete: [], restore: [] },
  // HealthCRM's feed of leads and journeys.
  feature: Feature.LEAD_PIPELINE,
  rowScope: { [SDR]: { description: 'an SDR sees the feed of leads only', sql: (t) => `${t}.lead_id IS NOT NULL` } },
  exactlyOne: [['leadId', 'patientId']],
  patientIdProperty: 'patientId',
});

/** Writes one feed entry about a lead or a patient (database ids), by the caller, on the operation's authority. */
export async function recordActivity(data: DataAccess, subject: { leadId: string } | { patientId: string }, action: ActivityAction, details: Record<string, unknown> = {}): Promise<void> {
  const memberId = await callerMemberId(data);
  await data.create(
    activityLogResource,
    {
      ...('leadId' in subject ? { leadId: toGlobalId(lead().typeName, subject.leadId) } : { patientId: toGlobalId(patient().typeName, subject.patientId) }),
      action,
      details,
      actorId: toGlobalId(memberResource.typeName, memberId),
    },
    true,
  );
}
