import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Field, FieldResolver, Info, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { IsEmail, Length, MaxLength } from 'class-validator';
import type { Context } from '../context';
import { rateLimitedError } from '../http/rate-limits';
import { Role } from '../entities/enums';
import { Tenant, User } from '../entities';
import { authenticate, loadViewer, signedIn } from '../auth/account.service';
import { AppError } from '../errors/app-error';
import { DateTime } from '../graphql/scalars';
import { toGlobalId } from '../data/global-id';
import { resourceTypes } from '../graphql/resource-types';
import { connectionSelection, objectSelection } from '../graphql/selection';
import { withCondition, type PageArgs } from '../data/page-query';
import { careProfessionalResource, memberResource, taskResource } from '../resources';
import { CareProfessional } from '../entities';
import { callerMemberId, callerProfessionalId } from '../data/caller-records';
import { PERMISSION_ENUM } from '../auth/permission-enum';
import { permissionCatalogue } from '../auth/permission-catalogue';
import { refusalFor } from '../auth/permissions';
import { CustomRole } from '../entities/custom-role.entity';

@InputType()
class LoginInput {
  @Field() @MaxLength(254) @IsEmail() email!: string;
  @Field() @Length(1, 200) password!: string;
  @Field({ description: 'The tenant to act in, e.g. `acme-care`.' }) @Length(1, 63) tenantSlug!: string;
}

@ObjectType({ description: 'A session’s tokens: a short-lived access token and the refresh token that renews it (`refreshSession`).' })
class SessionPayload {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`.' }) accessToken!: string;
  @Field(() => DateTime) expiresAt!: Date;
  @Field({ description: 'Single use: `refreshSession` spends it and returns the next. Presented again after that, it ends the session (it was stolen or replayed).' })
  refreshToken!: string;
  @Field(() => DateTime) refreshExpiresAt!: Date;
  @Field(() => Role) role!: Role;
}

@ObjectType()
class LoginPayload extends SessionPayload {
  @Field(() => User) user!: User;
  @Field(() => Tenant) tenant!: Tenant;
}

@InputType()
class RefreshTokenInput {
  @Field() @Length(1, 200) refreshToken!: string;
}

@ObjectType({ description: 'Who is calling: the user, the tenant the token acts in, and the role there.' })
export class Viewer {
  @Field(() => User) user!: User;
  @Field(() => Tenant) tenant!: Tenant;
  @Field(() => Role) role!: Role;
}

@Resolver()
export class AuthResolver {
  @Mutation(() => LoginPayload, { description: 'Exchanges an email, password and tenant slug for an access token.' })
  async login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() { db, credentials, sessions, config, rateLimiter }: Context): Promise<LoginPayload> {
    const waiting = await rateLimiter.admitAccount(input.tenantSlug, input.email);
    if (waiting) throw rateLimitedError(waiting);
    const { caller, user, tenant } = await authenticate(db, credentials, input, { allowDemoLogins: !config.isProduction }).catch(async (error: unknown) => {
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED') await rateLimiter.failedLogin(input.tenantSlug, input.email);
      throw error;
    });
    return { ...(await sessions.start(caller)), user, tenant, role: caller.role };
  }

  @Mutation(() => SessionPayload, { description: 'Spends a refresh token for new tokens, with the member’s current role, features and permissions. Unknown, expired, revoked and spent tokens are UNAUTHENTICATED; a spent one also ends its session.' })
  async refreshSession(@Arg('input', () => RefreshTokenInput) input: RefreshTokenInput, @Ctx() { db, sessions }: Context): Promise<SessionPayload> {
    const { caller, tokens } = await sessions.refresh(input.refreshToken, async (member) => (await signedIn(db, member))?.caller ?? null);
    return { ...tokens, role: caller.role };
  }

  @Mutation(() => Boolean, { description: 'Ends the session of this refresh token. Access tokens already issued stay valid until they expire (JWT_TTL_SECONDS).' })
  async logout(@Arg('input', () => RefreshTokenInput) input: RefreshTokenInput, @Ctx() { sessions }: Context): Promise<boolean> {
    await sessions.logout(input.refreshToken);
    return true;
  }

  @Mutation(() => Int, { description: 'Ends every session of yours in this tenant (the number of refresh tokens revoked). Access tokens already issued stay valid until they expire.' })
  async logoutEverywhere(@Ctx() { sessions, caller }: Context): Promise<number> {
    if (!caller) throw AppError.unauthenticated();
    return sessions.logoutEverywhere(caller);
  }

  @Query(() => Viewer)
  async me(@Ctx() { db, caller }: Context): Promise<Viewer> {
    if (!caller) throw AppError.unauthenticated();
    return { ...(await loadViewer(db, caller)), role: caller.role };
  }
}

const tasks = resourceTypes(taskResource);

/** The caller's own records, so that "my tasks" or "my appointments today" is one query. */
@Resolver(() => Viewer)
export class ViewerResolver {
  @FieldResolver(() => [PERMISSION_ENUM], {
    description: 'What you may do now: the permissions of your role (a custom role’s own, or the role table’s) whose feature is on. A client shows or hides its actions by them; the server checks each anyway.',
  })
  permissions(@Ctx() { caller }: Context): string[] {
    return [...permissionCatalogue().values()].filter((permission) => !refusalFor(caller!, permission)).map((permission) => permission.key);
  }

  @FieldResolver(() => CustomRole, { nullable: true, description: 'Your custom role, if you have one (`role` is then its masking profile): yours to see, whatever it lets you read.' })
  async customRole(@Ctx() { db, caller }: Context): Promise<CustomRole | null> {
    if (!caller?.customRoleId) return null;
    const [row] = await db.query(
      `SELECT id, tenant_id AS "tenantId", name, description, masking_profile AS "maskingProfile", permissions, version, created_at AS "createdAt", updated_at AS "updatedAt"
         FROM custom_roles WHERE tenant_id = $1 AND id = $2`,
      [caller.tenantId, caller.customRoleId],
    );
    return row ? Object.assign(new CustomRole(), row) : null;
  }

  @FieldResolver(() => CareProfessional, { nullable: true, description: "The caller's care professional record; null for members who are not one." })
  async careProfessional(@Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    const id = await callerProfessionalId(data);
    return id ? data.byId(careProfessionalResource, id, objectSelection(info)) : null;
  }

  @FieldResolver(() => tasks.Connection, { description: 'Tasks assigned to the caller, filtered and ordered like `tasks`.' })
  async tasks(@Args(() => tasks.ConnectionArgs) args: PageArgs, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    const memberId = await callerMemberId(data);
    const mine = { assignee: { eq: toGlobalId(memberResource.typeName, memberId) } };
    return data.page(taskResource, withCondition(args, mine), connectionSelection(info));
  }
}
