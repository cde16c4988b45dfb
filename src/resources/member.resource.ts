import { Member } from '../entities/member.entity';
import { EVERYONE } from '../auth/permissions';
import { Role } from '../entities/enums';
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
  // Member administration (src/resolvers/member.resolver.ts); members join through invitations.
  actions: {
    changeRole: { roles: [Role.ADMIN], description: 'give a member another role (`changeMemberRole`)' },
    deactivate: { roles: [Role.ADMIN], description: 'deactivate a member (`deactivateMember`)' },
    reactivate: { roles: [Role.ADMIN], description: 'reactivate a member (`reactivateMember`)' },
    readDeactivated: { roles: [Role.ADMIN], description: 'list deactivated members (`deactivatedMembers`)' },
  },
});
