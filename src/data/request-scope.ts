import DataLoader from 'dataloader';
import { createHash } from 'node:crypto';
import { AppError } from '../errors/app-error';
import type { Caller } from '../auth/caller';
import { featureDisabled, permissionOf, readsDeIdentified, refusalFor, type Permission } from '../auth/permissions';
import type { Feature } from '../entities/enums';
import type { RequestDb } from '../db/request-db';
import { READ_TYPES } from '../db/read-types';
import { PageArgs, PagePlan, planPage } from './page-query';
import type { CursorCodec, ScopedCursorCodec } from './cursor';
import type { Operation, Resource } from './resource';
import { seesInFull, type FieldMask } from './masks';
import { SqlParams, TableInfo } from './table';
import type { AggregateOptions } from './aggregates';

export interface DataAccessOptions {
  /** The application's own tenant predicate. Off only in tests proving that RLS alone isolates tenants. */
  applicationTenantFilter: boolean;
  /** Conditions in one filter (RequestLimits.maxFilterConditions). */
  maxFilterConditions: number;
  /** Aggregates: the small-cell threshold and the most groups of one grouping. */
  aggregates: AggregateOptions;
}

/** A row as reads return it, with a page's cursor values and a nested page's parent id. */
export type Row = Record<string, unknown> & { __cursor?: string; __parent?: string };

/**
 * What every part of the data layer shares for one request: the caller, the role check, the
 * tenant predicate and soft-delete filter, page plans, the request's DataLoaders (writes clear
 * them) and the access log of patients read. Fails closed: without a verified caller there is
 * no tenant and every call throws.
 */
export class RequestScope {
  readonly loaders = new Map<string, DataLoader<string, unknown>>();

  constructor(
    readonly db: RequestDb,
    readonly caller: Caller | null,
    private readonly tables: Map<Resource, TableInfo>,
    private readonly cursors: CursorCodec,
    readonly options: DataAccessOptions,
  ) {}

  get tenantId(): string {
    return this.requireCaller().tenantId;
  }

  private scopedCursors?: ScopedCursorCodec;
  /** Cursors sealed for the caller's tenant only. */
  get tenantCursors(): ScopedCursorCodec {
    return (this.scopedCursors ??= this.cursors.forScope(this.tenantId));
  }

  authorize(resource: Resource, operation: Operation): void {
    this.authorizeAction(permissionOf(resource, operation));
  }

  /** Any permission: a resource's operation, one of its actions (`Patient.advanceJourney`), or the tenant's own. */
  authorizeAction(permission: Permission): void {
    const refusal = refusalFor(this.requireCaller(), permission);
    if (refusal) throw refusal;
  }

  /** What belongs to a feature without being a permission of its own (`Site.occupancy`): refused while the tenant has it off. */
  requireFeature(feature: Feature, what: string): void {
    if (!this.requireCaller().features.has(feature)) throw featureDisabled(feature, what);
  }

  /**
   * A field of `resource` that belongs to a feature (`fieldFeatures`), or a reference field whose
   * target does (filtering tasks by `lead`): refused while the tenant has that feature off.
   */
  requireFieldFeature(resource: Resource, field: string, what = `${resource.typeName}.${field}`): void {
    const feature = resource.fieldFeatures?.[field] ?? (Object.hasOwn(resource.toOne, field) ? resource.toOne[field].resource().feature : undefined);
    if (feature) this.requireFeature(feature, what);
  }

  /** The mask the caller reads a field of `resource` through (its `masks` entry, unless the caller's role is among those who see it in full). */
  maskOf(resource: Resource, field: string): FieldMask | undefined {
    const mask = resource.masks && Object.hasOwn(resource.masks, field) ? resource.masks[field] : undefined;
    return mask && !seesInFull(mask, this.requireCaller().role) ? mask : undefined;
  }

  /** Whether the caller reads patients de-identified (an ANALYST, or a custom role or API client with that masking profile): aggregates suppress small cells for it. */
  readsDeIdentified(): boolean {
    return readsDeIdentified(this.requireCaller().role);
  }

