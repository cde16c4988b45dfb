import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { ReviewOutcome } from './enums';
import { DateScalar } from '../graphql/scalars';

/** A review of a care plan (seed 003): who reviewed it, when, what they concluded and when it is next due. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('care_plan_reviews')
export class CarePlanReview extends TenantOwnedEntity {
  @Column('uuid', { name: 'care_plan_id' })
  carePlanId!: string;

  /** The plan's patient, copied at creation (a composite foreign key keeps them equal): reads are access-logged by it. */
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Column('uuid', { name: 'reviewer_id' })
  reviewerId!: string;

  @Field(() => DateScalar)
  @Column('date', { name: 'review_date' })
  reviewDate!: string;

  @Field(() => ReviewOutcome)
  @Column('varchar', { length: 16 })
  outcome!: ReviewOutcome;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  notes!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the plan is next reviewed: becomes the plan’s reviewDate. Null for a plan closed.' })
  @Column('date', { name: 'next_review_date', nullable: true })
  nextReviewDate!: string | null;
}
