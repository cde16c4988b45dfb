import { IsEmail, MaxLength } from 'class-validator';
import { IsPhoneNumber } from '../graphql/validators';
import { Lead } from '../entities/lead.entity';
import { ActivityAction, LeadReadiness, LeadStatus, Role, Feature } from '../entities/enums';
import { toGlobalId } from '../data/global-id';
import { recordActivity } from './activity-log.resource';
import { LEAD_PIPELINE } from '../domain/lead-pipeline';
import { defineResource } from './define';
import { memberRole } from '../data/resource';
import { memberResource } from './member.resource';

const { ADMIN, COORDINATOR, SDR, HEALTH_COACH } = Role;

/** A lead's notes, call notes appended included (the migration's CHECK says the same). */
export const LEAD_NOTES_MAX = 10000;

export const leadResource = defineResource<Lead>({
  typeName: 'Lead',
  entity: Lead,
  pluralField: 'leads',
  relations: {
    ownerId: { target: () => memberResource, field: 'owner', description: 'The SDR working the lead; null when unassigned (`assignLead`).', targetIs: memberRole(SDR) },
    healthCoachId: {
      target: () => memberResource,
      field: 'healthCoach',
      description: 'The health coach the lead booked with; becomes the patient’s coach at conversion.',
      targetIs: memberRole(HEALTH_COACH),
    },
  },
  filters: ['firstName', 'lastName', 'email', 'status', 'source', 'readiness', 'owner', 'healthCoach', 'callCount', 'lastContactedAt', 'convertedAt', 'portalAccess', 'createdAt', 'updatedAt'],
  orderBy: [
    'lastName',
    'createdAt',
    'updatedAt',
    'callCount',
    { property: 'status', byRank: Object.values(LeadStatus) },
    { property: 'readiness', byRank: Object.values(LeadReadiness) },
  ],
  defaultOrder: [{ property: 'createdAt', direction: 'DESC' }],
  // SDRs own and work leads; coaches see whom they will receive; admins correct and delete.
  feature: Feature.LEAD_PIPELINE,
  permissions: { read: [ADMIN, COORDINATOR, SDR, HEALTH_COACH], create: [ADMIN, SDR], update: [ADMIN, SDR], delete: [ADMIN], restore: [ADMIN] },
  inputs: {
    required: ['firstName', 'lastName', 'email'],
    optional: ['phone', 'status', 'source', 'readiness', 'outcome', 'leadType', 'ownerId', 'healthCoachId', 'notes', 'portalAccess'],
    descriptions: {
      status: 'A new lead starts HHQ_STARTED (the default), HHQ_SIGNED or BOOKING_NOT_PAID; then one stage forward at a time (admins may move it anywhere).',
      ownerId: 'A Member of the tenant (the SDR working the lead).',
      healthCoachId: 'A Member of the tenant.',
    },
    validate: { email: [IsEmail()], phone: [IsPhoneNumber()], notes: [MaxLength(LEAD_NOTES_MAX)] },
  },
  status: LEAD_PIPELINE,
  rules: {
    // The team's feed hears of every stage move and hand-over, whichever mutation made it.
    async beforeUpdate(current, changes, data) {
      if (changes.status && changes.status !== current.status) {
        await recordActivity(data, { leadId: current.id }, ActivityAction.LEAD_STATUS_CHANGED, { from: current.status, to: changes.status });
      }
      if (changes.ownerId !== undefined && changes.ownerId !== current.ownerId) {
        await recordActivity(data, { leadId: current.id }, ActivityAction.LEAD_ASSIGNED, { ownerId: changes.ownerId && toGlobalId(memberResource.typeName, changes.ownerId) });
      }
    },
  },
});
