import { Invitation } from '../entities/invitation.entity';
import { InvitationStatus, Role } from '../entities/enums';
import { defineResource, resourceNamed } from './define';
import { memberResource } from './member.resource';

/** Read by admins; written by `inviteMember`, `revokeInvitation` and `acceptInvitation` only (src/resolvers/invitation.resolver.ts). */
export const invitationResource = defineResource<Invitation>({
  typeName: 'Invitation',
  entity: Invitation,
  pluralField: 'invitations',
  relations: {
    customRoleId: { target: () => resourceNamed('CustomRole'), field: 'customRole', description: 'The custom role the invitee will have, if any.' },
    invitedById: { target: () => memberResource, field: 'invitedBy', description: 'The admin who invited; null for the first admin, invited by the operator’s `tenant:create`.' },
  },
  filters: ['email', 'role', 'status', 'expiresAt', 'createdAt'],
  orderBy: ['createdAt', 'expiresAt'],
  defaultOrder: [{ property: 'createdAt', direction: 'DESC' }],
  permissions: { read: [Role.ADMIN], create: [], update: [], delete: [], restore: [] },
  actions: {
    invite: { roles: [Role.ADMIN], description: 'invite an e-mail to join with a role (`inviteMember`)' },
    revoke: { roles: [Role.ADMIN], description: 'revoke a pending invitation (`revokeInvitation`)' },
  },
  computed: {
    expired: {
      type: 'boolean',
      description: 'PENDING past its expiry: it can no longer be accepted (invite again).',
      needs: ['status', 'expiresAt'],
      value: (invitation) => invitation.status === InvitationStatus.PENDING && new Date(invitation.expiresAt).getTime() <= Date.now(),
      sql: (t) => `(${t}.status = 'PENDING' AND ${t}.expires_at <= now())`,
    },
  },
});
