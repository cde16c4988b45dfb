import { AuditActionItem, QualityAudit } from '../entities/quality-audit.entity';
import { Role, Feature } from '../entities/enums';
import { ACTION_ITEM_LIFECYCLE } from '../domain/care-home';
import { defineResource } from './define';
import { siteResource } from './site.resource';
import { memberResource } from './member.resource';

const { ADMIN, COORDINATOR, CLINICIAN, ANALYST } = Role;
/** Audits are the managers' work; clinicians and analysts read them. */
const AUDIT_PERMISSIONS = { read: [ADMIN, COORDINATOR, CLINICIAN, ANALYST], create: [ADMIN, COORDINATOR], update: [ADMIN, COORDINATOR], delete: [ADMIN], restore: [ADMIN] };

export const qualityAuditResource = defineResource<QualityAudit>({
  typeName: 'QualityAudit',
  entity: QualityAudit,
  pluralField: 'qualityAudits',
  relations: {
    siteId: { target: () => siteResource, field: 'site', inverse: 'qualityAudits', inverseDescription: 'Quality audits of this site, latest first.', cascade: true },
    auditorId: { target: () => memberResource, field: 'auditor', description: 'The member who audited.' },
  },
  filters: ['site', 'type', 'auditDate', 'score', 'auditor'],
  orderBy: ['auditDate', 'score', 'createdAt'],
  defaultOrder: [{ property: 'auditDate', direction: 'DESC' }],
  feature: Feature.CARE_HOMES,
  permissions: AUDIT_PERMISSIONS,
  inputs: { required: ['siteId', 'type', 'auditDate', 'auditorId', 'score'], optional: ['findings'], immutable: ['siteId'], descriptions: { score: '0 to 100.' } },
});

export const auditActionItemResource = defineResource<AuditActionItem>({
  typeName: 'AuditActionItem',
  entity: AuditActionItem,
  pluralField: 'auditActionItems',
  relations: {
    auditId: { target: () => qualityAuditResource, field: 'audit', inverse: 'actionItems', inverseDescription: 'The audit’s action plan.', cascade: true },
    ownerId: { target: () => memberResource, field: 'owner', description: 'Who carries the action out.' },
  },
  filters: ['audit', 'owner', 'status', 'dueDate', 'completedAt'],
  orderBy: ['dueDate', 'createdAt', { property: 'status', byRank: ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'] }],
  defaultOrder: [{ property: 'dueDate', direction: 'ASC' }],
  feature: Feature.CARE_HOMES,
  permissions: AUDIT_PERMISSIONS,
  inputs: { required: ['auditId', 'description', 'ownerId', 'dueDate'], optional: ['status'], immutable: ['auditId'] },
  status: ACTION_ITEM_LIFECYCLE,
});
