import { Member } from '../entities/member.entity';
import { EVERYONE } from '../auth/permissions';
import { defineResource } from './define';

/** Members of the tenant, read-only: who tasks and reminders can be for. */
export const memberResource = defineResource<Member>({
  typeName: 'Member',
  entity: Member,
  pluralField: 'members',
  filters: ['displayName', 'email', 'role'],
  orderBy: ['displayName', 'createdAt'],
  defaultOrder: [{ property: 'displayName', direction: 'ASC' }],
  permissions: { read: EVERYONE, create: [], update: [], delete: [], restore: [] },
});
