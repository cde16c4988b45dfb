import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { LeadReadiness, LeadSource, LeadStatus } from './enums';
import { DateTime } from '../graphql/scalars';

/**
 * A prospective patient in HealthCRM's pipeline (seed 002's `leads`): worked by an SDR from the
 * health questionnaire to a paid booking, then converted into a patient.
 */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('leads')
export class Lead extends TenantOwnedEntity {
  @Field()
  @Column('varchar', { name: 'first_name', length: 100 })
  firstName!: string;

  @Field()
  @Column('varchar', { name: 'last_name', length: 100 })
  lastName!: string;

  @Field({ description: 'Unique among the tenant’s live leads (compared case-insensitively).' })
  @Column('varchar', { length: 254 })
  email!: string;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 32, nullable: true })
  phone!: string | null;

  @Field(() => LeadStatus)
  @Column('varchar', { length: 32, default: LeadStatus.HHQ_STARTED })
  status!: LeadStatus;

  @Field(() => LeadSource)
  @Column('varchar', { length: 32, default: LeadSource.NONE })
  source!: LeadSource;

  @Field(() => LeadReadiness)
  @Column('varchar', { length: 16, default: LeadReadiness.COLD })
  readiness!: LeadReadiness;

  @Field(() => String, { nullable: true, description: 'The outcome of the last call (free text the team agrees on: "no answer", "booked").' })
  @Column('varchar', { length: 100, nullable: true })
  outcome!: string | null;

  @Field(() => String, { nullable: true, description: 'The kind of lead, as the clinic classifies them (seed 002’s lead_type).' })
  @Column('varchar', { name: 'lead_type', length: 100, nullable: true })
  leadType!: string | null;

  @Field(() => Int, { description: 'Calls logged with `logLeadCall`.' })
  @Column('integer', { name: 'call_count', default: 0 })
  callCount!: number;

  @Field(() => DateTime, { nullable: true, description: 'When the last call was logged.' })
  @Column('timestamptz', { name: 'last_contacted_at', nullable: true })
  lastContactedAt!: Date | null;

  @Column('uuid', { name: 'owner_id', nullable: true })
  ownerId!: string | null;

  @Column('uuid', { name: 'health_coach_id', nullable: true })
  healthCoachId!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  notes!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When `convertLead` made the lead a patient (`patient`); a lead converts once.' })
  @Column('timestamptz', { name: 'converted_at', nullable: true })
  convertedAt!: Date | null;

  @Field(() => Boolean, { description: 'Whether the lead may sign in to the patient portal.' })
  @Column('boolean', { name: 'portal_access', default: false })
  portalAccess!: boolean;
}
