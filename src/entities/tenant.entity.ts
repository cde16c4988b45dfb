import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from './base.entity';
import { TenantKind, TenantPlan } from './enums';
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

  @Field(() => TenantPlan)
  @Column('varchar', { length: 32, default: TenantPlan.STANDARD })
  plan!: TenantPlan;

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
