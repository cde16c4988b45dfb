import { registerEnumType } from 'type-graphql';

/**
 * The GraphQL enum `Permission`: one value per permission of the catalogue (`PATIENT_READ`,
 * `PATIENT_ADMIT_RESIDENT`), filled by permissionCatalogue() once every resource is known and
 * before the schema is built. A leaf module, so that entities and resources can name the type.
 */
export const PERMISSION_ENUM: Record<string, string> = {};
export const PERMISSION_DESCRIPTIONS: Record<string, { description: string }> = {};

registerEnumType(PERMISSION_ENUM, {
  name: 'Permission',
  description: 'One operation or action a role may be given: a row of the README’s role table. Custom roles are sets of these.',
  valuesConfig: PERMISSION_DESCRIPTIONS,
});
