import { Membership, Tenant, User } from '../entities';
import type { Resource } from '../data/resource';
import { linkResources } from './define';
import { siteResource } from './site.resource';
import { patientResource } from './patient.resource';
import { careProfessionalResource } from './care-professional.resource';
import { appointmentResource } from './appointment.resource';
import { clinicalNoteCategoryResource } from './clinical-note-category.resource';
import { clinicalNoteResource } from './clinical-note.resource';
import { memberResource } from './member.resource';
import { taskResource } from './task.resource';

export { siteResource, patientResource, careProfessionalResource, appointmentResource, clinicalNoteCategoryResource, clinicalNoteResource, memberResource, taskResource };

/**
 * The registry: every resource the API serves. Registering an entity is one line here; its
 * GraphQL type, connection, filters, mutations, relation fields, TypeORM entity, compiled reads,
 * role table and conformance tests follow from its declaration.
 */
export const RESOURCES: Resource[] = [
  siteResource,
  patientResource,
  careProfessionalResource,
  appointmentResource,
  clinicalNoteCategoryResource,
  clinicalNoteResource,
  memberResource,
  taskResource,
] as Resource[];

linkResources(RESOURCES);

export const resourceByTypeName = new Map(RESOURCES.map((r) => [r.typeName, r]));

/** TypeORM's entities: the accounts (served by their own resolvers) and every resource's. */
export const ENTITIES: Function[] = [Tenant, User, Membership, ...RESOURCES.map((r) => r.entity)];
