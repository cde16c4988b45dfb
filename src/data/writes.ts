import { randomUUID } from 'node:crypto';
import type { ObjectLiteral } from 'typeorm';
import { AppError } from '../errors/app-error';
import type { TenantOwnedEntity } from '../entities/base.entity';
import { expectGlobalId } from './global-id';
import type { Relation, Resource } from './resource';
import { quoteIdent, SqlParams } from './table';
import { isoDay } from './dates';
import type { Row } from './request-scope';
import type { DataAccess } from './data-access';
import { SubscriptionStatus } from '../entities/enums';
import type { Permission } from '../auth/permissions';

/**
 * Where a write is checked: references decoded and checked to exist (locked), the declared
 * rules run, versions compared, soft deletes cascaded and restores checked. Rules receive the
 * request's DataAccess, so they read through the same checks.
 */
export class Writes {
  constructor(private readonly scope: DataAccess) {}

  private tenantWritable?: Promise<void>;

  /** A tenant whose subscription is SUSPENDED reads but does not write: asked once per request, at its first write. */
  assertWritable(): Promise<void> {
    return (this.tenantWritable ??= this.scope.db
      .query<{ status: string }>(`SELECT subscription_status AS status FROM tenants WHERE id = $1`, [this.scope.tenantId])
      .then(([row]) => {
        if (row?.status === SubscriptionStatus.SUSPENDED) {
          throw new AppError('FORBIDDEN', 'The tenant’s subscription is suspended: it can read but not write until an operator reactivates it', { reason: 'SUBSCRIPTION_SUSPENDED' });
        }
      }));
  }


  /**
   * Decodes `input.<field>` global ids and checks each referenced object exists in the tenant.
   * Every id is decoded before any check starts: a malformed one must fail the request before
   * a query is in flight whose rejection nobody would await.
   */
  private async resolveReferences(resource: Resource, input: Record<string, unknown>): Promise<Record<string, string | null>> {
    // A field of a feature that is off (a resident's room), or a reference to a resource of one
    // (a task for a lead while the pipeline is off), is refused for writing as for reading.
    // (A reference left null refers to nothing.)
    for (const [property, value] of Object.entries(input)) {
      const relation = resource.relations?.[property];
      if (value !== undefined && !(value === null && relation)) this.scope.requireFieldFeature(resource, relation?.field ?? property, `input.${property}`);
      // A field the caller reads masked is not written by it either: a write's answer (a unique
      // NHS number refused, or accepted) would tell what the mask hides.
      if (value !== undefined && this.scope.maskOf(resource, property)) {
        throw AppError.badInput([{ field: `input.${property}`, rule: 'masked', message: `role ${this.scope.requireCaller().role} reads ${resource.typeName}.${property} masked (minimum necessary): it cannot write it` }]);
      }
    }
    const resolved: Record<string, string | null> = {};
    const toCheck: Array<{ property: string; referenced: Resource; id: string; must?: Relation['targetIs']; changes?: boolean }> = [];
    for (const [property, target] of Object.entries(resource.references ?? {})) {
      const value = input[property];
      if (value === undefined) continue;
      if (value === null) {
        resolved[property] = null;
        continue;
      }
      const referenced = target();
      const id = expectGlobalId(value as string, referenced.typeName, `input.${property}`);
      resolved[property] = id;
      toCheck.push({ property, referenced, id, must: resource.relations?.[property]?.targetIs, changes: resource.relations?.[property]?.changesTarget });
    }
    // Locked (FOR SHARE) until the transaction ends when the API can delete the target: a
    // concurrent soft delete then waits, and its cascade sees this row. A target the API cannot
    // delete (read-only tables, views) needs no lock, and its role has no UPDATE grant to take one.
    const found = await Promise.all(toCheck.map(({ referenced, id, must, changes }) => this.exists(referenced, id, changes ? 'FOR NO KEY UPDATE' : referenced.inputs ? 'FOR SHARE' : '', must)));
    const missing = toCheck.filter((_, i) => !found[i]);
    if (missing.length) {
      // A target of the wrong kind (a member of another role) exists all the same: say which rule was broken.
      const present = await Promise.all(missing.map(({ referenced, id, must }) => (must ? this.exists(referenced, id) : Promise.resolve(false))));
      throw AppError.badInput(
        missing.map(({ property, referenced, must }, i) =>
          present[i] && must
            ? { field: `input.${property}`, rule: must.rule, message: must.message }
            : { field: `input.${property}`, rule: 'exists', message: `no ${referenced.typeName} with this id` },
        ),
      );
    }
    return resolved;
  }

