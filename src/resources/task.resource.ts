import { Task } from '../entities/task.entity';
import { ActivityAction, Role, TaskPriority, TaskStatus, Feature } from '../entities/enums';
import { toGlobalId } from '../data/global-id';
import { recordActivity } from './activity-log.resource';
import { EVERYONE } from '../auth/permissions';
import { defaultDueAt, isOverdue, OPEN_TASK_STATUSES, TASK_LIFECYCLE } from '../domain/task-rules';
import { defineResource } from './define';
import { sqlLiteralList } from '../data/table';
import { patientResource } from './patient.resource';
import { memberResource } from './member.resource';
import { leadResource } from './lead.resource';
import { MaxLength } from 'class-validator';
import { FREE_TEXT } from '../data/masks';

export const taskResource = defineResource<Task>({
  typeName: 'Task',
  entity: Task,
  pluralField: 'tasks',
  masks: { description: FREE_TEXT },
  relations: {
    assigneeId: { target: () => memberResource, field: 'assignee', description: 'The member the task is for; null when unassigned.' },
    patientId: {
      target: () => patientResource,
      field: 'patient',
      description: 'The patient the task is about, if any.',
      inverse: 'tasks',
      inverseDescription: "Tasks about the patient, a page per patient.",
      cascade: true,
    },
    leadId: { target: () => leadResource, field: 'lead', description: 'The lead the task is about, if any.', inverse: 'tasks', inverseDescription: 'Tasks about the lead, a page per lead.', cascade: true },
  },
  filters: ['title', 'status', 'priority', 'dueAt', 'completedAt', 'assignee', 'patient', 'lead', 'overdue', 'createdAt'],
  orderBy: ['dueAt', { property: 'priority', byRank: Object.values(TaskPriority) }, 'createdAt', 'updatedAt'],
  defaultOrder: [{ property: 'dueAt', direction: 'ASC' }],
  // Tasks are everyone's work; they hold titles, not clinical content.
  permissions: { read: EVERYONE, create: EVERYONE, update: EVERYONE, delete: EVERYONE, restore: EVERYONE },
  // About a lead: HealthCRM's, out of sight while the lead pipeline is off.
  featureRows: { [Feature.LEAD_PIPELINE]: (t) => `${t}.lead_id IS NOT NULL` },
  rowScope: { [Role.SDR]: { description: 'an SDR works with tasks about leads or about no one, not about patients', sql: (t) => `${t}.patient_id IS NULL` } },
  inputs: {
    required: ['title'],
    optional: ['description', 'priority', 'dueAt', 'status', 'assigneeId', 'patientId', 'leadId'],
    descriptions: { priority: 'MEDIUM by default.', assigneeId: 'A Member of the tenant.', patientId: 'At most one of patientId and leadId.', leadId: 'At most one of patientId and leadId.' },
    validate: { description: [MaxLength(5000)] },
  },
  status: TASK_LIFECYCLE,
  atMostOne: [['patientId', 'leadId']],
  computed: {
    overdue: {
      type: 'boolean',
      description: 'Still open (PENDING or IN_PROGRESS) after its due time.',
      needs: ['status', 'dueAt'],
      value: (task) => isOverdue(task, new Date()),
      sql: (t) => `(${t}.due_at < now() AND ${t}.status IN (${sqlLiteralList(OPEN_TASK_STATUSES)}))`,
    },
  },
  patientIdProperty: 'patientId',
  rules: {
    // A completed task about a lead or a patient goes to their activity feed.
    async beforeUpdate(current, changes, data) {
      if (changes.status !== TaskStatus.COMPLETED || current.status === TaskStatus.COMPLETED) return;
      const leadId = changes.leadId !== undefined ? changes.leadId : current.leadId;
      const patientId = changes.patientId !== undefined ? changes.patientId : current.patientId;
      const subject = leadId ? { leadId } : patientId ? { patientId } : null;
      if (subject) await recordActivity(data, subject, ActivityAction.TASK_COMPLETED, { taskId: toGlobalId(taskResource.typeName, current.id), title: changes.title ?? current.title });
    },
    beforeCreate(values) {
      values.priority ??= TaskPriority.MEDIUM;
      values.dueAt ??= defaultDueAt(values.priority, new Date());
    },
  },
});
