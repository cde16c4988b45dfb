import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Resolver, Root, Info } from 'type-graphql';
import { Appointment, CareProfessional, ClinicalNote, ClinicalNoteCategory, Patient } from '../entities';
import type { Context } from '../context';
import { appointmentResource, careProfessionalResource, clinicalNoteCategoryResource, clinicalNoteResource, patientResource } from '../resources';
import { createResourceResolver } from './resource-resolver';
import { CreateClinicalNoteInput, UpdateClinicalNoteInput } from './clinical-note.inputs';

@Resolver(() => ClinicalNote)
export class ClinicalNoteResolver extends createResourceResolver(clinicalNoteResource, { create: CreateClinicalNoteInput, update: UpdateClinicalNoteInput }) {
  @FieldResolver(() => Patient, { description: 'Never null: deleting a patient deletes their notes too.' })
  patient(@Root() note: ClinicalNote, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    return data.byId(patientResource, note.patientId, info);
  }

  @FieldResolver(() => Appointment, { nullable: true, description: 'Null for notes outside an appointment, or when it was deleted.' })
  appointment(@Root() note: ClinicalNote, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    return note.appointmentId ? data.byId(appointmentResource, note.appointmentId, info) : null;
  }

  @FieldResolver(() => CareProfessional, { nullable: true, description: 'The care professional who wrote the note; null when that record was deleted.' })
  author(@Root() note: ClinicalNote, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    return data.byId(careProfessionalResource, note.authorId, info);
  }

  @FieldResolver(() => ClinicalNoteCategory, { nullable: true })
  category(@Root() note: ClinicalNote, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    return note.categoryId ? data.byId(clinicalNoteCategoryResource, note.categoryId, info) : null;
  }
}
