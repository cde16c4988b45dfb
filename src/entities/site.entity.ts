import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { SiteKind } from './enums';
import { JsonObject } from '../graphql/scalars';

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

  @Field(() => Int, { nullable: true, description: 'Beds, required for care homes (1 to 10,000); never below the beds in use (`occupancy`).' })
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
  @Column('varchar', { length: 254, nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { name: 'licence_number', length: 64, nullable: true })
  licenceNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'A clinic’s tax identifier (VAT or tax number).' })
  @Column('varchar', { name: 'tax_id', length: 32, nullable: true })
  taxId!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 code the site bills in; null: the tenant’s currency.' })
  @Column('char', { length: 3, nullable: true })
  currency!: string | null;

  @Field(() => String, { nullable: true, description: 'Language tag of the site’s documents and messages, e.g. en-GB; null: the tenant’s locale.' })
  @Column('varchar', { length: 16, nullable: true })
  language!: string | null;

  @Field(() => String, { nullable: true, description: 'The regulator’s registration number (a care home’s CQC location id, for instance).' })
  @Column('varchar', { name: 'registration_number', length: 64, nullable: true })
  registrationNumber!: string | null;

  @Field(() => JsonObject, { description: 'Registration details as a JSON object: regulator, registered manager, registered services, last inspection and rating.' })
  @Column('jsonb', { name: 'registration_details', default: {} })
  registrationDetails!: Record<string, unknown>;
}
