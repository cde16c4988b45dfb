import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { IsEmail, Length, MaxLength } from 'class-validator';
import type { Context } from '../context';
import { Role } from '../entities/enums';
import { Tenant, User } from '../entities';
import { authenticate, loadViewer } from '../auth/account.service';
import { AppError } from '../errors/app-error';
import { DateTime } from '../graphql/scalars';

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
