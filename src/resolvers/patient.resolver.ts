import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Resolver, Root, Info } from 'type-graphql';
import { Patient, Site } from '../entities';
import type { Context } from '../context';
import type { PageArgs } from '../data/page-query';
import { resourceTypes } from '../graphql/resource-types';
import { appointmentResource, clinicalNoteResource, patientResource, siteResource } from '../resources';
import { createResourceResolver } from './resource-resolver';
import { CreatePatientInput, UpdatePatientInput } from './patient.inputs';

const appointments = resourceTypes(appointmentResource);
const notes = resourceTypes(clinicalNoteResource);

@Resolver(() => Patient)
export class PatientResolver extends createResourceResolver(patientResource, { create: CreatePatientInput, update: UpdatePatientInput }) {
  @FieldResolver(() => appointments.Connection, { description: "The patient's appointments, a page per patient." })
  appointments(@Root() patient: Patient, @Args(() => appointments.ConnectionArgs) args: PageArgs, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    return data.children(appointmentResource, 'patientId', patient.id, args, info);
  }

  @FieldResolver(() => notes.Connection, { description: "The patient's clinical notes, a page per patient." })
  clinicalNotes(@Root() patient: Patient, @Args(() => notes.ConnectionArgs) args: PageArgs, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    return data.children(clinicalNoteResource, 'patientId', patient.id, args, info);
  }

  @FieldResolver(() => Site, { nullable: true })
  site(@Root() patient: Patient, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    return patient.siteId ? data.byId(siteResource, patient.siteId, info) : null;
  }
}
