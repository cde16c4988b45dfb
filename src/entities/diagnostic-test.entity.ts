import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { DiagnosticTestStatus, TestPriority } from './enums';
import { DateTime, Decimal } from '../graphql/scalars';

/** A laboratory or diagnostic test a doctor orders for a patient (seed 004's diagnostic_tests). */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('diagnostic_tests')
export class DiagnosticTest extends TenantOwnedEntity {
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Column('uuid', { name: 'ordering_doctor_id' })
  orderingDoctorId!: string;

  @Field(() => String, { description: 'The test’s code in the lab’s catalogue, e.g. a LOINC code such as 2345-7.' })
  @Column('varchar', { name: 'test_code', length: 32 })
  testCode!: string;

  @Field(() => String, { description: 'e.g. Full blood count.' })
  @Column('varchar', { name: 'test_name', length: 200 })
  testName!: string;

  @Field(() => String, { nullable: true, description: 'Why it was ordered.' })
  @Column('text', { nullable: true })
  reason!: string | null;

  @Field(() => DiagnosticTestStatus)
  @Column('varchar', { length: 20, default: DiagnosticTestStatus.ORDERED })
  status!: DiagnosticTestStatus;

  @Field(() => TestPriority)
  @Column('varchar', { length: 10, default: TestPriority.ROUTINE })
  priority!: TestPriority;

  @Field(() => DateTime)
  @Column('timestamptz', { name: 'ordered_at', default: () => 'now()' })
  orderedAt!: Date;

  @Field(() => DateTime, { nullable: true, description: 'Stamped on entering SAMPLE_COLLECTED.' })
  @Column('timestamptz', { name: 'sample_collected_at', nullable: true })
  sampleCollectedAt!: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Stamped on entering COMPLETED.' })
  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Stamped on entering CANCELLED.' })
  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt!: Date | null;

  @Field(() => Decimal, { nullable: true, description: 'What the test costs, in `currency` (at least 0, two decimals).' })
  @Column('numeric', { precision: 12, scale: 2, nullable: true })
  cost!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 code of the cost (required with a cost), e.g. GBP.' })
  @Column('char', { length: 3, nullable: true })
  currency!: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { name: 'insurance_provider', length: 200, nullable: true })
  insuranceProvider!: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { name: 'insurance_policy_number', length: 100, nullable: true })
  insurancePolicyNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'The insurer’s pre-authorisation reference, when one was needed.' })
  @Column('varchar', { name: 'insurance_authorization', length: 100, nullable: true })
  insuranceAuthorization!: string | null;
}
