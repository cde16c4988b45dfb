import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { AppointmentStatus } from './enums';
import { DateTime } from '../graphql/scalars';

/** A scheduled encounter between a patient and a care professional. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('appointments')
export class Appointment extends TenantOwnedEntity {
  @Column('uuid', { name: 'patient_id', nullable: true })
  patientId!: string | null;

  @Column('uuid', { name: 'lead_id', nullable: true })
  leadId!: string | null;

  @Column('uuid', { name: 'care_professional_id' })
  careProfessionalId!: string;

  @Column('uuid', { name: 'site_id', nullable: true })
  siteId!: string | null;

  @Field()
  @Column('varchar', { length: 200 })
  title!: string;

  @Field(() => DateTime)
  @Column('timestamptz', { name: 'start_time' })
  startTime!: Date;

  @Field(() => DateTime)
  @Column('timestamptz', { name: 'end_time' })
  endTime!: Date;

  @Field(() => AppointmentStatus)
  @Column('varchar', { length: 16, default: AppointmentStatus.SCHEDULED })
  status!: AppointmentStatus;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 200, nullable: true })
  location!: string | null;

  @Field(() => String, { nullable: true, description: 'Video link for remote appointments.' })
  @Column('varchar', { name: 'meeting_link', length: 500, nullable: true })
  meetingLink!: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 2000, nullable: true })
  reason!: string | null;
}
