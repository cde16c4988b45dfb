import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { DateTime } from '../graphql/scalars';

/** A care professional's membership of a care team, from joining to leaving. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('care_team_members')
export class CareTeamMember extends TenantOwnedEntity {
  @Column('uuid', { name: 'care_team_id' })
  careTeamId!: string;

  @Column('uuid', { name: 'care_professional_id' })
  careProfessionalId!: string;

  @Field(() => String, { nullable: true, description: 'The role in the team, e.g. "key worker".' })
  @Column('varchar', { length: 100, nullable: true })
  role!: string | null;

  @Field(() => DateTime)
  @Column('timestamptz', { name: 'joined_at', default: () => 'now()' })
  joinedAt!: Date;

  @Field(() => DateTime, { nullable: true, description: 'Set when the professional leaves the team.' })
  @Column('timestamptz', { name: 'left_at', nullable: true })
  leftAt!: Date | null;
}
