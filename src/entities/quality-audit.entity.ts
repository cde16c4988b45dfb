import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { ActionItemStatus, QualityAuditType } from './enums';
import { DateScalar, DateTime } from '../graphql/scalars';

/** A quality audit of a site (seed 003's audits): its findings, score and action plan (`actionItems`). */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('quality_audits')
export class QualityAudit extends TenantOwnedEntity {
  @Column('uuid', { name: 'site_id' })
  siteId!: string;

  @Field(() => QualityAuditType)
  @Column('varchar', { name: 'audit_type', length: 32 })
  type!: QualityAuditType;

  @Field(() => DateScalar)
  @Column('date', { name: 'audit_date' })
  auditDate!: string;

  @Column('uuid', { name: 'auditor_id' })
  auditorId!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  findings!: string | null;

  @Field(() => Int, { description: '0 to 100.' })
  @Column('int')
  score!: number;
}

/** One item of an audit's action plan: who does what by when. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('audit_action_items')
export class AuditActionItem extends TenantOwnedEntity {
  @Column('uuid', { name: 'audit_id' })
  auditId!: string;

  @Field()
  @Column('varchar', { length: 500 })
  description!: string;

  @Column('uuid', { name: 'owner_id' })
  ownerId!: string;

  @Field(() => DateScalar)
  @Column('date', { name: 'due_date' })
  dueDate!: string;

  @Field(() => ActionItemStatus)
  @Column('varchar', { length: 16, default: ActionItemStatus.OPEN })
  status!: ActionItemStatus;

  @Field(() => DateTime, { nullable: true, description: 'Stamped when the item is DONE.' })
  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}
