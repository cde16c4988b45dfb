import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Resolver, Root, Info } from 'type-graphql';
import { Appointment, CareProfessional, Patient, Site } from '../entities';
import type { Context } from '../context';
import type { PageArgs } from '../data/page-query';
import { resourceTypes } from '../graphql/resource-types';
import { appointmentResource, careProfessionalResource, clinicalNoteResource, patientResource, siteResource } from '../resources';
import { createResourceResolver } from './resource-resolver';
import { CreateAppointmentInput, UpdateAppointmentInput } from './appointment.inputs';

const notes = resourceTypes(clinicalNoteResource);

@Resolver(() => Appointment)
export class AppointmentResolver extends createResourceResolver(appointmentResource, { create: CreateAppointmentInput, update: UpdateAppointmentInput }) {
  @FieldResolver(() => Patient, { description: 'Never null: deleting a patient deletes their appointments too.' })
  async patient(@Root() appointment: Appointment, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    return data.byId(patientResource, appointment.patientId, info);
  }

  @FieldResolver(() => CareProfessional, { nullable: true, description: 'Null when the professional record has been deleted.' })
  careProfessional(@Root() appointment: Appointment, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    return data.byId(careProfessionalResource, appointment.careProfessionalId, info);
  }

  @FieldResolver(() => Site, { nullable: true })
  site(@Root() appointment: Appointment, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    return appointment.siteId ? data.byId(siteResource, appointment.siteId, info) : null;
  }

  @FieldResolver(() => notes.Connection, { description: 'Notes written for this appointment, a page per appointment.' })
  clinicalNotes(@Root() appointment: Appointment, @Args(() => notes.ConnectionArgs) args: PageArgs, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    return data.children(clinicalNoteResource, 'appointmentId', appointment.id, args, info);
  }
}
