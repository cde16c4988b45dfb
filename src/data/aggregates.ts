import { AppError } from '../errors/app-error';
import { orderName, type AggregateKey, type AggregateMeasure, type FilterField, type Resource } from './resource';
import { fieldConditions } from './filter-sql';
import { quoteIdent, SqlParams } from './table';
import type { RequestScope, Row } from './request-scope';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-query';

/**
 * Aggregates of any resource (`appointmentsAggregate`, `Patient.appointmentsAggregate`): totals
 * and groups, each answered by ONE statement over exactly the rows the caller could read (the
 * same tenant predicate, soft-delete filter, row scope, feature and permission rows, filter and
 * field checks as a page, under forced RLS), batched over the parents of a nested field.
 *
 * Small cells: for a caller who reads patients de-identified (an ANALYST), a group counting
 * fewer than `smallCellThreshold` distinct patients (but at least one) is suppressed (no values),
 * and so is the smallest other group of every line of the table that would otherwise hold only
 * one suppressed cell (complementary suppression), so that no total or difference gives a hidden
 * cell back. Groups are then filtered (`having`), ordered and paged (keyset cursors), in
 * memory: a grouping holds at most `maxGroups` groups (LIMIT_EXCEEDED beyond).
 */

export type DateBucket = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';
export const DATE_BUCKETS: readonly DateBucket[] = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];

export interface AggregateOptions {
  smallCellThreshold: number;
  maxGroups: number;
  /** Aggregate statements one request may run: each reads every row it matches, for up to a statement timeout. */
  maxStatements: number;
}

/** What a request selects of an aggregate or of its groups: only these are computed (the row count always is). */
export interface MeasureRequest {
  /** Key names (`PATIENT`) counted distinct. */
  distinct: string[];
  /** Properties. */
  sum: string[];
  avg: string[];
  min: string[];
  max: string[];
}

export interface AggregateValues {
  suppressed: boolean;
  count: number | null;
  distinct: Record<string, number | null>;
  sum: Record<string, number | string | null>;
  avg: Record<string, number | null>;
  min: Record<string, number | string | null>;
  max: Record<string, number | string | null>;
}

export interface GroupBy {
  key: string;
  bucket?: DateBucket | null;
}

export interface GroupOrder {
  /** A key name (`STATUS`), `COUNT`, or `<SUM|AVG|MIN|MAX>_<FIELD>`. */
  field: string;
  direction: 'ASC' | 'DESC';
}

export interface GroupArgs {
  groupBy: GroupBy[];
  having?: Record<string, unknown> | null;
  orderBy?: GroupOrder[] | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Group extends AggregateValues {
  /** By key GraphQL field (`status`, `site`: a reference's id, `startTime`: the bucket's first day). */
  keys: Record<string, unknown>;
  /** Where the group sorts: what its cursor seals. */
  position: unknown[];
}

export interface GroupPage {
  nodes: Group[];
  /** The cursor of the node at `index`: sealed only when asked for (AES-GCM per group is not free). */
  cursor(index: number): string;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: number;
}

const MEASURE_KINDS = ['sum', 'avg', 'min', 'max'] as const;
type MeasureKind = (typeof MEASURE_KINDS)[number];

/** Keys a grouping may have: more only multiply groups that say less. */
export const MAX_GROUP_KEYS = 4;

const ISO_DATE_TIME = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** A raw row of the aggregate statement: keys k0…, measures by alias, and the bookkeeping columns. */
type AggregateRow = Row & { __patients?: number; __having?: boolean };

export class AggregateReads {
  /** Aggregate statements this request has run (each totals or grouping, batched over parents, counts once). */
  private statements = 0;

  constructor(
    private readonly scope: RequestScope,
    private readonly options: AggregateOptions,
  ) {}

  /** Whether small cells are suppressed for this caller and resource: one who reads patients de-identified, over rows about patients. */
  private suppresses(resource: Resource): boolean {
    return !!resource.patientIdProperty && this.scope.readsDeIdentified();
  }

