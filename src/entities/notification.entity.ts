import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { NotificationPriority, NotificationType } from './enums';
import { DateTime } from '../graphql/scalars';

/** A notice to one member (seed 004's notifications), made by the database with the event it tells of (migration Notifications). */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('notifications')
export class Notification extends TenantOwnedEntity {
  @Column('uuid', { name: 'member_id' })
  memberId!: string;

  @Field(() => NotificationType)
  @Column('varchar', { length: 32 })
  type!: NotificationType;

  @Field(() => NotificationPriority)
  @Column('varchar', { length: 8, default: NotificationPriority.NORMAL })
  priority!: NotificationPriority;

  @Field(() => String)
  @Column('varchar', { length: 200 })
  title!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  message!: string | null;

  @Field(() => String, { nullable: true, description: 'The global id of what it is about: `node(id: link)` fetches it, if you may read it.' })
  @Column('varchar', { length: 200, nullable: true })
  link!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When you marked it read (`markNotificationsRead`); null while unread.' })
  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt!: Date | null;
}
