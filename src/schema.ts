import 'reflect-metadata';
import { AuthChecker, buildSchemaSync } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import type { Context } from './context';
import type { Role } from './entities/enums';
import { AppError } from './errors/app-error';
import { PatientResolver } from './resolvers/patient.resolver';
import { AppointmentResolver } from './resolvers/appointment.resolver';
import { ClinicalNoteResolver } from './resolvers/clinical-note.resolver';
import { CareProfessionalResolver } from './resolvers/care-professional.resolver';
import { ClinicalNoteCategoryResolver, SiteResolver } from './resolvers/site.resolver';
import { AuthResolver } from './resolvers/auth.resolver';
import { NodeResolver } from './resolvers/node.resolver';

/** `@Authorized(...roles)`: no caller is UNAUTHENTICATED, a caller without the role FORBIDDEN. */
const authChecker: AuthChecker<Context, Role> = ({ context, info }, roles) => {
  if (!context.caller) throw AppError.unauthenticated();
  if (roles.length && !roles.includes(context.caller.role)) {
    throw new AppError('FORBIDDEN', `Role ${context.caller.role} may not use ${info.parentType.name}.${info.fieldName}`);
  }
  return true;
};

let schema: GraphQLSchema | undefined;

/** The code-first schema; `npm run schema` prints it to schema.graphql (committed, checked by a test). */
export function buildCareGraphSchema(): GraphQLSchema {
  schema ??= buildSchemaSync({
    resolvers: [
      AuthResolver,
      NodeResolver,
      SiteResolver,
      PatientResolver,
      CareProfessionalResolver,
      AppointmentResolver,
      ClinicalNoteCategoryResolver,
      ClinicalNoteResolver,
    ],
    authChecker,
    // Optional fields are validated only when given; GraphQL itself enforces the required ones.
    validate: { forbidUnknownValues: false, skipMissingProperties: true },
  });
  return schema;
}
