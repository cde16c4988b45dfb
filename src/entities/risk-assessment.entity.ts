import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { RiskLevel } from './enums';
import { DateScalar } from '../graphql/scalars';

/** An assessed risk, optionally about one patient, with its mitigation and review date. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('risk_assessments')
export class RiskAssessment extends TenantOwnedEntity {
  @Column('uuid', { name: 'patient_id', nullable: true })
  patientId!: string | null;

  @Field(() => String)
  @Column('varchar', { length: 200 })
  title!: string;

  @Field(() => String)
  @Column('text')
  description!: string;

  @Field(() => RiskLevel)
  @Column('varchar', { length: 16 })
  level!: RiskLevel;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  mitigation!: string | null;

  @Column('uuid', { name: 'conducted_by_id', nullable: true })
  conductedById!: string | null;

  @Field(() => DateScalar)
  @Column('date', { name: 'assessment_date' })
  assessmentDate!: string;

  @Field(() => DateScalar, { nullable: true })
  @Column('date', { name: 'next_review_date', nullable: true })
  nextReviewDate!: string | null;
}
