import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { IsEmail, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import type { Context } from '../context';
import { Tenant, User } from '../entities';
import { Invitation } from '../entities/invitation.entity';
import { InvitationStatus, Role } from '../entities/enums';
import { AppError } from '../errors/app-error';
import { DateTime } from '../graphql/scalars';
import { IsNotBlank } from '../graphql/validators';
import { toGlobalId } from '../data/global-id';
import { callerMemberId } from '../data/caller-records';
import { memberResource } from '../resources/member.resource';
import { invitationResource } from '../resources/invitation.resource';
import { acceptUrl, INVITATION_DAYS, newInvitationToken, parseInvitationToken } from '../auth/invitation-tokens';
import { assertPasswordPolicy, hashPassword, PASSWORD_MAX, verifyPassword } from '../auth/passwords';
import { signedIn } from '../auth/account.service';
import { payloadTypeOf } from './resource-resolver';
import { chosenRole, RoleChoice } from './role-assignment';
import { customRoleResource } from '../resources/custom-role.resource';
import { permissionOf } from '../auth/permissions';

@InputType({ description: 'Invites an e-mail address to join the tenant with a role.' })
class InviteMemberInput extends RoleChoice {
  @Field() @MaxLength(254) @IsEmail() email!: string;
  @Field(() => Int, { defaultValue: INVITATION_DAYS, description: 'Days the invitation stays valid (1 to 30).' }) @Min(1) @Max(30) expiresInDays!: number;
}

@ObjectType({ description: 'The invitation, and its token: shown this once (only its hash is stored). Send the link to the invitee.' })
class InviteMemberPayload {
  @Field(() => Invitation) invitation!: Invitation;
  @Field({ description: 'Single use; `acceptInvitation` takes it.' }) token!: string;
  @Field({ description: 'The web app’s page for it (PUBLIC_URL).' }) acceptUrl!: string;
}

@InputType()
class RevokeInvitationInput {
  @Field(() => ID) id!: string;
}

@InputType({ description: 'Accepts an invitation: a new account with this password and name, or, for an e-mail that has an account already, its current password.' })
class AcceptInvitationInput {
  @Field() @Length(1, 200) token!: string;
  @Field({ description: `12 to ${PASSWORD_MAX} characters, at least 5 different, not a well-known password, not containing your e-mail name.` }) @Length(1, PASSWORD_MAX) password!: string;
  @Field({ description: 'Your name as others in the tenant see it (ignored for an existing account); no control or invisible formatting characters.' })
  @MaxLength(200)
  @IsNotBlank()
  @Matches(/^[^\p{Cc}\p{Cf}]*$/u, { message: 'must not contain control or invisible formatting characters' })
  name!: string;
}

@ObjectType()
class AcceptInvitationPayload {
  @Field({ description: 'Signed in already: send as `Authorization: Bearer <accessToken>`.' }) accessToken!: string;
  @Field(() => DateTime) expiresAt!: Date;
  @Field({ description: 'Renews the session (`refreshSession`).' }) refreshToken!: string;
  @Field(() => DateTime) refreshExpiresAt!: Date;
  @Field(() => User) user!: User;
  @Field(() => Tenant) tenant!: Tenant;
  @Field(() => Role) role!: Role;
}

const InvitationPayload = payloadTypeOf(invitationResource);
/** One answer for every token that cannot be accepted, so that a guess learns nothing. */
const invalidToken = () =>
  AppError.badInput([{ field: 'input.token', rule: 'invitation', message: 'this invitation cannot be accepted: it is unknown, used, revoked or expired (ask for a new one)' }]);

const INVITE = permissionOf(invitationResource, 'invite');
const REVOKE = permissionOf(invitationResource, 'revoke');

/** Tenant onboarding (seed 000's invitations): admins invite, invitees accept, admins revoke. */
@Resolver()
export class InvitationResolver {
  @Authorized(INVITE)
  @Mutation(() => InviteMemberPayload, { description: 'Invites an e-mail with a role (a system role or a custom role); the token is returned once. An e-mail with a pending invitation or a membership already is CONFLICT.' })
  async inviteMember(@Arg('input', () => InviteMemberInput) input: InviteMemberInput, @Ctx() { data, db, config }: Context): Promise<InviteMemberPayload> {
    const [member] = await db.query(`SELECT 1 FROM members WHERE tenant_id = $1 AND lower(email) = lower($2) AND deleted_at IS NULL`, [data.tenantId, input.email]);
    if (member) throw AppError.conflict('input.email: already a member of the tenant', { fields: [{ field: 'input.email', rule: 'alreadyMember', message: 'is a member of the tenant already' }] });
    const [{ slug }] = await db.query<{ slug: string }>(`SELECT slug FROM tenants WHERE id = $1`, [data.tenantId]);
    const { role, customRoleId } = await chosenRole(data, input);
    const { token, tokenHash } = newInvitationToken(slug);
    const invitation = await data.create<Invitation>(
      invitationResource,
      {
        email: input.email.toLowerCase(),
        role,
        customRoleId: customRoleId ? toGlobalId(customRoleResource.typeName, customRoleId) : null,
        tokenHash,
        expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
        invitedById: toGlobalId(memberResource.typeName, await callerMemberId(data)),
      },
      true,
    );
    return { invitation, token, acceptUrl: acceptUrl(config.publicUrl, token) };
  }

  @Authorized(REVOKE)
  @Mutation(() => InvitationPayload, { description: 'Revokes a pending invitation: its token no longer works.' })
  async revokeInvitation(@Arg('input', () => RevokeInvitationInput) input: RevokeInvitationInput, @Ctx() { data }: Context) {
    const invitation = await data.act<Invitation>(
      invitationResource,
      { id: input.id },
      (current) => {
        if (current.status !== InvitationStatus.PENDING) {
          throw AppError.conflict(`The invitation is ${current.status}`, { fields: [{ field: 'input.id', rule: 'pending', message: `is ${current.status}, not PENDING` }] });
        }
        return { status: InvitationStatus.REVOKED };
      },
      REVOKE,
    );
    return { invitation };
  }

  @Mutation(() => AcceptInvitationPayload, {
    description: 'Accepts an invitation (no access token needed: the invitation’s token is the proof) and signs in. Unknown, used, revoked and expired tokens get the same answer.',
  })
  async acceptInvitation(@Arg('input', () => AcceptInvitationInput) input: AcceptInvitationInput, @Ctx() { db, credentials, sessions }: Context): Promise<AcceptInvitationPayload> {
    const parsed = parseInvitationToken(input.token);
    if (!parsed) throw invalidToken();
    // Twice at most: an account made for this e-mail meanwhile (an acceptance in another tenant) is checked again.
    for (let attempt = 0; attempt < 2; attempt++) {
      const invitation = await credentials.invitation(parsed.tenantSlug, parsed.tokenHash);
      if (!invitation) throw invalidToken();
      let passwordHash: string;
      if (invitation.passwordHash) {
        // The e-mail has an account: its owner proves it with its password, which stays as it is.
        if (!(await verifyPassword(invitation.passwordHash, input.password))) {
          throw AppError.badInput([{ field: 'input.password', rule: 'existingAccount', message: 'this e-mail has an account already: give its password' }]);
        }
        passwordHash = invitation.passwordHash;
      } else {
        assertPasswordPolicy(input.password, invitation.email);
        passwordHash = await hashPassword(input.password);
      }
      // Locked and checked again in the database: of two accepts at once, the second finds it used.
      const accepted = await credentials.acceptInvitation(parsed.tenantSlug, parsed.tokenHash, passwordHash, input.name.trim(), invitation.userId);
      if (accepted.status === 'CHANGED') continue;
      if (accepted.status === 'SUSPENDED') {
        throw new AppError('FORBIDDEN', 'The tenant’s subscription is suspended: it takes no new members until an operator reactivates it', { reason: 'SUBSCRIPTION_SUSPENDED' });
      }
      if (accepted.status !== 'OK') throw invalidToken();
      const signed = await signedIn(db, accepted);
      if (!signed) throw invalidToken();
      const { caller, user, tenant } = signed;
      return { ...(await sessions.start(caller)), user, tenant, role: caller.role };
    }
    throw AppError.conflict('The account of this e-mail changed while the invitation was accepted: send it again', { retryable: true });
  }
}
