import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { DateTime } from '../graphql/scalars';

/** A consent a patient gave or refused. History is kept: a consent is revoked by setting `revokedAt` once, never overwritten; a new decision is a new row. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('patient_consents')
export class PatientConsent extends TenantOwnedEntity {
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Field(() => String, { description: 'e.g. "data sharing", "treatment", "photography".' })
  @Column('varchar', { name: 'consent_type', length: 100 })
  consentType!: string;

  @Field(() => Boolean)
  @Column('boolean')
  granted!: boolean;

  @Field(() => DateTime, { description: 'When the decision was recorded.' })
  @Column('timestamptz', { name: 'granted_at', default: () => 'now()' })
  grantedAt!: Date;

  @Field(() => DateTime, { nullable: true, description: 'When the consent was revoked; set once.' })
  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The address the decision came from, when given online.' })
  @Column('varchar', { name: 'source_ip', length: 45, nullable: true })
  sourceIp!: string | null;
}
