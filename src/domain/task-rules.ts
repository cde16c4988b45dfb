import type { StatusMachine } from '../data/resource';
import { TaskPriority, TaskStatus } from '../entities/enums';

const { PENDING, IN_PROGRESS, COMPLETED, CANCELLED } = TaskStatus;

/** Open work may start, pause, finish or be dropped; COMPLETED and CANCELLED are final (a new task reopens work). */
export const TASK_LIFECYCLE: StatusMachine<TaskStatus> = {
  property: 'status',
  initial: [PENDING, IN_PROGRESS],
  transitions: {
    [PENDING]: [IN_PROGRESS, COMPLETED, CANCELLED],
    [IN_PROGRESS]: [PENDING, COMPLETED, CANCELLED],
    [COMPLETED]: [],
    [CANCELLED]: [],
  },
  stamps: { [COMPLETED]: 'completedAt' },
};

const HOUR = 3_600_000;

/** How long a task of each priority may wait (the seeds' SLA): URGENT is due at once. */
export const TASK_SLA_MS: Record<TaskPriority, number> = {
  [TaskPriority.URGENT]: 0,
  [TaskPriority.HIGH]: 24 * HOUR,
  [TaskPriority.MEDIUM]: 3 * 24 * HOUR,
  [TaskPriority.LOW]: 7 * 24 * HOUR,
};

export function defaultDueAt(priority: TaskPriority, now: Date): Date {
  return new Date(now.getTime() + TASK_SLA_MS[priority]);
}

/** Open statuses: a task in one of them past its due time is overdue. */
export const OPEN_TASK_STATUSES: readonly TaskStatus[] = [PENDING, IN_PROGRESS];

export function isOverdue(task: { status: TaskStatus; dueAt: Date | string }, now: Date): boolean {
  return OPEN_TASK_STATUSES.includes(task.status) && new Date(task.dueAt).getTime() < now.getTime();
}
