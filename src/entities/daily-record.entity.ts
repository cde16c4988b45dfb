import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { Shift } from './enums';
import { DateScalar, JsonObject } from '../graphql/scalars';
import { Encrypted } from '../crypto/data-keys';

/**
 * What a care worker recorded for a resident in one shift (seed 003's daily records). Its author
 * may amend it until the shift ends; after that it is read-only and a correction is a new record.
 */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('daily_records')
export class DailyRecord extends TenantOwnedEntity {
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Field(() => DateScalar, { description: 'The day the shift began (a NIGHT shift ends the next morning).' })
  @Column('date', { name: 'record_date' })
  recordDate!: string;

  @Field(() => Shift)
  @Column('varchar', { length: 16 })
  shift!: Shift;

  @Field(() => JsonObject, { description: 'Care delivered (see CreateDailyRecordInput.careDelivered for its shape).' })
  @Column('jsonb', { name: 'care_delivered', default: {} })
  careDelivered!: Record<string, unknown>;

  @Field(() => JsonObject, { description: 'Observations (mood, sleep, skin, pain, notes). Encrypted at rest; not filterable.' })
  @Column('text')
  @Encrypted({ json: true })
  observations!: Record<string, unknown>;

  /** The membership of the care worker who wrote it: set from the caller, never from input. */
  @Column('uuid', { name: 'author_id' })
  authorId!: string;
}