  /** Totals of the rows matching `filter` (of one parent's children when `parent` is given), batched over parents. */
  totals(resource: Resource, filter: Record<string, unknown> | null | undefined, measures: MeasureRequest, parent?: { foreignKey: string; id: string }): Promise<AggregateValues> {
    this.scope.authorize(resource, 'read');
    const key = `aggregate:${resource.typeName}:${parent?.foreignKey ?? ''}:${JSON.stringify(filter ?? null)}:${JSON.stringify(measures)}`;
    return this.scope.loader<AggregateValues>(key, async (parentIds) => {
      const rows = await this.run(resource, filter, measures, [], parent && { foreignKey: parent.foreignKey, ids: parentIds }, null, false);
      const byParent = new Map(rows.map((row) => [String(row.__parent ?? ''), row]));
      return parentIds.map((id) => {
        const row = byParent.get(id);
        // No rows (of this parent): nothing counted, nothing to hide.
        const values = row ? this.values(resource, row, measures) : this.values(resource, { count: 0, __patients: 0 } as AggregateRow, measures);
        if (this.suppresses(resource) && isSmall(row?.__patients ?? 0, this.options.smallCellThreshold)) hide(values);
        return values;
      });
    }).load(parent?.id ?? '');
  }

  /** The groups of the rows matching `filter` (of one parent's children), suppressed, filtered, ordered and paged; batched over parents. */
  groups(resource: Resource, filter: Record<string, unknown> | null | undefined, measures: MeasureRequest, args: GroupArgs, parent?: { foreignKey: string; id: string }): Promise<GroupPage> {
    this.scope.authorize(resource, 'read');
    checkPageSize(args);
    const keys = this.groupKeys(resource, args.groupBy);
    const order = this.groupOrder(resource, args.orderBy ?? [], keys);
    const wanted = withOrderMeasures(measures, order);
    const key = `groups:${resource.typeName}:${parent?.foreignKey ?? ''}:${JSON.stringify([filter ?? null, wanted, args])}`;
    return this.scope.loader<GroupPage>(key, async (parentIds) => {
      const rows = await this.run(resource, filter, wanted, keys, parent && { foreignKey: parent.foreignKey, ids: parentIds }, args.having ?? null, true);
      const byParent = new Map<string, AggregateRow[]>(parentIds.map((id) => [id, []]));
      for (const row of rows) byParent.get(String(row.__parent ?? ''))?.push(row);
      return parentIds.map((id) => {
        const groups = byParent.get(id)!.map((row) => {
          const values = this.values(resource, row, wanted);
          const keyValues = keys.map((_k, i) => row[`k${i}`] ?? null);
          return { ...values, keys: Object.fromEntries(keys.map((k, i) => [k.key.field, keyValues[i]])), position: keyValues, patients: Number(row.__patients ?? 0), having: row.__having !== false };
        });
        if (this.suppresses(resource)) suppressSmallCells(groups, keys.length, this.options.smallCellThreshold);
        // A suppressed group has no values to compare: a `having` leaves it out (its values could otherwise be bracketed).
        const kept = groups.filter((g) => (args.having ? g.having && !g.suppressed : true));
        return this.page(resource, kept, order, args);
      });
    }).load(parent?.id ?? '');
  }

  /** Key names → keys, each checked: a field the caller reads masked or of a feature that is off cannot be grouped by. */
  private groupKeys(resource: Resource, groupBy: GroupBy[]): Array<{ key: AggregateKey; bucket: DateBucket | null; name: string }> {
    if (!groupBy.length || groupBy.length > MAX_GROUP_KEYS) throw AppError.badInput([{ field: 'groupBy', rule: 'range', message: `group by 1 to ${MAX_GROUP_KEYS} keys` }]);
    const seen = new Set<string>();
    return groupBy.map((entry, i) => {
      const key = this.key(resource, entry.key, `groupBy[${i}].key`);
      const dated = key.kind === 'date' || key.kind === 'datetime';
      if (!dated && entry.bucket) throw AppError.badInput([{ field: `groupBy[${i}].bucket`, rule: 'bucket', message: `${entry.key} is not a date or time: it has no buckets` }]);
      if (seen.has(entry.key)) throw AppError.badInput([{ field: `groupBy[${i}].key`, rule: 'unique', message: `${entry.key} is grouped by twice` }]);
      seen.add(entry.key);
      return { key, bucket: dated ? (entry.bucket ?? 'DAY') : null, name: entry.key };
    });
  }

