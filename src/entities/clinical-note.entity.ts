import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { DateTime } from '../graphql/scalars';

/** A clinical observation about a patient, written by a care professional, optionally during an appointment. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('clinical_notes')
export class ClinicalNote extends TenantOwnedEntity {
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Column('uuid', { name: 'appointment_id', nullable: true })
  appointmentId!: string | null;

  @Column('uuid', { name: 'template_id', nullable: true })
  templateId!: string | null;

  @Column('uuid', { name: 'author_id' })
  authorId!: string;

  @Column('uuid', { name: 'category_id', nullable: true })
  categoryId!: string | null;

  @Field(() => DateTime)
  @Column('timestamptz', { name: 'note_date' })
  noteDate!: Date;

  @Field()
  @Column('text')
  content!: string;
}
