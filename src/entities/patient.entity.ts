import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { DateScalar, JsonObject } from '../graphql/scalars';
import { Encrypted } from '../crypto/data-keys';
import { Node, TenantOwnedEntity } from './base.entity';
import { Gender, JourneyStage, PatientStatus, ResidentStatus } from './enums';

/** A person receiving care: patients (001, 004), contacts (002) and residents (003) in the seeds. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('patients')
export class Patient extends TenantOwnedEntity {
  @Column('uuid', { name: 'site_id', nullable: true })
  siteId!: string | null;

  @Column('uuid', { name: 'primary_physician_id', nullable: true })
  primaryPhysicianId!: string | null;

  @Field(() => String, { nullable: true, description: 'Medical record number, generated per tenant on creation (null only where masked).' })
  @Column('varchar', { length: 20 })
  mrn!: string;

  @Field()
  @Column('varchar', { name: 'first_name', length: 100 })
  firstName!: string;

  @Field()
  @Column('varchar', { name: 'last_name', length: 100 })
  lastName!: string;

  @Field(() => DateScalar, { nullable: true })
  @Column('date', { name: 'date_of_birth', nullable: true })
  dateOfBirth!: string | null;

  @Field(() => Gender)
  @Column('varchar', { length: 16, default: Gender.UNKNOWN })
  gender!: Gender;

  @Field(() => String, { nullable: true, description: '10-digit NHS number (modulus-11 checked).' })
  @Column('varchar', { name: 'nhs_number', length: 10, nullable: true })
  nhsNumber!: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 254, nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 32, nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 500, nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { name: 'emergency_contact', length: 500, nullable: true })
  emergencyContact!: string | null;

  @Field(() => PatientStatus)
  @Column('varchar', { length: 16, default: PatientStatus.ACTIVE })
  status!: PatientStatus;

  @Field(() => String, { nullable: true, description: 'A resident’s care-home room, kept by `admitResident` and `transferResident` (`stays` is the history).' })
  @Column('varchar', { name: 'room_number', length: 20, nullable: true })
  roomNumber!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'A resident’s latest admission (`admitResident`).' })
  @Column('date', { name: 'admission_date', nullable: true })
  admissionDate!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the latest stay ended (`dischargeResident`); null while in residence.' })
  @Column('date', { name: 'discharge_date', nullable: true })
  dischargeDate!: string | null;

  @Field(() => ResidentStatus, {
    nullable: true,
    description: 'Care homes: null for a patient never admitted; changed only by `admitResident`, `updateResidentStatus` and `dischargeResident`.',
  })
  @Column('varchar', { name: 'resident_status', length: 16, nullable: true })
  residentStatus!: ResidentStatus | null;

  @Field(() => JsonObject, {
    nullable: true,
    description: 'Medical details (diagnoses, allergies, dietary needs…) as a JSON object. Encrypted at rest; never filterable.',
  })
  @Column('text', { name: 'medical_details', nullable: true })
  @Encrypted({ json: true })
  medicalDetails!: Record<string, unknown> | null;

  @Field(() => JourneyStage, { nullable: true, description: 'HealthCRM’s journey; null for patients not on one. Changed by `advanceJourney` only; `journeyHistory` keeps every change.' })
  @Column('varchar', { name: 'journey_stage', length: 40, nullable: true })
  journeyStage!: JourneyStage | null;

  @Column('uuid', { name: 'health_coach_id', nullable: true })
  healthCoachId!: string | null;

  @Column('uuid', { name: 'lead_id', nullable: true })
  leadId!: string | null;
}
