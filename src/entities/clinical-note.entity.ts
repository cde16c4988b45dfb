import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { DateTimeResolver } from 'graphql-scalars';
import { Node, TenantOwnedEntity } from './base.entity';

/** A clinical observation about a patient, written by a care professional, optionally during an appointment. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('clinical_notes')
export class ClinicalNote extends TenantOwnedEntity {
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Column('uuid', { name: 'appointment_id', nullable: true })
  appointmentId!: string | null;

  @Column('uuid', { name: 'author_id' })
  authorId!: string;

  @Column('uuid', { name: 'category_id', nullable: true })
  categoryId!: string | null;

  @Field(() => DateTimeResolver)
  @Column('timestamptz', { name: 'note_date' })
  noteDate!: Date;

  @Field()
  @Column('text')
  content!: string;
}
