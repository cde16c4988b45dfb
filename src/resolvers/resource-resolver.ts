import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Info, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { offersOperation, type Operation, type Resource } from '../data/resource';
import { permissionOf } from '../auth/permissions';
import type { PageArgs } from '../data/page-query';
import type { TenantOwnedEntity } from '../entities/base.entity';
import { resourceTypes } from '../graphql/resource-types';
import { connectionSelection, objectSelection } from '../graphql/selection';
import { DeleteInput, RestoreInput } from '../graphql/mutation-inputs';
import { mutationInputs } from '../graphql/resource-inputs';
import { graphqlFieldOf } from '../data/entity-metadata';
import { describeMask, TRANSFORMS } from '../data/masks';
import { aggregateTypes, totalMeasures, type AggregateObject } from '../graphql/aggregate-types';
import { AppError } from '../errors/app-error';

const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);

/** Lists and aggregates are nullable so that one the caller may not read fails alone, at its own path. */
const UNREADABLE = 'Null, with FORBIDDEN at this path and the rest of the answer intact, when your role may not read them.';

/** `<Type>Payload { <type>: <Type>! }`, returned by every mutation of a resource. */
const payloadTypes = new Map<Resource, new () => object>();

/** `<Type>Payload { <type> }`: what every mutation of a resource returns, its generated ones and its domain actions alike. */
export function payloadTypeOf(resource: Resource): new () => object {
  let payload = payloadTypes.get(resource);
  if (!payload) {
    const field = lowerFirst(resource.typeName);
    @ObjectType(`${resource.typeName}Payload`)
    class Payload {}
    Field(() => resource.entity, { description: `The ${resource.typeName} as it is after the mutation.` })(Payload.prototype, field);
    payloadTypes.set(resource, (payload = Payload));
  }
  return payload;
}

/** An aggregate field's object: its totals computed now if selected (one statement, batched over parents), its groups when asked. */
async function aggregateOf(data: Context['data'], resource: Resource, filter: Record<string, unknown> | null | undefined, info: GraphQLResolveInfo, parent?: { foreignKey: string; id: string }): Promise<AggregateObject> {
  const measures = totalMeasures(info);
  const totals = measures ? await data.aggregateTotals(resource, filter, measures, parent) : {};
  return { ...totals, resource, filter, parent };
}

/** Adds a method to a resolver class at run time and decorates it as type-graphql would. */
function addMethod(cls: Function, name: string, method: (...args: never[]) => unknown, decorate: (prototype: object, name: string, descriptor: PropertyDescriptor) => void): void {
  const descriptor: PropertyDescriptor = { value: method, writable: true, configurable: true };
  Object.defineProperty(cls.prototype, name, descriptor);
  decorate(cls.prototype, name, descriptor);
}

/**
 * The computed and relation fields of a resource's type, from the declarations: a to-one field per relation
 * it holds (`Appointment.patient`) and a nested connection per relation pointing at it
 * (`Patient.appointments`). Each goes through DataAccess: batched, role-checked, tenant-scoped.
 */
