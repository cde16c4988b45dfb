import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { PrescriptionStatus } from './enums';
import { DateScalar, DateTime } from '../graphql/scalars';

/** A medication prescribed to a patient by a professional who may prescribe, with its refills (seed 004's prescriptions). */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('prescriptions')
export class Prescription extends TenantOwnedEntity {
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Column('uuid', { name: 'prescriber_id' })
  prescriberId!: string;

  @Column('uuid', { name: 'medication_id' })
  medicationId!: string;

  @Field(() => String, { description: 'How much per dose, e.g. 500 mg.' })
  @Column('varchar', { length: 100 })
  dosage!: string;

  @Field(() => String, { description: 'How often, e.g. twice daily.' })
  @Column('varchar', { length: 100 })
  frequency!: string;

  @Field(() => Int, { nullable: true, description: 'Days of treatment (1 to 3,650); null: until stopped.' })
  @Column('int', { name: 'duration_days', nullable: true })
  durationDays!: number | null;

  @Field(() => String, { nullable: true, description: 'oral, topical, IV…' })
  @Column('varchar', { length: 50, nullable: true })
  route!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  instructions!: string | null;

  @Field(() => Int, { description: 'Refills allowed (0 to 24).' })
  @Column('int', { name: 'refills_allowed', default: 0 })
  refillsAllowed!: number;

  @Field(() => Int, { description: 'Refills dispensed (`refillPrescription`); never more than allowed.' })
  @Column('int', { name: 'refills_used', default: 0 })
  refillsUsed!: number;

  @Field(() => DateTime, { nullable: true })
  @Column('timestamptz', { name: 'last_refilled_at', nullable: true })
  lastRefilledAt!: Date | null;

  @Field(() => PrescriptionStatus)
  @Column('varchar', { length: 16, default: PrescriptionStatus.ACTIVE })
  status!: PrescriptionStatus;

  @Field(() => DateScalar)
  @Column('date', { name: 'prescribed_on', default: () => 'current_date' })
  prescribedOn!: string;
}
