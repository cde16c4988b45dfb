import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { Node } from '../entities/base.entity';
import { parseGlobalId } from '../graphql/global-id';
import { AppError } from '../errors/app-error';
import { resourceByTypeName } from '../resources';

async function fetchNode(context: Context, globalId: string, field: string): Promise<unknown> {
  const parsed = parseGlobalId(globalId);
  const resource = parsed && resourceByTypeName.get(parsed.typeName);
  if (!parsed || !resource) throw AppError.badInput([{ field, rule: 'globalId', message: 'is not a CareGraph id' }]);
  return context.data.byId(resource, parsed.id);
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Refetches any object by its global id; null when it does not exist for you.' })
  node(@Arg('id', () => ID) id: string, @Ctx() context: Context) {
    return fetchNode(context, id, 'id');
  }

  @Query(() => [Node], { nullable: 'items', description: 'Several objects by global id, in the order given (batched).' })
  nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() context: Context) {
    if (ids.length > 100) throw AppError.badInput([{ field: 'ids', rule: 'maxSize', message: 'at most 100 ids' }]);
    return Promise.all(ids.map((id, i) => fetchNode(context, id, `ids[${i}]`)));
  }
}
