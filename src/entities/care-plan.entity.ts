import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { CarePlanStatus } from './enums';
import { DateScalar, JsonObject } from '../graphql/scalars';

/** A plan of care for one patient: goals and interventions in `details`, reviewed on a date. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('care_plans')
export class CarePlan extends TenantOwnedEntity {
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Field(() => String)
  @Column('varchar', { length: 200 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'The kind of plan, e.g. "falls prevention", "diabetes".' })
  @Column('varchar', { name: 'plan_type', length: 100, nullable: true })
  type!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description!: string | null;

  @Field(() => CarePlanStatus)
  @Column('varchar', { length: 16, default: CarePlanStatus.DRAFT })
  status!: CarePlanStatus;

  @Field(() => DateScalar)
  @Column('date', { name: 'start_date' })
  startDate!: string;

  @Field(() => DateScalar, { nullable: true, description: 'After startDate.' })
  @Column('date', { name: 'end_date', nullable: true })
  endDate!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the plan is next reviewed.' })
  @Column('date', { name: 'review_date', nullable: true })
  reviewDate!: string | null;

  @Field(() => JsonObject, { description: 'Goals, interventions and anything else structured, as a JSON object.' })
  @Column('jsonb', { default: {} })
  details!: Record<string, unknown>;
}
