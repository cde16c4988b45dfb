import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';

/** A reusable body for clinical notes (`createClinicalNote(input: { templateId })`). */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('clinical_note_templates')
export class ClinicalNoteTemplate extends TenantOwnedEntity {
  @Field(() => String)
  @Column('varchar', { length: 200 })
  name!: string;

  @Column('uuid', { name: 'category_id', nullable: true })
  categoryId!: string | null;

  @Field(() => String)
  @Column('text')
  body!: string;
}
