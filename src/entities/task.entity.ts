import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { TaskPriority, TaskStatus } from './enums';
import { DateTime } from '../graphql/scalars';

/** A piece of work for a member of the tenant, optionally about a patient (tasks in the seeds). */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('tasks')
export class Task extends TenantOwnedEntity {
  @Field()
  @Column('varchar', { length: 200 })
  title!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description!: string | null;

  @Field(() => TaskStatus)
  @Column('varchar', { length: 16, default: TaskStatus.PENDING })
  status!: TaskStatus;

  @Field(() => TaskPriority)
  @Column('varchar', { length: 16, default: TaskPriority.MEDIUM })
  priority!: TaskPriority;

  @Field(() => DateTime, { description: 'Defaults from the priority: URGENT now, HIGH in 24 hours, MEDIUM in three days, LOW in a week.' })
  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Field(() => DateTime, { nullable: true, description: 'Set when the task moves to COMPLETED.' })
  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  @Column('uuid', { name: 'assignee_id', nullable: true })
  assigneeId!: string | null;

  @Column('uuid', { name: 'patient_id', nullable: true })
  patientId!: string | null;

  @Column('uuid', { name: 'lead_id', nullable: true })
  leadId!: string | null;
}
