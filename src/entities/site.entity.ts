import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { SiteKind } from './enums';

/** A place where care happens: a clinic (seed 004) or a care home (seed 003 facilities). */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('sites')
export class Site extends TenantOwnedEntity {
  @Field()
  @Column('varchar', { length: 200 })
  name!: string;

  @Field(() => SiteKind)
  @Column('varchar', { length: 32 })
  kind!: SiteKind;

  @Field(() => Int, { nullable: true, description: 'Beds, for care homes.' })
  @Column('int', { nullable: true })
  capacity!: number | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 500, nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 32, nullable: true })
  phone!: string | null;

  @Field({ description: 'IANA time zone, e.g. Europe/London.' })
  @Column('varchar', { length: 64, default: 'Europe/London' })
  timezone!: string;

  @Field(() => String, { nullable: true })
  @Column('varchar', { name: 'licence_number', length: 64, nullable: true })
  licenceNumber!: string | null;
}
