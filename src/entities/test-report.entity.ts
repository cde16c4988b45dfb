import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { DateTime } from '../graphql/scalars';

/**
 * A diagnostic test's report (seed 004's test_reports): findings, interpretation and
 * recommendations, with its result values (`results`). Verified once (`verifyTestReport`), then
 * read-only; a correction is an amendment (`amendTestReport`), a new report that keeps this one.
 */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('test_reports')
export class TestReport extends TenantOwnedEntity {
  @Column('uuid', { name: 'diagnostic_test_id' })
  diagnosticTestId!: string;

  /** The test's patient (set from the test; the database keeps them equal). */
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  findings!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  interpretation!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  recommendations!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When it was verified (`verifyTestReport`); from then on the report and its results are read-only.' })
  @Column('timestamptz', { name: 'verified_at', nullable: true })
  verifiedAt!: Date | null;

  @Column('uuid', { name: 'verified_by_id', nullable: true })
  verifiedById!: string | null;

  @Column('uuid', { name: 'amends_id', nullable: true })
  amendsId!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the report it amends was corrected (amendments only).' })
  @Column('text', { name: 'amendment_reason', nullable: true })
  amendmentReason!: string | null;
}
