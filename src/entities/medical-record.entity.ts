import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { Confidentiality, MedicalRecordType } from './enums';
import { DateTime } from '../graphql/scalars';
import { Encrypted } from '../crypto/data-keys';

/** A patient's medical record entry by a care professional, with its confidentiality (seed 004's medical_records). */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('medical_records')
export class MedicalRecord extends TenantOwnedEntity {
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Column('uuid', { name: 'author_id' })
  authorId!: string;

  @Column('uuid', { name: 'appointment_id', nullable: true })
  appointmentId!: string | null;

  @Field(() => MedicalRecordType)
  @Column('varchar', { name: 'record_type', length: 20 })
  recordType!: MedicalRecordType;

  @Field(() => String)
  @Column('varchar', { length: 200 })
  title!: string;

  @Field(() => String, { description: 'The record itself. Encrypted at rest; not filterable.' })
  @Column('text')
  @Encrypted()
  content!: string;

  @Field(() => Confidentiality, { description: 'Who may see the record (see the enum); NORMAL by default.' })
  @Column('varchar', { length: 20, default: Confidentiality.NORMAL })
  confidentiality!: Confidentiality;

  @Field(() => DateTime, { description: 'When the care it records took place; now by default, not in the future.' })
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt!: Date;
}
