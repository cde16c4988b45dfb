import type { TenantOwnedEntity } from '../entities/base.entity';
import type { Permission } from '../auth/permissions';
import type { Page } from './page';
import type { PageArgs } from './page-query';
import type { Resource } from './resource';
import type { Selection } from './selection';
import type { CoercedVariables, OperationPlan } from './read-plan';
import { RequestScope } from './request-scope';
import { ResolverReads } from './resolver-reads';
import { CompiledReads } from './compiled-sql';
import { Writes } from './writes';
import { AggregateReads, type AggregateValues, type GroupArgs, type GroupPage, type MeasureRequest } from './aggregates';

export type { DataAccessOptions } from './request-scope';

/**
 * The one path every read and write of tenant data takes, top-level and nested alike
 * (Medplum's lesson): role checks, the tenant predicate, soft-delete filtering, batching
 * (DataLoader, per request), access logging of patient data and version-checked writes. The
 * request's scope (request-scope.ts) with its three parts: the resolvers' reads
 * (resolver-reads.ts), the compiled read path's SQL (compiled-sql.ts) and writes (writes.ts).
 */
export class DataAccess extends RequestScope {
  private readonly reads = new ResolverReads(this);
  private readonly compiled = new CompiledReads(this);
  private readonly writes = new Writes(this);
  private readonly aggregates = new AggregateReads(this, this.options.aggregates);

  /** A top-level connection: `patients(first, after, filter, orderBy)`. */
  page<E>(resource: Resource, args: PageArgs, selection?: Selection): Promise<Page<E>> {
    return this.reads.page<E>(resource, args, selection);
  }

  /** One object by database id, batched with every other lookup of this type in the request. Null when absent or deleted. */
  byId<E>(resource: Resource, id: string, selection?: Selection): Promise<E | null> {
    return this.reads.byId<E>(resource, id, selection);
  }

  /** A nested connection limited per parent (`Patient.appointments(first: 5)`): one statement for all parents. */
  children<E>(resource: Resource, foreignKey: string, parentId: string, args: PageArgs, selection?: Selection): Promise<Page<E>> {
    return this.reads.children<E>(resource, foreignKey, parentId, args, selection);
  }

  /** Totals of the rows matching `filter` (one parent's children when nested): one statement for all parents. */
  aggregateTotals(resource: Resource, filter: Record<string, unknown> | null | undefined, measures: MeasureRequest, parent?: { foreignKey: string; id: string }): Promise<AggregateValues> {
    return this.aggregates.totals(resource, filter, measures, parent);
  }

  /** A page of the groups of the rows matching `filter` (one parent's children when nested): one statement for all parents. */
  aggregateGroups(resource: Resource, filter: Record<string, unknown> | null | undefined, measures: MeasureRequest, args: GroupArgs, parent?: { foreignKey: string; id: string }): Promise<GroupPage> {
    return this.aggregates.groups(resource, filter, measures, args, parent);
  }

  /** The whole response body of a planned query, built by one statement; null when the resolvers must answer. */
  readCompiled(plan: OperationPlan, variables: CoercedVariables, operationName: string | null): Promise<string | null> {
    return this.compiled.readCompiled(plan, variables, operationName);
  }

  /** `byAction`: written by a domain action whose own roles were checked (Writes.create). */
  create<E extends TenantOwnedEntity>(resource: Resource<E>, input: object, byAction = false): Promise<E> {
    return this.writes.create(resource, input, byAction);
  }

  /** Applies the input only if the row is still at `expectedVersion`; otherwise CONFLICT, never a silent overwrite. */
  update<E extends TenantOwnedEntity>(resource: Resource<E>, input: { id: string; expectedVersion: number }): Promise<E> {
    return this.writes.update(resource, input);
  }

  /** A domain action on one row: changes computed from the locked row, then checked and written as an update (Writes.act). */
  act<E extends TenantOwnedEntity>(
    resource: Resource<E>,
    input: { id: string; expectedVersion?: number | null },
    changesOf: (current: E) => object | Promise<object>,
    action?: Permission,
  ): Promise<E> {
    return this.writes.act(resource, input, changesOf, action);
  }

  /** Moves live children from one parent to another, audited row by row (Writes.moveChildren). */
  moveChildren(resource: Resource, from: string, fromId: string, set: Record<string, string | null>, where?: string): Promise<number> {
    return this.writes.moveChildren(resource, from, fromId, set, where);
  }

  /** Soft delete, cascading to the declared children with the same timestamp. */
  softDelete<E extends TenantOwnedEntity>(resource: Resource<E>, input: { id: string; expectedVersion?: number | null }): Promise<E> {
    return this.writes.softDelete(resource, input);
  }

  restore<E extends TenantOwnedEntity>(resource: Resource<E>, input: { id: string }): Promise<E> {
    return this.writes.restore(resource, input);
  }

  /** Refuses a write of a tenant whose subscription is SUSPENDED (every write above checks it; writes outside resources call it). */
  assertWritable(): Promise<void> {
    return this.writes.assertWritable();
  }
}
