import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { JourneyStage } from './enums';
import { DateTime } from '../graphql/scalars';

/** One move of a patient's journey, kept so that time in each stage can be computed. Written by `convertLead` and `advanceJourney` only. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('journey_stage_changes')
export class JourneyStageChange extends TenantOwnedEntity {
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Field(() => JourneyStage, { nullable: true, description: 'Null when the journey began (at conversion).' })
  @Column('varchar', { name: 'from_stage', length: 40, nullable: true })
  fromStage!: JourneyStage | null;

  @Field(() => JourneyStage)
  @Column('varchar', { name: 'to_stage', length: 40 })
  toStage!: JourneyStage;

  @Field(() => DateTime)
  @Column('timestamptz', { name: 'changed_at', default: () => 'clock_timestamp()' })
  changedAt!: Date;

  @Column('uuid', { name: 'changed_by_id' })
  changedById!: string;
}
