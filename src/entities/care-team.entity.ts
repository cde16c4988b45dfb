import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';

/** A team of care professionals looking after patients together. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('care_teams')
export class CareTeam extends TenantOwnedEntity {
  @Field(() => String)
  @Column('varchar', { length: 200 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description!: string | null;

  @Column('uuid', { name: 'lead_id', nullable: true })
  leadId!: string | null;

  @Field(() => Boolean)
  @Column('boolean', { default: true })
  active!: boolean;
}