function addDeclaredFields(cls: Function, resource: Resource): void {
  // Fields read masked by some roles (masks) or of a feature (fieldFeatures): each checked where it is resolved.
  const guarded = new Set([...Object.keys(resource.masks ?? {}), ...Object.keys(resource.fieldFeatures ?? {}).filter((field) => !Object.hasOwn(resource.toOne, field))]);
  for (const field of guarded) {
    const declared = graphqlFieldOf(resource.entity, field);
    if (!declared) throw new Error(`${resource.typeName}.${field}: masks or fieldFeatures names a field the entity does not declare`);
    const declaredMask = resource.masks?.[field];
    const feature = resource.fieldFeatures?.[field];
    const notes = [declaredMask ? describeMask(declaredMask, resource.permissions.read) : '', feature ? `Feature ${feature}.` : ''].filter(Boolean).join(' ');
    // type-graphql keeps the entity's @Field description over a field resolver's: the notes go on the @Field itself (once).
    if (notes && !declared.description?.endsWith(notes)) declared.description = `${declared.description ?? ''} ${notes}`.trim();
    addMethod(
      cls,
      field,
      (row: Record<string, unknown>, { data }: Context) => {
        data.requireFieldFeature(resource, field);
        const mask = data.maskOf(resource, field);
        if (!mask) return row[field];
        if (mask.as === 'refused') throw new AppError('FORBIDDEN', `Role ${data.requireCaller().role} may not read ${resource.typeName}.${field}`, { field: `${resource.typeName}.${field}` });
        return TRANSFORMS[mask.as].value(row[field]);
      },
      (prototype, name, descriptor) => {
        // The entity's nullability: a mask that can give null requires a nullable field (linkResources checks it).
        FieldResolver(declared.getType as never, { nullable: declared.typeOptions?.nullable === true, description: declared.description })(prototype, name, descriptor);
        Root()(prototype, name, 0);
        Ctx()(prototype, name, 1);
      },
    );
  }
  for (const [field, computed] of Object.entries(resource.computed ?? {})) {
    addMethod(
      cls,
      field,
      (row: TenantOwnedEntity) => computed.value(row),
      (prototype, name, descriptor) => {
        FieldResolver(() => (computed.type === 'string' ? String : Boolean), { nullable: computed.type === 'string', description: computed.description })(prototype, name, descriptor);
        Root()(prototype, name, 0);
      },
    );
  }
  for (const [field, relation] of Object.entries(resource.toOne)) {
    addMethod(
      cls,
      field,
      (row: Record<string, unknown>, { data }: Context, info: GraphQLResolveInfo) => {
        data.requireFieldFeature(resource, field);
        const id = row[relation.foreignKey] as string | null;
        return id ? data.byId(relation.resource(), id, objectSelection(info)) : null;
      },
      (prototype, name, descriptor) => {
        FieldResolver(() => relation.resource().entity, { nullable: relation.nullable, description: relation.description })(prototype, name, descriptor);
        Root()(prototype, name, 0);
        Ctx()(prototype, name, 1);
        Info()(prototype, name, 2);
      },
    );
  }
  for (const [field, connection] of Object.entries(resource.connections)) {
    const child = connection.resource();
    const { Aggregate } = aggregateTypes(child);
    addMethod(
      cls,
      `${field}Aggregate`,
      async (row: { id: string }, filter: Record<string, unknown> | null, { data }: Context, info: GraphQLResolveInfo) => aggregateOf(data, child, filter, info, { foreignKey: connection.foreignKey, id: row.id }),
      (prototype, name, descriptor) => {
        FieldResolver(() => Aggregate, { nullable: true, description: `Aggregates of this ${resource.typeName}’s ${field} (see \`${child.pluralField}Aggregate\`), batched over every ${lowerFirst(resource.typeName)} of the request. ${UNREADABLE}` })(prototype, name, descriptor);
        Root()(prototype, name, 0);
        Arg('filter', () => resourceTypes(child).Filter, { nullable: true })(prototype, name, 1);
        Ctx()(prototype, name, 2);
        Info()(prototype, name, 3);
      },
    );
    const types = resourceTypes(child);
    addMethod(
      cls,
      field,
      (row: { id: string }, args: PageArgs, { data }: Context, info: GraphQLResolveInfo) => data.children(child, connection.foreignKey, row.id, args, connectionSelection(info)),
      (prototype, name, descriptor) => {
        // Nullable: a role that may not read the child gets null with FORBIDDEN here, and the rest of the answer intact.
        FieldResolver(() => types.Connection, { nullable: true, description: `${connection.description ?? `${child.typeName} objects of this ${resource.typeName}, a page per ${lowerFirst(resource.typeName)}.`} ${UNREADABLE}` })(prototype, name, descriptor);
        Root()(prototype, name, 0);
        Args(() => types.ConnectionArgs)(prototype, name, 1);
        Ctx()(prototype, name, 2);
        Info()(prototype, name, 3);
      },
    );
  }
}

