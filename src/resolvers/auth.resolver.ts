import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Field, FieldResolver, Info, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { IsEmail, Length, MaxLength } from 'class-validator';
import type { Context } from '../context';
import { Role } from '../entities/enums';
import { Tenant, User } from '../entities';
import { authenticate, loadViewer } from '../auth/account.service';
import { AppError } from '../errors/app-error';
import { DateTime } from '../graphql/scalars';
import { toGlobalId } from '../data/global-id';
import { resourceTypes } from '../graphql/resource-types';
import { connectionSelection, objectSelection } from '../graphql/selection';
import type { PageArgs } from '../data/page-query';
import { careProfessionalResource, memberResource, taskResource } from '../resources';
import { CareProfessional } from '../entities';
import { callerMemberId, callerProfessionalId } from '../data/caller-records';

@InputType()
class LoginInput {
  @Field() @MaxLength(254) @IsEmail() email!: string;
  @Field() @Length(1, 200) password!: string;
  @Field({ description: 'The tenant to act in, e.g. `acme-care`.' }) @Length(1, 63) tenantSlug!: string;
}

@ObjectType()
class LoginPayload {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`.' }) accessToken!: string;
  @Field(() => DateTime) expiresAt!: Date;
  @Field(() => User) user!: User;
  @Field(() => Tenant) tenant!: Tenant;
  @Field(() => Role) role!: Role;
}

@ObjectType({ description: 'Who is calling: the user, the tenant the token acts in, and the role there.' })
class Viewer {
  @Field(() => User) user!: User;
  @Field(() => Tenant) tenant!: Tenant;
  @Field(() => Role) role!: Role;
}

@Resolver()
export class AuthResolver {
  @Mutation(() => LoginPayload, { description: 'Exchanges an email, password and tenant slug for an access token.' })
  async login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() { db, credentials, tokens, config }: Context): Promise<LoginPayload> {
    const { caller, user, tenant } = await authenticate(db, credentials, input, { allowDemoLogins: !config.isProduction });
    return { ...tokens.issue(caller), user, tenant, role: caller.role };
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
  @FieldResolver(() => CareProfessional, { nullable: true, description: "The caller's care professional record; null for members who are not one." })
  async careProfessional(@Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    const id = await callerProfessionalId(data);
    return id ? data.byId(careProfessionalResource, id, objectSelection(info)) : null;
  }

  @FieldResolver(() => tasks.Connection, { description: 'Tasks assigned to the caller, filtered and ordered like `tasks`.' })
  async tasks(@Args(() => tasks.ConnectionArgs) args: PageArgs, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    const memberId = await callerMemberId(data);
    const mine = { assignee: { eq: toGlobalId(memberResource.typeName, memberId) } };
    return data.page(taskResource, { ...args, filter: args.filter ? { and: [args.filter, mine] } : mine }, connectionSelection(info));
  }
}
