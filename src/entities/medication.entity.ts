import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';

/** An entry of the tenant's medication catalogue. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('medications')
export class Medication extends TenantOwnedEntity {
  @Field(() => String)
  @Column('varchar', { length: 200 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Column('varchar', { name: 'generic_name', length: 200, nullable: true })
  genericName!: string | null;

  @Field(() => String, { nullable: true, description: 'Dosage form: tablet, liquid, inhaler…' })
  @Column('varchar', { length: 100, nullable: true })
  form!: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. "500 mg".' })
  @Column('varchar', { length: 100, nullable: true })
  strength!: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 200, nullable: true })
  manufacturer!: string | null;
}
