import { Member } from '../entities/member.entity';
import { EVERYONE } from '../auth/permissions';
import { Role } from '../entities/enums';
import { defineResource, resourceNamed } from './define';

/** Members of the tenant, read-only: who tasks and reminders can be for. */
export const memberResource = defineResource<Member>({
  typeName: 'Member',
  entity: Member,
  pluralField: 'members',
  relations: {
    // By name: the custom role's module is registered after this one's. Who has a role: `members(filter: { customRole: { eq: … } })`.
    customRoleId: { target: () => resourceNamed('CustomRole'), field: 'customRole', description: 'The custom role the member has, if any (their permissions are its own).' },
  },
  filters: ['displayName', 'email', 'role', 'customRole'],
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
