import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { DateScalar } from '../graphql/scalars';

/**
 * One period a resident spent in one room of one care home (seed 003): opened by
 * `admitResident` or `transferResident`, closed by `transferResident` or `dischargeResident`.
 * The database refuses two live stays in one room at once, and more open stays at a site than
 * its capacity.
 */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('resident_stays')
export class ResidentStay extends TenantOwnedEntity {
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Column('uuid', { name: 'site_id' })
  siteId!: string;

  @Field()
  @Column('varchar', { length: 20 })
  room!: string;

  @Field(() => DateScalar, { description: 'The first night of the stay.' })
  @Column('date', { name: 'from_date' })
  fromDate!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The day the stay ended (not a night of it); null while it lasts.' })
  @Column('date', { name: 'to_date', nullable: true })
  toDate!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the stay began (an admission or transfer reason).' })
  @Column('varchar', { length: 500, nullable: true })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it ended (a transfer or discharge reason).' })
  @Column('varchar', { name: 'end_reason', length: 500, nullable: true })
  endReason!: string | null;
}
