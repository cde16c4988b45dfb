import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from './base.entity';
import { SubscriptionStatus, TenantKind, TenantPlan } from './enums';
import { toGlobalId } from '../data/global-id';
import { DateTime } from '../graphql/scalars';

/** An organisation using CareGraph: a clinic, a care-home group, a coaching team. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('tenants')
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'URL-safe unique name, used to log in.' })
  @Column('varchar', { length: 63 })
  slug!: string;

  @Field()
  @Column('varchar', { length: 200 })
  name!: string;

  @Field(() => TenantKind)
  @Column('varchar', { length: 32 })
  kind!: TenantKind;

  @Field(() => TenantPlan, { description: 'Its limits are in `limits`; set by an operator.' })
  @Column('varchar', { length: 32, default: TenantPlan.FREE })
  plan!: TenantPlan;

  @Field(() => SubscriptionStatus)
  @Column('varchar', { name: 'subscription_status', length: 16, default: SubscriptionStatus.ACTIVE })
  subscriptionStatus!: SubscriptionStatus;

  @Field(() => String, { nullable: true, description: 'The tenant’s own domain (lower case), unique among tenants.' })
  @Column('varchar', { length: 253, nullable: true })
  domain!: string | null;

  @Field(() => String, { nullable: true, description: 'An https URL.' })
  @Column('varchar', { name: 'logo_url', length: 2000, nullable: true })
  logoUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'Hex colour `#rrggbb` (lower case).' })
  @Column('varchar', { name: 'primary_color', length: 7, nullable: true })
  primaryColor!: string | null;

  @Field({ description: 'IANA time zone, e.g. Europe/London.' })
  @Column('varchar', { length: 64, default: 'Europe/London' })
  timezone!: string;

  @Field({ description: 'BCP 47 language tag, e.g. en-GB.' })
  @Column('varchar', { length: 16, default: 'en-GB' })
  locale!: string;

  @Field({ description: 'ISO 4217 code, e.g. GBP.' })
  @Column('char', { length: 3, default: 'GBP' })
  currency!: string;

  @Field({ description: 'Members’ requests run registered documents only (as partner apps’ always do): see `registerTrustedDocuments`.' })
  @Column('boolean', { name: 'trusted_documents_only', default: false })
  trustedDocumentsOnly!: boolean;

  @Field(() => Int, { description: 'Changes with each settings update: `updateTenantSettings` compares it.' })
  @Column('integer', { default: 1 })
  version!: number;

  @Column('jsonb', { default: {} })
  settings!: Record<string, unknown>;

  @Field(() => DateTime)
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt!: Date | null;

  get globalId(): string {
    return toGlobalId('Tenant', this.id);
  }
}