  private key(resource: Resource, name: string, path: string): AggregateKey {
    const key = Object.hasOwn(resource.aggregates.keys, name) ? resource.aggregates.keys[name] : undefined;
    if (!key) throw AppError.badInput([{ field: path, rule: 'enum', message: `cannot group by ${name}` }]);
    this.scope.requireComparable(resource, key.field, path);
    // Counts per lead are about leads: only for those who may read them.
    if (key.target) this.scope.authorize(key.target(), 'read');
    return key;
  }

  private measure(resource: Resource, kind: MeasureKind, property: string, path: string): AggregateMeasure {
    const pool = kind === 'sum' || kind === 'avg' ? resource.aggregates.numbers : resource.aggregates.extremes;
    const measure = Object.hasOwn(pool, property) ? pool[property] : undefined;
    if (!measure) throw AppError.badInput([{ field: path, rule: 'field', message: `${kind} of ${property} is not offered` }]);
    this.scope.requireComparable(resource, property, path);
    return measure;
  }

  private groupOrder(resource: Resource, orderBy: GroupOrder[], keys: Array<{ name: string }>): Array<{ field: string; direction: 'ASC' | 'DESC'; measure?: [MeasureKind | 'count', string] }> {
    if (orderBy.length > 10) throw AppError.badInput([{ field: 'orderBy', rule: 'maxItems', message: 'at most 10 sort keys' }]);
    return orderBy.map((term, i) => {
      const direction = term.direction ?? 'ASC';
      if (term.field === 'COUNT') return { field: term.field, direction, measure: ['count', ''] };
      if (keys.some((k) => k.name === term.field)) return { field: term.field, direction };
      const match = /^(SUM|AVG|MIN|MAX)_(.+)$/.exec(term.field);
      const kind = match?.[1].toLowerCase() as MeasureKind | undefined;
      const property = match && Object.values(resource.aggregates.extremes).find((m) => orderName(m.property) === match[2])?.property;
      if (!kind || !property) throw AppError.badInput([{ field: `orderBy[${i}].field`, rule: 'groupOrder', message: `${term.field} is neither a key of this grouping, COUNT, nor a measure` }]);
      this.measure(resource, kind, property, `orderBy[${i}].field`);
      return { field: term.field, direction, measure: [kind, property] };
    });
  }