  /**
   * Whether a (not deleted) row exists in the tenant. No role check: referencing an object
   * (a note's category) does not need the right to list that kind of object.
   */
  private async exists(resource: Resource, id: string, lock: '' | 'FOR SHARE' | 'FOR NO KEY UPDATE' = '', must?: Relation['targetIs']): Promise<boolean> {
    const table = this.scope.table(resource);
    const params = new SqlParams();
    const conditions = [...this.scope.scopeConditions(resource, params), `t.id = ${params.add(id, 'uuid')}`];
    if (must) conditions.push(`t.${quoteIdent(table.columns.get(must.property)!.column)}::text = ${params.add(must.value, 'text')}`);
    const where = conditions.join(' AND ');
    const rows = await this.scope.db.query(`SELECT 1 FROM ${table.table} t WHERE ${where} ${lock}`, params.values);
    return rows.length > 0;
  }

  private fromReturning<E>(resource: Resource, raw: Record<string, unknown>): E {
    const table = this.scope.table(resource);
    const row: Record<string, unknown> = {};
    for (const column of table.columns.values()) row[column.property] = raw[column.column];
    return table.hydrate<E>(row, this.scope.tenantId);
  }

  /** The current row, locked until the transaction ends, or NOT_FOUND. */
  private async lockCurrent<E>(resource: Resource, id: string, includeDeleted: boolean): Promise<E> {
    const table = this.scope.table(resource);
    const params = new SqlParams();
    const where = [...this.scope.scopeConditions(resource, params, includeDeleted), `t.id = ${params.add(id, 'uuid')}`].join(' AND ');
    const [row] = await this.scope.db.query<Row>(`SELECT ${table.selectList} FROM ${table.table} t WHERE ${where} FOR UPDATE`, params.values);
    if (!row) throw AppError.notFound(resource.typeName);
    return table.hydrate<E>(row, this.scope.tenantId);
  }

  private async runUpdate<E>(resource: Resource, id: string, set: ObjectLiteral, where: string, whereParams: ObjectLiteral): Promise<E[]> {
    const manager = await this.scope.db.manager();
    const tenant = this.scope.options.applicationTenantFilter ? ' AND tenant_id = :tenantId' : '';
    const result = await manager
      .createQueryBuilder()
      .update(resource.entity)
      .set(set)
      .where(`id = :id${tenant} AND ${where}`, { ...whereParams, id, tenantId: this.scope.tenantId })
      .returning('*')
      .updateEntity(false)
      .execute();
    this.scope.loaders.clear();
    return (result.raw as Record<string, unknown>[]).map((raw) => this.fromReturning<E>(resource, raw));
  }

