import { Notification } from '../entities/notification.entity';
import { NotificationPriority, Role } from '../entities/enums';
import { EVERYONE } from '../auth/permissions';
import { defineResource } from './define';
import { memberResource } from './member.resource';

/** A member's own notifications. Constants only: the member is the request's user. */
const OWN = {
  description: 'a member reads their own notifications only (admins read every member’s)',
  sql: (t: string) => `${t}.member_id = (SELECT m.id FROM memberships m WHERE m.tenant_id = ${t}.tenant_id AND m.user_id = nullif(current_setting('app.user_id', true), '')::uuid)`,
};

/**
 * Notifications (seed 004), made by the database with the events they tell of (migration
 * Notifications); nobody writes them through the API. Each member reads their own
 * (`me.notifications`, filtered `readAt: { isNull: true }` for the unread), marks them read
 * (`markNotificationsRead`), and `me.unreadNotifications` counts the unread. `notifications`
 * is the same list for every role but ADMIN, for whom it is the tenant's (who was told what:
 * admins read everything the notifications point at anyway).
 */
export const notificationResource = defineResource<Notification>({
  typeName: 'Notification',
  entity: Notification,
  pluralField: 'notifications',
  relations: {
    memberId: { target: () => memberResource, field: 'recipient', description: 'The member it is for.', cascade: true },
  },
  filters: ['recipient', 'type', 'priority', 'readAt', 'createdAt'],
  orderBy: ['createdAt', { property: 'priority', byRank: Object.values(NotificationPriority) }],
  defaultOrder: [{ property: 'createdAt', direction: 'DESC' }],
  permissions: { read: EVERYONE, create: [], update: [], delete: [], restore: [] },
  actions: { markRead: { roles: EVERYONE, description: 'mark your own notifications read (`markNotificationsRead`)' } },
  rowScope: Object.fromEntries(Object.values(Role).filter((role) => role !== Role.ADMIN).map((role) => [role, OWN])),
});