/**
 * Everything generic about one resource's API: the `<plural>` connection, `create…`,
 * `update…` (version-checked), `delete…` (soft) and `restore…` when the resource declares
 * inputs, and its relation fields. A resolver class for what is specific to an entity (computed
 * fields, domain mutations) lives in src/resolvers/<entity>.resolver.ts, only when there is some.
 */
export function createResourceResolver<E extends TenantOwnedEntity>(resource: Resource<E>): Function {
  const { Connection, ConnectionArgs, Filter } = resourceTypes(resource as Resource);
  const name = resource.typeName;
  const payloadField = lowerFirst(name);
  const can = (operation: Operation) => permissionOf(resource as Resource, operation);

  const { Aggregate } = aggregateTypes(resource as Resource);

  @Resolver()
  abstract class ResourceQueries {
    @Authorized(can('read'))
    @Query(() => Connection, { name: resource.pluralField, nullable: true, description: `${name} objects of your tenant, one page at a time. ${UNREADABLE}` })
    list(@Args(() => ConnectionArgs) args: PageArgs, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
      return data.page(resource as Resource, args, connectionSelection(info));
    }

    @Authorized(can('read'))
    @Query(() => Aggregate, {
      name: `${resource.pluralField}Aggregate`,
      nullable: true,
      description: `Counts, sums, averages, least and greatest values of the ${name} objects you may read that match the filter, in total and in \`groups\`. ${UNREADABLE}`,
    })
    aggregate(@Arg('filter', () => Filter, { nullable: true }) filter: Record<string, unknown> | null, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
      return aggregateOf(data, resource as Resource, filter, info);
    }
  }
  const inputs = mutationInputs(resource as Resource);
  if (!inputs) {
    @Resolver(() => resource.entity)
    class ReadOnlyResource extends ResourceQueries {}
    addDeclaredFields(ReadOnlyResource, resource as Resource);
    return ReadOnlyResource;
  }

  const Payload = payloadTypeOf(resource as Resource);

  class ResourceMutations extends ResourceQueries {
    async create(input: object, { data }: Context) {
      return { [payloadField]: await data.create(resource, input) };
    }

    async update(input: { id: string; expectedVersion: number }, { data }: Context) {
      return { [payloadField]: await data.update(resource, input) };
    }

    async delete(input: DeleteInput, { data }: Context) {
      return { [payloadField]: await data.softDelete(resource, input) };
    }

    async restore(input: RestoreInput, { data }: Context) {
      return { [payloadField]: await data.restore(resource, input) };
    }
  }
  // Decorated here, one operation at a time: an operation no role is given is not offered at all.
  const mutations: Record<Exclude<Operation, 'read'>, { input: Function; description?: string }> = {
    create: { input: inputs.create },
    update: { input: inputs.update, description: 'Refused with CONFLICT when `expectedVersion` is stale.' },
    delete: { input: DeleteInput, description: 'Soft delete; `restore…` brings it back.' },
    restore: { input: RestoreInput },
  };
  const proto = ResourceMutations.prototype;
  for (const [operation, { input, description }] of Object.entries(mutations) as Array<[Exclude<Operation, 'read'>, { input: Function; description?: string }]>) {
    if (!offersOperation(resource, operation) || resource.ownMutations?.includes(operation)) continue;
    Authorized(can(operation))(proto, operation);
    Mutation(() => Payload, { name: `${operation}${name}`, ...(description ? { description } : {}) })(proto, operation, Object.getOwnPropertyDescriptor(proto, operation)!);
    Arg('input', () => input)(proto, operation, 0);
    Ctx()(proto, operation, 1);
  }
  Resolver(() => resource.entity)(ResourceMutations);
  addDeclaredFields(ResourceMutations, resource as Resource);
  return ResourceMutations;
}