  /**
   * GraphQL input → column values: global ids of references decoded and checked, dates as
   * `YYYY-MM-DD`, and null refused for NOT NULL columns (an update may omit a field, not null it).
   */
  private async columnValues<E>(resource: Resource, input: object): Promise<Partial<E>> {
    const table = this.scope.table(resource);
    const references = await this.resolveReferences(resource, input as Record<string, unknown>);
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined || key === 'id' || key === 'expectedVersion') continue;
      const column = table.columns.get(key);
      if (!column) throw new Error(`${resource.typeName} input field ${key} has no column`);
      if (value === null && !column.nullable) {
        throw AppError.badInput([{ field: `input.${key}`, rule: 'notNull', message: 'cannot be null' }]);
      }
      if (key in references) values[key] = references[key];
      else if (column.sqlType === 'date' && value instanceof Date) values[key] = isoDay(value);
      else values[key] = value;
    }
    return values as Partial<E>;
  }

  /**
   * A create with the caller's role checked, or, with `byAction`, a row a domain action writes
   * on its own authority (the patient `convertLead` makes, a journey change): the action's
   * roles were checked instead. References, rules and audit apply either way.
   */
  async create<E extends TenantOwnedEntity>(resource: Resource<E>, input: object, byAction = false): Promise<E> {
    if (!byAction) this.scope.authorize(resource as Resource, 'create');
    await this.assertWritable();
    const values = await this.columnValues<E>(resource as Resource, input);
    await resource.rules?.beforeCreate?.(values, this.scope);
    const table = this.scope.table(resource as Resource);
    if (table.hasEncrypted) {
      // Encrypted values are sealed for their row: its id is named here rather than by the database.
      const id = randomUUID();
      (values as Record<string, unknown>).id = id;
      table.seal(values as Record<string, unknown>, this.scope.tenantId, id);
    }
    const manager = await this.scope.db.manager();
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(resource.entity as new () => ObjectLiteral)
      .values(values as ObjectLiteral)
      .returning('*')
      .updateEntity(false)
      .execute();
    this.scope.loaders.clear();
    const created = this.fromReturning<E>(resource as Resource, (result.raw as Record<string, unknown>[])[0]);
    if (!byAction) await this.assertInScope(resource as Resource, created.id, 'create');
    return created;
  }

  /** A role with a row scope may not write a row outside it (an SDR's task about a patient): FORBIDDEN, and the request's writes roll back. */
  private async assertInScope(resource: Resource, id: string, operation: 'create' | 'update'): Promise<void> {
    const role = this.scope.requireCaller().role;
    const rowScope = resource.rowScope?.[role];
    if (!rowScope || (await this.exists(resource, id))) return;
    throw new AppError('FORBIDDEN', `Role ${role} may not ${operation} this ${resource.typeName}: ${rowScope.description}`);
  }

  /** Applies the input only if the row is still at `expectedVersion`; otherwise CONFLICT, never a silent overwrite. */
  update<E extends TenantOwnedEntity>(resource: Resource<E>, input: { id: string; expectedVersion: number }): Promise<E> {
    return this.act(resource, input, () => input);
  }

  /**
   * A domain action on one row (`logLeadCall`, `assignLead`), and every update: the row is
   * locked, the changes are computed from it (in the shape of an update input: references as
   * global ids, checked like any), the declared rules run, and the update is version-checked and
   * audited. `expectedVersion` is compared when given; an action that only adds to the row (a
   * call logged) may leave it out, since the lock already orders it after any other write.
   */
  async act<E extends TenantOwnedEntity>(
    resource: Resource<E>,
    input: { id: string; expectedVersion?: number | null },
    changesOf: (current: E) => object | Promise<object>,
    action?: Permission,
  ): Promise<E> {
    if (action) this.scope.authorizeAction(action);
    else this.scope.authorize(resource as Resource, 'update');
    await this.assertWritable();
    const id = expectGlobalId(input.id, resource.typeName, 'input.id');
    const current = await this.lockCurrent<E>(resource as Resource, id, false);
    const expectedVersion = input.expectedVersion ?? current.version;
    if (current.version !== expectedVersion) throw AppError.stale(resource.typeName, expectedVersion, current.version);
    const changes = await this.columnValues<E>(resource as Resource, await changesOf(current));
    await resource.rules?.beforeUpdate?.(current, changes, this.scope);
    if (Object.keys(changes).length === 0) return current;
    this.scope.table(resource as Resource).seal(changes as Record<string, unknown>, this.scope.tenantId, id);
    const [updated] = await this.runUpdate<E>(resource as Resource, id, changes as ObjectLiteral, 'version = :expectedVersion AND deleted_at IS NULL', { expectedVersion });
    if (!updated) throw AppError.stale(resource.typeName, expectedVersion, null);
    if (!action) await this.assertInScope(resource as Resource, updated.id, 'update');
    return updated;
  }

  /** Soft delete, cascading to the declared children with the same timestamp so a restore brings them back together. */
  async softDelete<E extends TenantOwnedEntity>(resource: Resource<E>, input: { id: string; expectedVersion?: number | null }): Promise<E> {
    this.scope.authorize(resource as Resource, 'delete');
    await this.assertWritable();
    const id = expectGlobalId(input.id, resource.typeName, 'input.id');
    const expectedVersion = input.expectedVersion ?? null;
    const current = await this.lockCurrent<E>(resource as Resource, id, false);
    if (expectedVersion !== null && current.version !== expectedVersion) throw AppError.stale(resource.typeName, expectedVersion, current.version);
    // Millisecond precision: the children get the very same timestamp back from JavaScript, and restore matches on it.
    const [deleted] = await this.runUpdate<E>(resource as Resource, id, { deletedAt: () => "date_trunc('milliseconds', now())" }, 'deleted_at IS NULL', {});
    for (const child of resource.cascadeDelete ?? []) {
      await this.cascade(child.resource(), child.foreignKey, [id], { deletedAt: deleted.deletedAt }, 'deleted_at IS NULL', {});
    }
    return deleted;
  }

  async restore<E extends TenantOwnedEntity>(resource: Resource<E>, input: { id: string }): Promise<E> {
    this.scope.authorize(resource as Resource, 'restore');
    await this.assertWritable();
    const id = expectGlobalId(input.id, resource.typeName, 'input.id');
    const current = await this.lockCurrent<E>(resource as Resource, id, true);
    if (!current.deletedAt) return current;
    for (const parent of resource.parents ?? []) {
      const parentId = (current as Record<string, unknown>)[parent.foreignKey] as string | null;
      // Live, and still what it must be (a prescriber who may prescribe): one check; a second only to say which failed.
      const must = resource.relations?.[parent.foreignKey]?.targetIs;
      if (!parentId || (await this.exists(parent.resource(), parentId, 'FOR SHARE', must))) continue;
      if (!must || !(await this.exists(parent.resource(), parentId))) {
        throw AppError.conflict(`Restore the ${parent.resource().typeName} first: it is deleted`, { field: parent.foreignKey });
      }
      throw AppError.conflict(`The ${parent.resource().typeName} is no longer what it must be: ${must.message}`, { fields: [{ field: `input.${parent.foreignKey}`, rule: must.rule, message: must.message }] });
    }
    const [restored] = await this.runUpdate<E>(resource as Resource, id, { deletedAt: null }, 'deleted_at IS NOT NULL', {});
    for (const child of resource.cascadeDelete ?? []) {
      await this.cascade(child.resource(), child.foreignKey, [id], { deletedAt: null }, 'deleted_at = :deletedAt', { deletedAt: current.deletedAt });
    }
    return restored;
  }

  /**
   * Moves rows from one parent to another (`convertLead` moves a lead's open tasks to the new
   * patient): `set` replaces the foreign keys of the live rows whose `from` key is `fromId` and
   * that meet `where` (SQL over the row, no values from a request). Each row is audited and
   * its version bumped by the triggers, like any update.
   */
  async moveChildren(resource: Resource, from: string, fromId: string, set: Record<string, string | null>, where = 'true'): Promise<number> {
    await this.assertWritable();
    return (await this.updateUnder(resource, from, [fromId], set, `deleted_at IS NULL AND (${where})`, {})).length;
  }

  /**
   * Applies a soft delete (or its restore) to the rows under `parentIds`, and on down: the rows it
   * changed pass it to their own declared children (a lead's tasks, then those tasks' reminders),
   * all with the parent's timestamp, so a restore finds exactly what went with it. One statement
   * per level, whatever the number of rows. The declared cascades form no cycle; the depth is capped all the same.
   */
  private async cascade(resource: Resource, foreignKey: string, parentIds: string[], set: ObjectLiteral, where: string, params: ObjectLiteral, depth = 0): Promise<void> {
    if (!parentIds.length) return;
    if (depth > MAX_CASCADE_DEPTH) throw new Error(`cascade deeper than ${MAX_CASCADE_DEPTH} levels at ${resource.typeName}`);
    const changed = await this.updateUnder(resource, foreignKey, parentIds, set, where, params);
    for (const child of resource.cascadeDelete ?? []) {
      await this.cascade(child.resource(), child.foreignKey, changed, set, where, params, depth + 1);
    }
  }

  /** One UPDATE of the tenant's rows whose `foreignKey` is one of `parentIds` and that meet `where`; the ids it changed. */
  private async updateUnder(resource: Resource, foreignKey: string, parentIds: string[], set: ObjectLiteral, where: string, params: ObjectLiteral): Promise<string[]> {
    const manager = await this.scope.db.manager();
    const column = this.scope.table(resource).columns.get(foreignKey)!.column;
    const tenant = this.scope.options.applicationTenantFilter ? ' AND tenant_id = :tenantId' : '';
    const result = await manager
      .createQueryBuilder()
      .update(resource.entity)
      .set(set)
      .where(`${quoteIdent(column)} = ANY(:parentIds)${tenant} AND ${where}`, { ...params, parentIds, tenantId: this.scope.tenantId })
      .returning('id')
      .updateEntity(false)
      .execute();
    this.scope.loaders.clear();
    return (result.raw as Array<{ id: string }>).map((row) => row.id);
  }
}

/** Declared cascades go two levels today (a lead → its tasks → their reminders); anything this deep is a declaration mistake. */
const MAX_CASCADE_DEPTH = 8;