  /** A field the caller may not filter, sort or group by: one of a feature that is off, or one it reads masked (rule `masked`). */
  requireComparable(resource: Resource, field: string, path: string): void {
    this.requireFieldFeature(resource, field, path);
    if (this.maskOf(resource, field)) {
      throw AppError.badInput([{ field: path, rule: 'masked', message: `role ${this.requireCaller().role} reads ${resource.typeName}.${field} masked (minimum necessary): it cannot filter, sort or group by it` }]);
    }
  }

  requireCaller(): Caller {
    if (!this.caller) throw AppError.unauthenticated();
    return this.caller;
  }

  table(resource: Resource): TableInfo {
    const table = this.tables.get(resource);
    if (!table) throw new Error(`${resource.typeName} is not registered`);
    return table;
  }

  /**
   * `t.tenant_id = $n AND t.deleted_at IS NULL` (the tenant part unless switched off for RLS
   * tests), the caller's role's row scope when the resource declares one (an SDR sees only
   * appointments with leads), and none of the rows of a feature that is off (`featureRows`) or of a permission the caller lacks (`permissionRows`): every read, count, reference check and locked write goes through here.
   */
  scopeConditions(resource: Resource, params: SqlParams, includeDeleted = false): string[] {
    const tenantId = this.tenantId;
    const conditions = includeDeleted ? [] : ['t.deleted_at IS NULL'];
    if (this.options.applicationTenantFilter) conditions.unshift(`t.tenant_id = ${params.add(tenantId, 'uuid')}`);
    const caller = this.requireCaller();
    const rowScope = resource.rowScope?.[caller.role];
    if (rowScope) conditions.push(`(${rowScope.sql('t')})`);
    for (const [feature, sql] of Object.entries(resource.featureRows ?? {})) {
      if (!caller.features.has(feature as Feature)) conditions.push(`NOT coalesce((${sql('t')}), false)`);
    }
    for (const { permission, sql } of resource.permissionRows ?? []) {
      if (refusalFor(caller, permission())) conditions.push(`NOT coalesce((${sql('t')}), false)`);
    }
    return conditions;
  }

  plan(resource: Resource, args: PageArgs, params: SqlParams): PagePlan {
    // A default order on a field the caller reads masked would give its hidden order away: such terms are left out (the id still orders).
    const defaultOrder = resource.defaultOrderTerms.filter((term) => !this.maskOf(resource, resource.orderFields[term.field].property));
    return planPage(resource, this.table(resource), args, params, this.tenantCursors, this.options.maxFilterConditions, (name, path) => this.requireComparable(resource, name, path), defaultOrder);
  }

  /**
   * A value per key, loaded for every key the request asks for in one call of `load` (one
   * statement, however many parents): for derived fields such as a site's occupancy. `load`
   * returns the values in the order of the keys. Writes clear these loaders like any other.
   */
  batch<V>(name: string, key: string, load: (keys: readonly string[]) => Promise<V[]>): Promise<V> {
    return this.loader(`batch:${name}`, load).load(key);
  }

  /** The request's DataLoader named `key`, made on first use: every batched read of the request goes through one. */
  loader<V>(key: string, load: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    let loader = this.loaders.get(key) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(load, { maxBatchSize: 1000 });
      this.loaders.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }

  notePatientData(resource: Resource, rows: Row[]): void {
    const property = resource.patientIdProperty;
    if (!property) return;
    // Rows about no patient (a task without one) log nothing: the log lists patients only.
    for (const row of rows) if (row[property]) this.db.patientIdsRead.add(row[property] as string);
  }

  /** Every read: timestamps as ISO text, and a prepared statement per distinct SQL text (planned once per connection). */
  read<R extends Record<string, unknown>>(sql: string, values: unknown[]): Promise<R[]> {
    return this.db.query<R>(sql, values, READ_TYPES, preparedName(sql));
  }
}

/** Distinct read statements given a name, so each connection plans them once (bounded: clients choose the shapes). */
const preparedNames = new Map<string, string>();
const MAX_PREPARED = 200;

export function preparedName(sql: string): string | undefined {
  let name = preparedNames.get(sql);
  if (!name && preparedNames.size < MAX_PREPARED) {
    name = `caregraph_read_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    preparedNames.set(sql, name);
  }
  return name;
}
