import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { MedicationStatus } from './enums';
import { DateScalar } from '../graphql/scalars';

/** A medication a patient takes: what, how much, how often, from when to when. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('patient_medications')
export class PatientMedication extends TenantOwnedEntity {
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Column('uuid', { name: 'medication_id' })
  medicationId!: string;

  @Column('uuid', { name: 'prescriber_id', nullable: true })
  prescriberId!: string | null;

  @Field(() => String)
  @Column('varchar', { length: 100 })
  dosage!: string;

  @Field(() => String)
  @Column('varchar', { length: 100 })
  frequency!: string;

  @Field(() => String, { nullable: true, description: 'oral, topical, IV…' })
  @Column('varchar', { length: 50, nullable: true })
  route!: string | null;

  @Field(() => DateScalar)
  @Column('date', { name: 'start_date' })
  startDate!: string;

  @Field(() => DateScalar, { nullable: true })
  @Column('date', { name: 'end_date', nullable: true })
  endDate!: string | null;

  @Field(() => MedicationStatus)
  @Column('varchar', { length: 16, default: MedicationStatus.ACTIVE })
  status!: MedicationStatus;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  notes!: string | null;
}
