import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { CustomRole } from '../entities/custom-role.entity';
import { expectGlobalId } from '../data/global-id';
import { objectSelection } from '../graphql/selection';
import { permissionOf } from '../auth/permissions';
import { customRoleResource } from '../resources/custom-role.resource';

const READ_ROLES = permissionOf(customRoleResource, 'read');

/** A custom role by id: what it may do (`permissions`) and whose view of the data it takes (`maskingProfile`). */
@Resolver()
export class CustomRoleResolver {
  @Authorized(READ_ROLES)
  @Query(() => CustomRole, { nullable: true, description: 'A custom role of your tenant (null when there is none with this id). System roles are in the README’s role table.' })
  role(@Arg('id', () => ID) id: string, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo): Promise<CustomRole | null> {
    return data.byId<CustomRole>(customRoleResource, expectGlobalId(id, customRoleResource.typeName, 'id'), objectSelection(info));
  }
}
