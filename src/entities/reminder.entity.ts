import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { ReminderStatus } from './enums';
import { DateTime } from '../graphql/scalars';

/** A time to remind a member about one task, appointment or patient. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('reminders')
export class Reminder extends TenantOwnedEntity {
  @Column('uuid', { name: 'member_id' })
  memberId!: string;

  @Field(() => DateTime)
  @Column('timestamptz', { name: 'remind_at' })
  remindAt!: Date;

  @Field(() => ReminderStatus)
  @Column('varchar', { length: 16, default: ReminderStatus.PENDING })
  status!: ReminderStatus;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 500, nullable: true })
  note!: string | null;

  @Column('uuid', { name: 'task_id', nullable: true })
  taskId!: string | null;

  @Column('uuid', { name: 'appointment_id', nullable: true })
  appointmentId!: string | null;

  @Column('uuid', { name: 'patient_id', nullable: true })
  patientId!: string | null;
}
