import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';

/** A tenant's own classification of clinical notes (e.g. "Medication review"). */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('clinical_note_categories')
export class ClinicalNoteCategory extends TenantOwnedEntity {
  @Field()
  @Column('varchar', { length: 100 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 500, nullable: true })
  description!: string | null;
}
