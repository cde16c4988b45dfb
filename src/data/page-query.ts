import { AppError } from '../errors/app-error';
import type { OrderTerm, Resource } from './resource';
import { compileFilter } from './filter-sql';
import { quoteIdent, SqlParams, sqlLiteralList, TableInfo } from './table';
import type { ScopedCursorCodec } from './cursor';

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  filter?: Record<string, unknown> | null;
  orderBy?: OrderTerm[] | null;
}

/**
 * The page the client asked for, narrowed by one more condition of the server's (the caller's own
 * tasks, a patient's part of a dashboard): ANDed with the client's filter, never replacing it.
 */
export function withCondition(args: PageArgs, condition: Record<string, unknown>): PageArgs {
  return { ...args, filter: args.filter ? { and: [args.filter, condition] } : condition };
}

/** The parts of one page's SELECT, on alias `t`; the caller adds the tenant and parent conditions. */
export interface PagePlan {
  conditions: string[];
  orderSql: string;
  /** The order rows are shown in (the requested one, also for `last`, which fetches in reverse), on `alias`. */
  outputOrder(alias: string): string;
  /** A row's sort values as JSON text, at full precision: what a cursor seals (with the signature). */
  cursorValuesSql(alias: string): string;
  /** Rows to fetch: the page size plus one, to learn whether another page follows. */
  fetch: number;
  size: number;
  backward: boolean;
  /** Resource and order a cursor was made for; a cursor of another connection or order is refused. */
  signature: string;
}

/** One sort key: a column, or an enum column's rank, as SQL on a given alias. */
interface OrderColumn {
  /** Names the key in cursor signatures. */
  name: string;
  sql(alias: string): string;
  cast: string;
  direction: 'ASC' | 'DESC';
}

export function cursorText(signature: string, valuesJson: string): string {
  return `${signature}|${valuesJson}`;
}

function decodeCursor(cursor: string, signature: string, field: string, width: number, codec: ScopedCursorCodec): unknown[] {
  const bad = () => AppError.badInput([{ field, rule: 'cursor', message: `${field} is not a cursor of this connection and order` }]);
  const text = typeof cursor === 'string' && cursor.length <= 2000 ? codec.open(cursor) : null;
  if (!text || !text.startsWith(`${signature}|`)) throw bad();
  const values: unknown = JSON.parse(text.slice(signature.length + 1));
  if (!Array.isArray(values) || values.length !== width || values.some((v) => v === null || typeof v === 'object')) throw bad();
  return values;
}

/** More sort keys than a resource has order fields can only repeat one. */
export const MAX_ORDER_TERMS = 10;

function orderColumns(resource: Resource, table: TableInfo, orderBy: OrderTerm[] | null | undefined, checkField: FieldCheck, defaultOrder: readonly OrderTerm[]): OrderColumn[] {
  if (orderBy && orderBy.length > MAX_ORDER_TERMS) {
    throw AppError.badInput([{ field: 'orderBy', rule: 'maxItems', message: `at most ${MAX_ORDER_TERMS} sort keys` }]);
  }
  const terms = orderBy && orderBy.length ? orderBy : defaultOrder;
  const columns = terms.map((term, i): OrderColumn => {
    const field = Object.hasOwn(resource.orderFields, term.field) ? resource.orderFields[term.field] : undefined;
    if (!field) throw AppError.badInput([{ field: `orderBy[${i}].field`, rule: 'enum', message: `cannot order by ${term.field}` }]);
    checkField(field.property, `orderBy[${i}].field`);
    const info = table.columns.get(field.property)!;
    const column = quoteIdent(info.column);
    const direction = term.direction ?? 'ASC';
    const rank = field.rank;
    if (rank) {
      // Declared values as literals, so that an expression index on the rank could serve the sort.
      const values = `ARRAY[${sqlLiteralList(rank)}]::text[]`;
      return { name: `${column.slice(1, -1)}#rank`, sql: (alias) => `array_position(${values}, ${alias}.${column}::text)`, cast: 'int', direction };
    }
    return { name: column.slice(1, -1), sql: (alias) => `${alias}.${column}`, cast: info.sqlType, direction };
  });
  // The id breaks ties, so the order is total and every cursor points at exactly one place.
  if (!columns.some((c) => c.name === 'id')) columns.push({ name: 'id', sql: (alias) => `${alias}."id"`, cast: 'uuid', direction: columns[0]?.direction ?? 'ASC' });
  return columns;
}

