import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { ActivityAction } from './enums';
import { DateTime, JsonObject } from '../graphql/scalars';

/**
 * One entry of the team's activity feed about a lead or a patient (seed 002's activity_logs):
 * written by the domain operations in their own transaction, never edited. The audit log stays
 * the compliance record; this is what the team reads.
 */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('activity_logs')
export class ActivityLog extends TenantOwnedEntity {
  @Column('uuid', { name: 'lead_id', nullable: true })
  leadId!: string | null;

  @Column('uuid', { name: 'patient_id', nullable: true })
  patientId!: string | null;

  @Field(() => ActivityAction)
  @Column('varchar', { length: 32 })
  action!: ActivityAction;

  @Field(() => JsonObject, {
    description:
      'By action: CALL_LOGGED { outcome, notes }; LEAD_STATUS_CHANGED { from, to }; LEAD_ASSIGNED { ownerId }; LEAD_CONVERTED { patientId }; JOURNEY_ADVANCED { from, to }; TASK_COMPLETED { taskId, title }. Ids are global ids.',
  })
  @Column('jsonb', { default: {} })
  details!: Record<string, unknown>;

  @Field(() => DateTime)
  @Column('timestamptz', { name: 'occurred_at', default: () => 'clock_timestamp()' })
  occurredAt!: Date;

  @Column('uuid', { name: 'actor_id' })
  actorId!: string;
}
