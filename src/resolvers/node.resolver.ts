import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { Node } from '../entities/base.entity';
import { parseGlobalId } from '../data/global-id';
import { objectSelection } from '../graphql/selection';
import { AppError } from '../errors/app-error';
import { resourceByTypeName } from '../resources';
import { findTenant, findUser } from '../auth/account.service';

/** Node types outside the generic resources: the caller's own tenant, and members of it. */
const ACCOUNT_NODES = new Map<string, (context: Context, id: string) => Promise<unknown>>([
  ['Tenant', (context, id) => findTenant(context.db, context.data.requireCaller(), id)],
  ['User', (context, id) => findUser(context.db, context.data.requireCaller(), id)],
]);

async function fetchNode(context: Context, globalId: string, field: string, info: GraphQLResolveInfo): Promise<unknown> {
  const parsed = parseGlobalId(globalId);
  const resource = parsed && resourceByTypeName.get(parsed.typeName);
  if (resource) return context.data.byId(resource, parsed.id, objectSelection(info));
  // A Map, not an object: an id naming `constructor` or `__proto__` must find nothing.
  const account = parsed && ACCOUNT_NODES.get(parsed.typeName);
  if (account) return account(context, parsed.id);
  throw AppError.badInput([{ field, rule: 'globalId', message: 'is not a CareGraph id' }]);
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Refetches any object by its global id; null when it does not exist for you.' })
  node(@Arg('id', () => ID) id: string, @Ctx() context: Context, @Info() info: GraphQLResolveInfo) {
    return fetchNode(context, id, 'id', info);
  }

  @Query(() => [Node], { nullable: 'items', description: 'Several objects by global id, in the order given (batched).' })
  nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() context: Context, @Info() info: GraphQLResolveInfo) {
    if (ids.length > 100) throw AppError.badInput([{ field: 'ids', rule: 'maxSize', message: 'at most 100 ids' }]);
    return Promise.all(ids.map((id, i) => fetchNode(context, id, `ids[${i}]`, info)));
  }
}
