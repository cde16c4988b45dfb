import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { AssessmentType } from './enums';
import { DateScalar, JsonObject } from '../graphql/scalars';

/** A standard assessment of a resident (seed 003): falls, pressure ulcers, nutrition, daily living, mental capacity. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('assessments')
export class Assessment extends TenantOwnedEntity {
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Field(() => AssessmentType)
  @Column('varchar', { name: 'assessment_type', length: 20 })
  type!: AssessmentType;

  @Field(() => DateScalar)
  @Column('date', { name: 'assessed_on' })
  assessedOn!: string;

  @Field(() => Int, { nullable: true, description: 'Required within the type’s range where it has a score (see AssessmentType); null for MENTAL_CAPACITY.' })
  @Column('int', { nullable: true })
  score!: number | null;

  @Field(() => JsonObject, { description: 'Findings, in the shape of the assessment type (see CreateAssessmentInput.findings).' })
  @Column('jsonb', { default: {} })
  findings!: Record<string, unknown>;

  @Field(() => JsonObject, { description: '`{ "actions": ["…"], "reviewInDays": 30 }`: what should follow.' })
  @Column('jsonb', { default: {} })
  recommendations!: Record<string, unknown>;

  @Column('uuid', { name: 'assessed_by_id' })
  assessedById!: string;
}
