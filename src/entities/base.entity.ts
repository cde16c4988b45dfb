import { Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { Column, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../data/global-id';
import { DateTime } from '../graphql/scalars';

/** Column options of a value the database computes (a generated column, a trigger's sum): read, never written by the API. */
export const COMPUTED_BY_DATABASE = { insert: false, update: false } as const;

/** Relay's Node: any object can be refetched with `node(id)`. */
@InterfaceType('Node', { description: 'An object with a globally unique, opaque id (Relay Global Object Identification).' })
export abstract class Node {
  // Not a simple resolver: the GraphQL name (`id`) differs from the property (`globalId`).
  @Field(() => ID, { name: 'id', simple: false })
  globalId!: string;
}

/**
 * Columns every tenant-owned row has (DESIGN.md §1). `tenantId` and the actor columns have no
 * @Field: they are never exposed. `version` and `updatedAt` are bumped by a database trigger on
 * every update, so no code path can forget them.
 */
@ObjectType({ simpleResolvers: true }) // never emitted itself: type-graphql 2 only emits reachable types
export abstract class TenantOwnedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @Field(() => DateTime)
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Field(() => DateTime)
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy!: string | null;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt!: Date | null;

  @Field(() => Int, { description: 'Optimistic-concurrency version: pass it as `expectedVersion` when updating.' })
  @Column('int', { default: 1 })
  version!: number;

  get globalId(): string {
    return toGlobalId(this.constructor.name, this.id);
  }
}
