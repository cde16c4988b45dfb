import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { IncidentSeverity, IncidentStatus, IncidentType } from './enums';
import { DateTime } from '../graphql/scalars';
import { Encrypted } from '../crypto/data-keys';

/** An incident at a site, about a resident or not (seed 003): reported, investigated, closed, and notified to the regulator where the law says so. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('incidents')
export class Incident extends TenantOwnedEntity {
  @Column('uuid', { name: 'site_id' })
  siteId!: string;

  @Column('uuid', { name: 'patient_id', nullable: true })
  patientId!: string | null;

  @Field(() => IncidentType)
  @Column('varchar', { name: 'incident_type', length: 20 })
  type!: IncidentType;

  @Field(() => IncidentSeverity)
  @Column('varchar', { length: 16 })
  severity!: IncidentSeverity;

  @Field(() => DateTime, { description: 'Not in the future.' })
  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Field({ description: 'What happened. Encrypted at rest; not filterable.' })
  @Column('text')
  @Encrypted()
  details!: string;

  @Field(() => String, { nullable: true, description: 'Safeguarding notes. Encrypted at rest; not filterable.' })
  @Column('text', { name: 'safeguarding_notes', nullable: true })
  @Encrypted()
  safeguardingNotes!: string | null;

  @Field(() => String, { nullable: true, description: 'What was done; required to close the incident. Encrypted at rest; not filterable.' })
  @Column('text', { name: 'actions_taken', nullable: true })
  @Encrypted()
  actionsTaken!: string | null;

  /** The member who reported it: the caller, never from input. */
  @Column('uuid', { name: 'reported_by_id' })
  reportedById!: string;

  @Field(() => IncidentStatus)
  @Column('varchar', { length: 24, default: IncidentStatus.OPEN })
  status!: IncidentStatus;

  @Field(() => DateTime, { nullable: true })
  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Field(() => Boolean, { description: 'Must be notified to the regulator (CQC notifications: deaths, serious injuries, abuse and safeguarding).' })
  @Column('boolean', { name: 'regulator_notifiable', default: false })
  regulatorNotifiable!: boolean;
}
