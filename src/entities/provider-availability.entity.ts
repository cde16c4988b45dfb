import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { DateScalar, LocalTime } from '../graphql/scalars';

/** ISO weekdays, Monday first: stored by name, ordered by this rank. */
export enum Weekday {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}
registerEnumType(Weekday, { name: 'Weekday', description: 'A day of the week, Monday first (ISO 8601); ordering by WEEKDAY follows this rank.' });

/**
 * When a care professional may be booked: one weekly window (a weekday, a start and an end time
 * of day, local to the site's time zone) during a span of dates (provider_availability in the
 * seeds). Once a professional has any availability, appointments must fall inside it
 * (src/domain/scheduling.ts); a professional without any is bookable at any time.
 */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('provider_availabilities')
export class ProviderAvailability extends TenantOwnedEntity {
  @Column('uuid', { name: 'care_professional_id' })
  careProfessionalId!: string;

  @Column('uuid', { name: 'site_id', nullable: true })
  siteId!: string | null;

  @Field(() => Weekday)
  @Column('varchar', { length: 9 })
  weekday!: Weekday;

  @Field(() => LocalTime, { description: "Local time of day the window opens, in the time zone of the site (else the professional's site, else Europe/London)." })
  @Column('time', { name: 'start_time', precision: 0 })
  startTime!: string;

  @Field(() => LocalTime, { description: 'Local time of day the window closes (not included); after startTime. `24:00` is midnight at the end of the day.' })
  @Column('time', { name: 'end_time', precision: 0 })
  endTime!: string;

  @Field(() => DateScalar, { description: 'First day the window applies.' })
  @Column('date', { name: 'valid_from' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day the window applies (included); null for open-ended.' })
  @Column('date', { name: 'valid_to', nullable: true })
  validTo!: string | null;
}
