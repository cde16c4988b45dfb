import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Resolver, Root, Info } from 'type-graphql';
import { CareProfessional, Site } from '../entities';
import type { Context } from '../context';
import type { PageArgs } from '../data/page-query';
import { resourceTypes } from '../graphql/resource-types';
import { appointmentResource, careProfessionalResource, siteResource } from '../resources';
import { createResourceResolver } from './resource-resolver';
import { CreateCareProfessionalInput, UpdateCareProfessionalInput } from './care-professional.inputs';

const appointments = resourceTypes(appointmentResource);

@Resolver(() => CareProfessional)
export class CareProfessionalResolver extends createResourceResolver(careProfessionalResource, {
  create: CreateCareProfessionalInput,
  update: UpdateCareProfessionalInput,
}) {
  @FieldResolver(() => appointments.Connection, { description: "The professional's appointments, a page per professional." })
  appointments(@Root() professional: CareProfessional, @Args(() => appointments.ConnectionArgs) args: PageArgs, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    return data.children(appointmentResource, 'careProfessionalId', professional.id, args, info);
  }

  @FieldResolver(() => Site, { nullable: true })
  site(@Root() professional: CareProfessional, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    return professional.siteId ? data.byId(siteResource, professional.siteId, info) : null;
  }
}
