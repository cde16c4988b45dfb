import 'reflect-metadata';
import { AuthChecker, buildSchemaSync } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import type { Context } from './context';
import { refusalFor, type Permission } from './auth/permissions';
import { permissionCatalogue } from './auth/permission-catalogue';
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
import { CustomRoleResolver } from './resolvers/custom-role.resolver';
import { PrescriptionResolver } from './resolvers/prescription.resolver';
import { DiagnosticsResolver } from './resolvers/diagnostics.resolver';
import { BillingResolver } from './resolvers/billing.resolver';
import { NotificationResolver } from './resolvers/notification.resolver';
import { DashboardResolver } from './resolvers/dashboard.resolver';
import { SummariesResolver } from './resolvers/summaries.resolver';
import { DocumentResolver } from './resolvers/document.resolver';
import { ApiClientResolver } from './resolvers/api-client.resolver';
import { PatientResolver } from './resolvers/patient.resolver';
import { aggregateTypes } from './graphql/aggregate-types';
import { TrustedDocumentResolver } from './resolvers/trusted-document.resolver';

/**
 * `@Authorized(permission)`: no caller is UNAUTHENTICATED; a caller without the permission, or
 * whose tenant has its feature off, is refused (refusalFor). Exactly one permission per field.
 */
const authChecker: AuthChecker<Context, Permission> = ({ context, info }, permissions) => {
  if (!context.caller) throw AppError.unauthenticated();
  if (permissions.length !== 1) throw new Error(`${info.parentType.name}.${info.fieldName}: @Authorized takes exactly one permission`);
  const refusal = refusalFor(context.caller, permissions[0]);
  if (refusal) throw refusal;
  return true;
};

/**
 * Resolvers of what is specific to an entity (computed fields, domain mutations): one class per
 * src/resolvers/<entity>.resolver.ts, exported here. The generic ones come from the registry.
 */
const SPECIFIC_RESOLVERS: Function[] = [AuthResolver, ViewerResolver, NodeResolver, SchedulingResolver, LeadResolver, LeadFunnelResolver, ResidentResolver, TenantResolver, InvitationResolver, MemberResolver, CustomRoleResolver, PrescriptionResolver, DiagnosticsResolver, BillingResolver, NotificationResolver, DashboardResolver, SummariesResolver, DocumentResolver, ApiClientResolver, TrustedDocumentResolver, PatientResolver];

let schema: GraphQLSchema | undefined;

/** The code-first schema; `npm run schema` prints it to schema.graphql (committed, checked by a test). */
export function buildCareGraphSchema(): GraphQLSchema {
  // The enum Permission's values, from every resource, before any type names it.
  permissionCatalogue();
  schema ??= buildSchemaSync({
    resolvers: [...SPECIFIC_RESOLVERS, ...RESOURCES.flatMap((resource) => [createResourceResolver(resource), ...aggregateTypes(resource).resolvers])] as [Function, ...Function[]],
    authChecker,
    validate: VALIDATOR_OPTIONS,
  });
  return schema;
}
