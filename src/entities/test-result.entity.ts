import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { COMPUTED_BY_DATABASE, Node, TenantOwnedEntity } from './base.entity';
import { ResultFlag } from './enums';
import { Decimal } from '../graphql/scalars';

/** One value of a test report (haemoglobin 11.2 g/dL, normal 13.0–17.0), with its flag computed by the database. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('test_results')
export class TestResult extends TenantOwnedEntity {
  @Column('uuid', { name: 'report_id' })
  reportId!: string;

  /** The report's patient (set from the report; the database keeps them equal). */
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Field(() => String, { nullable: true, description: 'The analyte’s code, e.g. a LOINC code.' })
  @Column('varchar', { length: 32, nullable: true })
  code!: string | null;

  @Field(() => String, { description: 'e.g. Haemoglobin.' })
  @Column('varchar', { length: 200 })
  name!: string;

  @Field(() => Decimal, { nullable: true, description: 'A measured value (exactly one of value and textValue).' })
  @Column('numeric', { nullable: true })
  value!: string | null;

  @Field(() => String, { nullable: true, description: 'A qualitative result such as "Negative" (exactly one of value and textValue).' })
  @Column('varchar', { name: 'text_value', length: 200, nullable: true })
  textValue!: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. g/dL.' })
  @Column('varchar', { length: 32, nullable: true })
  unit!: string | null;

  @Field(() => Decimal, { nullable: true, description: 'Lower bound of the normal range; below it the value is LOW.' })
  @Column('numeric', { name: 'normal_low', nullable: true })
  normalLow!: string | null;

  @Field(() => Decimal, { nullable: true, description: 'Upper bound of the normal range; above it the value is HIGH.' })
  @Column('numeric', { name: 'normal_high', nullable: true })
  normalHigh!: string | null;

  @Field(() => Decimal, { nullable: true, description: 'Below it the value is CRITICAL_LOW; under the normal range.' })
  @Column('numeric', { name: 'critical_low', nullable: true })
  criticalLow!: string | null;

  @Field(() => Decimal, { nullable: true, description: 'Above it the value is CRITICAL_HIGH; over the normal range.' })
  @Column('numeric', { name: 'critical_high', nullable: true })
  criticalHigh!: string | null;

  @Field(() => ResultFlag, { nullable: true, description: 'Computed by the database from value and ranges; null for a text value or a value without ranges.' })
  @Column({ type: 'varchar', length: 16, nullable: true, ...COMPUTED_BY_DATABASE })
  flag!: ResultFlag | null;
}
