import { AppError } from '../errors/app-error';
import type { OrderTerm, Resource } from './resource';
import { compileFilter } from './filter-sql';
import { quoteIdent, SqlParams, TableInfo } from './table';
import { isUuid } from '../graphql/global-id';

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

/** The parts of one page's SELECT, on alias `t`; the caller adds the tenant and parent conditions. */
export interface PagePlan {
  conditions: string[];
  orderSql: string;
  /** Rows to fetch: the page size plus one, to learn whether another page follows. */
  fetch: number;
  size: number;
  backward: boolean;
  signature: string;
}

interface OrderColumn {
  column: string;
  cast: string;
  direction: 'ASC' | 'DESC';
}

/**
 * A cursor names the order it was made for and the row it points at, nothing else: no sort
 * values (which would put patients' names into URLs and logs). The keyset condition reads the
 * row's values back in a sub-select, evaluated once per statement.
 */
export function encodeCursor(signature: string, id: string): string {
  return Buffer.from(`${signature}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string, signature: string, field: string): string {
  const text = typeof cursor === 'string' && cursor.length <= 1000 ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const separator = text.lastIndexOf('|');
  const id = text.slice(separator + 1);
  if (separator < 0 || text.slice(0, separator) !== signature || !isUuid(id)) {
    throw AppError.badInput([{ field, rule: 'cursor', message: `${field} is not a cursor of this connection and order` }]);
  }
  return id;
}

function orderColumns(resource: Resource, table: TableInfo, orderBy: OrderTerm[] | null | undefined): OrderColumn[] {
  const terms = orderBy && orderBy.length ? orderBy : resource.defaultOrder;
  const columns = terms.map((term, i) => {
    const property = resource.orderFields[term.field];
    if (!property) throw AppError.badInput([{ field: `orderBy[${i}].field`, rule: 'enum', message: `cannot order by ${term.field}` }]);
    const info = table.columns.get(property)!;
    return { column: quoteIdent(info.column), cast: info.sqlType, direction: term.direction ?? 'ASC' };
  });
  // The id breaks ties, so the order is total and every cursor points at exactly one place.
  if (!columns.some((c) => c.column === '"id"')) columns.push({ column: '"id"', cast: 'uuid', direction: columns[0]?.direction ?? 'ASC' });
  return columns;
}

/**
 * Rows after (or before) the cursor row in this order: `(a, b, id) > (SELECT …)` when all
 * directions agree (index friendly), the OR-expansion otherwise. `cursorRow` selects the
 * cursor row's columns within the caller's tenant scope.
 */
function keysetCondition(columns: OrderColumn[], cursorRow: (columns: string) => string, after: boolean): string {
  const greater = (c: OrderColumn) => (c.direction === 'ASC') === after;
  if (columns.every((c) => c.direction === columns[0].direction)) {
    const op = greater(columns[0]) ? '>' : '<';
    return `(${columns.map((c) => `t.${c.column}`).join(', ')}) ${op} (${cursorRow(columns.map((c) => `s.${c.column}`).join(', '))})`;
  }
  const alternatives = columns.map((column, i) => {
    const equalities = columns.slice(0, i).map((c) => `t.${c.column} = (${cursorRow(`s.${c.column}`)})`);
    return [...equalities, `t.${column.column} ${greater(column) ? '>' : '<'} (${cursorRow(`s.${column.column}`)})`].join(' AND ');
  });
  return `(${alternatives.map((a) => `(${a})`).join(' OR ')})`;
}

export function checkPageSize(args: PageArgs): void {
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

/**
 * Plans one page. `scopeOf(alias)` gives the tenant condition for another alias of the same
 * table (the cursor row must be found within the caller's tenant too).
 */
export function planPage(resource: Resource, table: TableInfo, args: PageArgs, params: SqlParams, scopeOf: (alias: string) => string[]): PagePlan {
  checkPageSize(args);
  const columns = orderColumns(resource, table, args.orderBy);
  const signature = columns.map((c) => `${c.column.slice(1, -1)}:${c.direction}`).join(',');
  const backward = args.last != null;
  const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  const conditions: string[] = [];
  const filter = compileFilter(resource, table, args.filter, params);
  if (filter) conditions.push(filter);
  for (const [field, after] of [['after', true], ['before', false]] as const) {
    const cursor = args[field];
    if (cursor == null) continue;
    const id = params.add(decodeCursor(cursor, signature, field), 'uuid');
    const where = [`s.id = ${id}`, ...scopeOf('s')].join(' AND ');
    conditions.push(keysetCondition(columns, (select) => `SELECT ${select} FROM ${table.table} s WHERE ${where}`, after));
  }
  const flip = (d: 'ASC' | 'DESC') => (d === 'ASC' ? 'DESC' : 'ASC');
  const orderSql = columns.map((c) => `t.${c.column} ${backward ? flip(c.direction) : c.direction}`).join(', ');
  return { conditions, orderSql, fetch: size + 1, size, backward, signature };
}
