import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Resolver, Root, Info } from 'type-graphql';
import { ClinicalNoteCategory, Site } from '../entities';
import type { Context } from '../context';
import type { PageArgs } from '../data/page-query';
import { resourceTypes } from '../graphql/resource-types';
import { clinicalNoteCategoryResource, patientResource, siteResource } from '../resources';
import { createResourceResolver } from './resource-resolver';

const patients = resourceTypes(patientResource);

@Resolver(() => Site)
export class SiteResolver extends createResourceResolver(siteResource) {
  @FieldResolver(() => patients.Connection, { description: 'Patients (residents) of this site.' })
  patients(@Root() site: Site, @Args(() => patients.ConnectionArgs) args: PageArgs, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    return data.children(patientResource, 'siteId', site.id, args, info);
  }
}

@Resolver(() => ClinicalNoteCategory)
export class ClinicalNoteCategoryResolver extends createResourceResolver(clinicalNoteCategoryResource) {}
