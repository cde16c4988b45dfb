import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Field, Info, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import type { Resource } from '../data/resource';
import type { PageArgs } from '../data/page-query';
import type { TenantOwnedEntity } from '../entities/base.entity';
import { resourceTypes } from '../graphql/resource-types';
import { DeleteInput, RestoreInput } from '../graphql/mutation-inputs';

const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);

/** `<Type>Payload { <type>: <Type>! }`, returned by every mutation of a resource. */
function createPayloadType(resource: Resource): new () => object {
  const field = lowerFirst(resource.typeName);
  @ObjectType(`${resource.typeName}Payload`)
  class Payload {}
  Field(() => resource.entity, { description: `The ${resource.typeName} as it is after the mutation.` })(Payload.prototype, field);
  return Payload;
}

export interface MutationInputs {
  create: new () => object;
  update: new () => { id: string; expectedVersion: number };
}

/**
 * The generated queries and mutations of one resource: `<plural>` connection, `create…`,
 * `update…` (version-checked), `delete…` (soft) and `restore…`. Concrete resolvers extend it
 * and add their relation fields.
 */
export function createResourceResolver<E extends TenantOwnedEntity>(resource: Resource<E>, inputs?: MutationInputs) {
  const { Connection, ConnectionArgs } = resourceTypes(resource as Resource);
  const name = resource.typeName;
  const payloadField = lowerFirst(name);
  const can = resource.permissions;

  @Resolver()
  abstract class ResourceQueries {
    @Authorized(...can.read)
    @Query(() => Connection, { name: resource.pluralField, description: `${name} objects of your tenant, one page at a time.` })
    list(@Args(() => ConnectionArgs) args: PageArgs, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
      return data.page(resource as Resource, args, info);
    }
  }
  if (!inputs) return ResourceQueries;

  const Payload = createPayloadType(resource as Resource);
  const { create: CreateInput, update: UpdateInput } = inputs;

  @Resolver()
  abstract class ResourceMutations extends ResourceQueries {
    @Authorized(...can.create)
    @Mutation(() => Payload, { name: `create${name}` })
    async create(@Arg('input', () => CreateInput) input: object, @Ctx() { data }: Context) {
      return { [payloadField]: await data.create(resource, input) };
    }

    @Authorized(...can.update)
    @Mutation(() => Payload, { name: `update${name}`, description: 'Refused with CONFLICT when `expectedVersion` is stale.' })
    async update(@Arg('input', () => UpdateInput) input: { id: string; expectedVersion: number }, @Ctx() { data }: Context) {
      return { [payloadField]: await data.update(resource, input) };
    }

    @Authorized(...can.delete)
    @Mutation(() => Payload, { name: `delete${name}`, description: 'Soft delete; `restore…` brings it back.' })
    async delete(@Arg('input', () => DeleteInput) input: DeleteInput, @Ctx() { data }: Context) {
      return { [payloadField]: await data.softDelete(resource, input) };
    }

    @Authorized(...can.restore)
    @Mutation(() => Payload, { name: `restore${name}` })
    async restore(@Arg('input', () => RestoreInput) input: RestoreInput, @Ctx() { data }: Context) {
      return { [payloadField]: await data.restore(resource, input) };
    }
  }
  return ResourceMutations;
}
