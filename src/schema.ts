import 'reflect-metadata';
import { AuthChecker, buildSchemaSync } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import type { Context } from './context';
import type { Role } from './entities/enums';
import { AppError } from './errors/app-error';
import { VALIDATOR_OPTIONS } from './graphql/validators';
import { RESOURCES } from './resources';
import { createResourceResolver } from './resolvers/resource-resolver';
import { AuthResolver, ViewerResolver } from './resolvers/auth.resolver';
import { NodeResolver } from './resolvers/node.resolver';
import { SchedulingResolver } from './resolvers/scheduling.resolver';
import { LeadResolver } from './resolvers/lead.resolver';
import { LeadFunnelResolver } from './resolvers/lead-funnel.resolver';
import { ResidentResolver } from './resolvers/resident.resolver';
import { TenantResolver } from './resolvers/tenant.resolver';
import { InvitationResolver } from './resolvers/invitation.resolver';
import { MemberResolver } from './resolvers/member.resolver';

/** `@Authorized(...roles)`: no caller is UNAUTHENTICATED, a caller without the role FORBIDDEN. */
const authChecker: AuthChecker<Context, Role> = ({ context, info }, roles) => {
  if (!context.caller) throw AppError.unauthenticated();
  if (roles.length && !roles.includes(context.caller.role)) {
    throw new AppError('FORBIDDEN', `Role ${context.caller.role} may not use ${info.parentType.name}.${info.fieldName}`);
  }
  return true;
};

/**
 * Resolvers of what is specific to an entity (computed fields, domain mutations): one class per
 * src/resolvers/<entity>.resolver.ts, exported here. The generic ones come from the registry.
 */
const SPECIFIC_RESOLVERS: Function[] = [AuthResolver, ViewerResolver, NodeResolver, SchedulingResolver, LeadResolver, LeadFunnelResolver, ResidentResolver, TenantResolver, InvitationResolver, MemberResolver];

let schema: GraphQLSchema | undefined;

/** The code-first schema; `npm run schema` prints it to schema.graphql (committed, checked by a test). */
export function buildCareGraphSchema(): GraphQLSchema {
  schema ??= buildSchemaSync({
    resolvers: [...SPECIFIC_RESOLVERS, ...RESOURCES.map((resource) => createResourceResolver(resource))] as [Function, ...Function[]],
    authChecker,
    validate: VALIDATOR_OPTIONS,
  });
  return schema;
}
