import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Min } from 'class-validator';
import type { Context } from '../context';
import { Member } from '../entities/member.entity';
import { chosenRole, RoleChoice } from './role-assignment';
import { AppError } from '../errors/app-error';
import { expectGlobalId } from '../data/global-id';
import type { DataAccess } from '../data/data-access';
import { memberResource } from '../resources/member.resource';
import { assertWithinOwn, permissionOf, systemRolePermissions } from '../auth/permissions';
import type { Role } from '../entities/enums';

@InputType({ description: 'Gives a member another role (a system role or a custom role); it applies from their next request.' })
class ChangeMemberRoleInput extends RoleChoice {
  @Field(() => ID, { description: 'The Member.' }) id!: string;
  @Field(() => Int, { description: 'The version read: a stale one is CONFLICT.' }) @Min(1) expectedVersion!: number;
}

@InputType()
class MemberIdInput {
  @Field(() => ID, { description: 'The Member.' }) id!: string;
}

@ObjectType({ description: 'The member after the change (`active` false once deactivated).' })
class MemberAdministrationPayload {
  @Field(() => Member) member!: Member;
  @Field({ description: 'Whether the member may use the tenant (their next request is refused once deactivated).' }) active!: boolean;
}

/** Each administration mutation and the Member action it needs. */
const ACTIONS = {
  changeMemberRole: permissionOf(memberResource, 'changeRole'),
  deactivateMember: permissionOf(memberResource, 'deactivate'),
  reactivateMember: permissionOf(memberResource, 'reactivate'),
};
const READ_DEACTIVATED = permissionOf(memberResource, 'readDeactivated');
const MEMBER_COLUMNS = `m.id, m.tenant_id AS "tenantId", m.user_id AS "userId", m.display_name AS "displayName", m.email, m.role, m.custom_role_id AS "customRoleId", m.version,
  m.created_at AS "createdAt", m.updated_at AS "updatedAt", m.deleted_at AS "deletedAt"`;

/**
 * Updates one membership of the caller's tenant as the request role (which may set `role` and
 * `deleted_at` only) and returns the member as the `members` view shows them, deactivated or not.
 * The database keeps a tenant's last active admin (`lastAdmin`) and its plan's member limit.
 */
async function administer(data: DataAccess, action: keyof typeof ACTIONS, id: string, set: string, where: string, values: unknown[]): Promise<MemberAdministrationPayload> {
  data.authorizeAction(ACTIONS[action]);
  await data.assertWritable();
  const memberId = expectGlobalId(id, memberResource.typeName, 'input.id');
  await assertTargetWithinOwn(data, memberId);
  // An API client's membership is not a member's (the members view leaves it out): not found, like any other id.
  const updated = await data.db.query(`UPDATE memberships SET ${set} WHERE tenant_id = $1 AND id = $2 AND api_client_id IS NULL AND ${where} RETURNING id`, [data.tenantId, memberId, ...values]);
  const [row] = await data.db.query(`SELECT ${MEMBER_COLUMNS} FROM members m WHERE m.tenant_id = $1 AND m.id = $2`, [data.tenantId, memberId]);
  if (!row) throw AppError.notFound(memberResource.typeName);
  data.loaders.clear();
  const member = Object.assign(new Member(), row);
  if (!updated.length) return refusal(member, action, values);
  return { member, active: member.deletedAt === null };
}

/**
 * A caller administers only members whose role is within their own permissions (a custom role
 * holding MEMBER_DEACTIVATE does not deactivate an admin). Admins hold every permission: only
 * custom-role callers need the member's role read.
 */
async function assertTargetWithinOwn(data: DataAccess, memberId: string): Promise<void> {
  const caller = data.requireCaller();
  if (!caller.permissions) return;
  const [target] = await data.db.query<{ role: Role; permissions: string[] | null; customRoleId: string | null }>(
    `SELECT m.role, m.custom_role_id AS "customRoleId", r.permissions FROM memberships m LEFT JOIN custom_roles r ON r.tenant_id = m.tenant_id AND r.id = m.custom_role_id
      WHERE m.tenant_id = $1 AND m.id = $2`,
    [data.tenantId, memberId],
  );
  if (!target) return; // NOT_FOUND below
  assertWithinOwn(caller, target.customRoleId ? (target.permissions ?? []) : systemRolePermissions(target.role), 'input.id', 'This member’s role');
}

/** Why nothing was updated: the row exists (read above), so its state or version said no. */
function refusal(member: Member, action: keyof typeof ACTIONS, values: unknown[]): never {
  if (action === 'changeMemberRole') {
    if (member.deletedAt) throw AppError.conflict('The member is deactivated: reactivate them first', { fields: [{ field: 'input.id', rule: 'active', message: 'is deactivated' }] });
    throw AppError.stale(memberResource.typeName, values[values.length - 1] as number, member.version);
  }
  const wanted = action === 'deactivateMember' ? 'active' : 'deactivated';
  throw AppError.conflict(`The member is not ${wanted}`, { fields: [{ field: 'input.id', rule: wanted, message: `is not ${wanted}` }] });
}

/** Member administration: roles, deactivation and reactivation, for admins. */
@Resolver()
export class MemberResolver {
  @Authorized(ACTIONS.changeMemberRole)
  @Mutation(() => MemberAdministrationPayload, { description: 'Changes an active member’s role, to a system role or a custom role (from their next request). The last active admin cannot be demoted (CONFLICT, rule lastAdmin).' })
  async changeMemberRole(@Arg('input', () => ChangeMemberRoleInput) input: ChangeMemberRoleInput, @Ctx() { data }: Context) {
    const { role, customRoleId } = await chosenRole(data, input);
    return administer(data, 'changeMemberRole', input.id, 'role = $3, custom_role_id = $4', 'deleted_at IS NULL AND version = $5', [role, customRoleId, input.expectedVersion]);
  }

  @Authorized(ACTIONS.deactivateMember)
  @Mutation(() => MemberAdministrationPayload, { description: 'Deactivates a member: their next request is refused. The last active admin cannot be (rule lastAdmin).' })
  deactivateMember(@Arg('input', () => MemberIdInput) input: MemberIdInput, @Ctx() { data }: Context) {
    return administer(data, 'deactivateMember', input.id, "deleted_at = date_trunc('milliseconds', now())", 'deleted_at IS NULL', []);
  }

  @Authorized(ACTIONS.reactivateMember)
  @Mutation(() => MemberAdministrationPayload, { description: 'Reactivates a deactivated member with their role, within the plan’s member limit.' })
  reactivateMember(@Arg('input', () => MemberIdInput) input: MemberIdInput, @Ctx() { data }: Context) {
    return administer(data, 'reactivateMember', input.id, 'deleted_at = NULL', 'deleted_at IS NOT NULL', []);
  }

  @Authorized(READ_DEACTIVATED)
  @Query(() => [Member], { description: 'Deactivated members (at most 500, most recent first): `members` lists the active ones.' })
  async deactivatedMembers(@Ctx() { data }: Context): Promise<Member[]> {
    data.authorizeAction(READ_DEACTIVATED);
    const rows = await data.db.query(`SELECT ${MEMBER_COLUMNS} FROM members m WHERE m.tenant_id = $1 AND m.deleted_at IS NOT NULL ORDER BY m.deleted_at DESC, m.id LIMIT 500`, [data.tenantId]);
    return rows.map((row) => Object.assign(new Member(), row));
  }
}