  /** The one statement: keys, measures, distinct patients and the `having` test, per parent when nested. */
  private async run(
    resource: Resource,
    filter: Record<string, unknown> | null | undefined,
    measures: MeasureRequest,
    keys: Array<{ key: AggregateKey; bucket: DateBucket | null }>,
    parents: { foreignKey: string; ids: readonly string[] } | undefined,
    having: Record<string, unknown> | null,
    grouped: boolean,
  ): Promise<AggregateRow[]> {
    const table = this.scope.table(resource);
    const params = new SqlParams();
    const column = (property: string) => `t.${quoteIdent(table.columns.get(property)!.column)}`;
    const plan = this.scope.plan(resource, { filter }, params);
    const where = [...this.scope.scopeConditions(resource, params), ...plan.conditions];
    const groupBy: string[] = [];
    const select: string[] = [];
    if (parents) {
      where.push(`${column(parents.foreignKey)} = ANY(${params.add(parents.ids, 'uuid[]')})`);
      select.push(`${column(parents.foreignKey)} AS "__parent"`);
      groupBy.push(column(parents.foreignKey));
    }
    let zone: string | undefined;
    keys.forEach(({ key, bucket }, i) => {
      let sql = key.expression ? `(${key.expression('t')})` : column(key.property);
      if (bucket) {
        const unit = sqlLiteralUnit(bucket);
        // A time falls in the tenant's day, week, month… (its timezone), a date in its own.
        if (key.kind === 'datetime') sql = `date_trunc(${unit}, ${sql} AT TIME ZONE ${(zone ??= `(SELECT timezone FROM tenants WHERE id = ${params.add(this.scope.tenantId, 'uuid')})`)})::date`;
        else sql = `date_trunc(${unit}, ${sql}::timestamp)::date`;
      }
      // Grouped by the value, written as text once per group (not once per row).
      select.push(`${bucket ? `to_char(${sql}, 'YYYY-MM-DD')` : sql} AS "k${i}"`);
      groupBy.push(sql);
    });
    select.push(...this.measureColumns(resource, measures, column));
    if (this.suppresses(resource)) select.push(`count(DISTINCT ${column(resource.patientIdProperty!)})::int AS "__patients"`);
    if (having) select.push(`(${this.havingSql(resource, having, params, column)}) AS "__having"`);
    const limit = grouped ? ` LIMIT ${params.add(this.options.maxGroups + 1, 'int')}` : '';
    if (++this.statements > this.options.maxStatements) {
      throw new AppError('LIMIT_EXCEEDED', `More than ${this.options.maxStatements} aggregates in one request (AGGREGATE_MAX_STATEMENTS): ask for fewer at once`, { maxStatements: this.options.maxStatements });
    }
    const sql = `SELECT ${select.join(', ')} FROM ${table.table} t WHERE ${where.join(' AND ')}${groupBy.length ? ` GROUP BY ${groupBy.join(', ')}` : ''}${limit}`;
    const rows = await this.scope.read<AggregateRow>(sql, params.values);
    if (grouped && rows.length > this.options.maxGroups) {
      throw new AppError('LIMIT_EXCEEDED', `More than ${this.options.maxGroups} groups: group by fewer keys or a coarser bucket, or narrow the filter`, { field: 'groupBy', maxGroups: this.options.maxGroups });
    }
    return rows;
  }

  private measureColumns(resource: Resource, measures: MeasureRequest, column: (property: string) => string): string[] {
    const out = ['count(*)::int AS "count"'];
    measures.distinct.forEach((name, i) => {
      const key = this.key(resource, name, `countDistinct.key`);
      out.push(`count(DISTINCT ${key.expression ? `(${key.expression('t')})` : column(key.property)})::int AS "d${i}"`);
    });
    for (const kind of MEASURE_KINDS) {
      measures[kind].forEach((property, i) => {
        const measure = this.measure(resource, kind, property, `${kind}.${property}`);
        out.push(`${measureSql(kind, measure, column(property))} AS "${kind}${i}"`);
      });
    }
    return out;
  }

  /** `having` as SQL on the group's aggregates, with the operators and bind parameters of any filter. */
  private havingSql(resource: Resource, having: Record<string, unknown>, params: SqlParams, column: (property: string) => string): string {
    const table = this.scope.table(resource);
    const parts: string[] = [];
    const compare = (expression: string, kind: 'int' | 'decimal', operators: unknown, path: string) => {
      const spec: FilterField = { property: path, filter: { kind }, expression: () => expression };
      parts.push(...fieldConditions(spec, operators as Record<string, unknown>, table, params, path));
    };
    for (const [name, value] of Object.entries(having)) {
      if (value == null) continue;
      if (name === 'count') {
        compare('count(*)', 'int', value, 'having.count');
        continue;
      }
      for (const [property, operators] of Object.entries(value as Record<string, unknown>)) {
        if (operators == null) continue;
        const kind = name as MeasureKind;
        this.measure(resource, kind, property, `having.${name}.${property}`);
        // Compared as numeric: the filter's values are Decimals, whatever the column's type.
        compare(`${kind}(${column(property)})`, 'decimal', operators, `having.${name}.${property}`);
      }
    }
    return parts.length ? parts.join(' AND ') : 'TRUE';
  }

