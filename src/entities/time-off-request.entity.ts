import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { DateTime } from '../graphql/scalars';

export enum TimeOffStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(TimeOffStatus, {
  name: 'TimeOffStatus',
  description: 'REQUESTED, then APPROVED or REJECTED by an admin or coordinator; REQUESTED and APPROVED may be CANCELLED. Only APPROVED time off blocks bookings.',
});

/** A care professional's request to be away (time_off_requests in the seeds); once approved, nobody can book them then. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('time_off_requests')
export class TimeOffRequest extends TenantOwnedEntity {
  @Column('uuid', { name: 'care_professional_id' })
  careProfessionalId!: string;

  @Field(() => DateTime, { description: 'When the time off begins.' })
  @Column('timestamptz', { name: 'start_time' })
  startTime!: Date;

  @Field(() => DateTime, { description: 'When it ends (not included); after startTime.' })
  @Column('timestamptz', { name: 'end_time' })
  endTime!: Date;

  @Field(() => String, { nullable: true, description: 'Why, in a few words. Everyone who may read time off sees it: no health details.' })
  @Column('varchar', { length: 500, nullable: true })
  reason!: string | null;

  @Field(() => TimeOffStatus)
  @Column('varchar', { length: 16, default: TimeOffStatus.REQUESTED })
  status!: TimeOffStatus;

  @Field(() => DateTime, { nullable: true, description: 'When it was approved or rejected.' })
  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt!: Date | null;

  @Column('uuid', { name: 'decided_by_id', nullable: true })
  decidedById!: string | null;
}