/** `(a, b) > ($1, $2)` when all directions agree (index friendly); the OR-expansion otherwise. */
function keysetCondition(columns: OrderColumn[], values: unknown[], after: boolean, params: SqlParams): string {
  const placeholders = columns.map((c, i) => params.add(values[i], c.cast));
  const greater = (c: OrderColumn) => (c.direction === 'ASC') === after;
  if (columns.every((c) => c.direction === columns[0].direction)) {
    return `(${columns.map((c) => c.sql('t')).join(', ')}) ${greater(columns[0]) ? '>' : '<'} (${placeholders.join(', ')})`;
  }
  const alternatives = columns.map((column, i) => {
    const equalities = columns.slice(0, i).map((c, j) => `${c.sql('t')} = ${placeholders[j]}`);
    return [...equalities, `${column.sql('t')} ${greater(column) ? '>' : '<'} ${placeholders[i]}`].join(' AND ');
  });
  return `(${alternatives.map((a) => `(${a})`).join(' OR ')})`;
}

function checkPageSize(args: PageArgs): void {
  if (args.first != null && args.last != null) {
    throw AppError.badInput([{ field: 'last', rule: 'exclusive', message: 'pass either first or last, not both' }]);
  }
  for (const field of ['first', 'last'] as const) {
    const value = args[field];
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw AppError.badInput([{ field, rule: 'range', message: `${field} must be between 0 and ${MAX_PAGE_SIZE}` }]);
    }
  }
}

/** Refuses a filter or sort field the caller may not use (RequestScope: a feature that is off, a field it reads masked). */
export type FieldCheck = (name: string, path: string) => void;

/** `defaultOrder`: the order without `orderBy`, the resource's unless the caller may not sort by one of its fields. */
export function planPage(
  resource: Resource,
  table: TableInfo,
  args: PageArgs,
  params: SqlParams,
  codec: ScopedCursorCodec,
  maxFilterConditions: number,
  checkField: FieldCheck = () => undefined,
  defaultOrder: readonly OrderTerm[] = resource.defaultOrderTerms,
): PagePlan {
  checkPageSize(args);
  const columns = orderColumns(resource, table, args.orderBy, checkField, defaultOrder);
  const signature = `${resource.typeName}:${columns.map((c) => `${c.name}:${c.direction}`).join(',')}`;
  const backward = args.last != null;
  const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  const filter = compileFilter(resource, table, args.filter, params, maxFilterConditions, checkField);
  const conditions = filter === 'TRUE' ? [] : [filter];
  for (const [field, after] of [['after', true], ['before', false]] as const) {
    const cursor = args[field];
    if (cursor == null) continue;
    conditions.push(keysetCondition(columns, decodeCursor(cursor, signature, field, columns.length, codec), after, params));
  }
  const flip = (d: 'ASC' | 'DESC') => (d === 'ASC' ? 'DESC' : 'ASC');
  return {
    conditions,
    orderSql: columns.map((c) => `${c.sql('t')} ${backward ? flip(c.direction) : c.direction}`).join(', '),
    outputOrder: (alias) => columns.map((c) => `${c.sql(alias)} ${c.direction}`).join(', '),
    cursorValuesSql: (alias) => `json_build_array(${columns.map((c) => c.sql(alias)).join(', ')})::text`,
    fetch: size + 1,
    size,
    backward,
    signature,
  };
}