  private values(resource: Resource, row: AggregateRow, measures: MeasureRequest): AggregateValues {
    const values: AggregateValues = { suppressed: false, count: Number(row.count ?? 0), distinct: {}, sum: {}, avg: {}, min: {}, max: {} };
    measures.distinct.forEach((name, i) => (values.distinct[name] = Number(row[`d${i}`] ?? 0)));
    for (const kind of MEASURE_KINDS) {
      measures[kind].forEach((property, i) => {
        const raw = row[`${kind}${i}`];
        values[kind][property] = raw == null ? null : (raw as number | string);
      });
    }
    return values;
  }

  private page(resource: Resource, groups: Array<Group & { patients: number; having: boolean }>, order: ReturnType<AggregateReads['groupOrder']>, args: GroupArgs): GroupPage {
    const signature = `groups:${resource.typeName}:${JSON.stringify(args.groupBy)}:${JSON.stringify(order.map((o) => [o.field, o.direction]))}`;
    // Suppressed groups last (their values are hidden, so is their rank), then the requested order, then the keys.
    const position = (g: Group): unknown[] => [g.suppressed, ...order.map((o) => (o.measure ? sortValue(g, o.measure) : g.position[keyIndex(args, o.field)])), ...g.position];
    const directions: Array<'ASC' | 'DESC'> = ['ASC', ...order.map((o) => o.direction), ...args.groupBy.map(() => 'ASC' as const)];
    const compare = (a: unknown[], b: unknown[]) => compareTuples(a, b, directions);
    const sorted = groups.map((g) => ({ ...g, position: position(g) })).sort((a, b) => compare(a.position, b.position));
    const decode = (cursor: string, field: string): unknown[] => {
      const text = cursor.length <= 4000 ? this.scope.tenantCursors.open(cursor) : null;
      const values: unknown = text?.startsWith(`${signature}|`) ? JSON.parse(text.slice(signature.length + 1)) : null;
      if (!Array.isArray(values) || values.length !== directions.length) throw AppError.badInput([{ field, rule: 'cursor', message: `${field} is not a cursor of this grouping and order` }]);
      return values;
    };
    let window = sorted;
    if (args.after != null) {
      const after = decode(args.after, 'after');
      window = window.filter((g) => compare(g.position, after) > 0);
    }
    if (args.before != null) {
      const before = decode(args.before, 'before');
      window = window.filter((g) => compare(g.position, before) < 0);
    }
    const backward = args.last != null;
    const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
    const nodes = backward ? window.slice(Math.max(window.length - size, 0)) : window.slice(0, size);
    const more = window.length > nodes.length;
    return {
      nodes: nodes.map(({ patients: _patients, having: _having, ...group }) => group as Group),
      cursor: (index) => this.scope.tenantCursors.seal(`${signature}|${JSON.stringify(nodes[index].position)}`),
      hasNextPage: backward ? args.before != null : more,
      hasPreviousPage: backward ? more : args.after != null,
      totalCount: sorted.length,
    };
  }
}

const keyIndex = (args: GroupArgs, name: string) => args.groupBy.findIndex((g) => g.key === name);

function sortValue(group: Group, [kind, property]: [MeasureKind | 'count', string]): unknown {
  const value = kind === 'count' ? group.count : group[kind][property];
  // Decimals come as exact text: compared as numbers.
  return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/** Values compared in order; nulls after values (ASC), as PostgreSQL sorts them. */
function compareTuples(a: unknown[], b: unknown[], directions: Array<'ASC' | 'DESC'>): number {
  for (let i = 0; i < directions.length; i++) {
    const [x, y] = [a[i], b[i]];
    if (x === y) continue;
    let c: number;
    if (x === null || x === undefined) c = 1;
    else if (y === null || y === undefined) c = -1;
    else if (typeof x === 'number' && typeof y === 'number') c = x - y;
    else if (typeof x === 'boolean' && typeof y === 'boolean') c = x ? 1 : -1;
    else c = String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
    if (c !== 0) return directions[i] === 'DESC' ? -c : c;
  }
  return 0;
}

const isSmall = (patients: number, threshold: number) => patients > 0 && patients < threshold;

function hide(values: AggregateValues): void {
  values.suppressed = true;
  values.count = null;
  for (const name of Object.keys(values.distinct)) values.distinct[name] = null;
  for (const kind of MEASURE_KINDS) for (const property of Object.keys(values[kind])) values[kind][property] = null;
}

/**
 * Primary suppression of every small cell, then complementary: along each key, the groups that
 * share all the other keys form a line of the table (one line when there is one key); a line
 * with exactly one suppressed cell would give it back from the line's total (another grouping,
 * or the ungrouped count), so its smallest other cell is suppressed too, until no line has one.
 */
export function suppressSmallCells(groups: Array<Group & { patients: number }>, keyCount: number, threshold: number): void {
  for (const group of groups) if (isSmall(group.patients, threshold)) hide(group);
  for (let changed = true; changed; ) {
    changed = false;
    for (let dimension = 0; dimension < keyCount; dimension++) {
      const lines = new Map<string, Array<Group & { patients: number }>>();
      for (const group of groups) {
        const line = JSON.stringify(group.position.filter((_v, i) => i !== dimension));
        lines.set(line, [...(lines.get(line) ?? []), group]);
      }
      for (const cells of lines.values()) {
        if (cells.filter((c) => c.suppressed).length !== 1) continue;
        const open = cells.filter((c) => !c.suppressed);
        if (!open.length) continue;
        const smallest = open.reduce((a, b) => (b.patients < a.patients || (b.patients === a.patients && (b.count ?? 0) < (a.count ?? 0)) ? b : a));
        hide(smallest);
        changed = true;
      }
    }
  }
}

function measureSql(kind: MeasureKind, measure: AggregateMeasure, column: string): string {
  if (kind === 'avg') return `avg(${column})::float8`;
  if (kind === 'sum') return measure.kind === 'int' ? `sum(${column})::float8` : `sum(${column})::text`;
  const value = `${kind}(${column})`;
  if (measure.kind === 'decimal') return `${value}::text`;
  if (measure.kind === 'date') return `to_char(${value}, 'YYYY-MM-DD')`;
  if (measure.kind === 'datetime') return `to_char(${value} AT TIME ZONE 'UTC', ${ISO_DATE_TIME})`;
  return value;
}

/** The bucket as date_trunc's unit: a literal from the enum, never a request's text. */
function sqlLiteralUnit(bucket: DateBucket): string {
  if (!DATE_BUCKETS.includes(bucket)) throw new Error(`unknown bucket ${bucket}`);
  return `'${bucket.toLowerCase()}'`;
}

function withOrderMeasures(measures: MeasureRequest, order: Array<{ measure?: [MeasureKind | 'count', string] }>): MeasureRequest {
  const wanted: MeasureRequest = { distinct: [...measures.distinct], sum: [...measures.sum], avg: [...measures.avg], min: [...measures.min], max: [...measures.max] };
  for (const { measure } of order) {
    if (measure && measure[0] !== 'count' && !wanted[measure[0]].includes(measure[1])) wanted[measure[0]].push(measure[1]);
  }
  return wanted;
}

function checkPageSize(args: GroupArgs): void {
  if (args.first != null && args.last != null) throw AppError.badInput([{ field: 'last', rule: 'exclusive', message: 'pass either first or last, not both' }]);
  for (const field of ['first', 'last'] as const) {
    const value = args[field];
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) throw AppError.badInput([{ field, rule: 'range', message: `${field} must be between 0 and ${MAX_PAGE_SIZE}` }]);
  }
}
