import type { DataSource } from 'typeorm';
import { encryptedProperty, openValue, sealedFor, sealValue, type EncryptedProperty } from '../crypto/data-keys';
import type { Resource } from './resource';
import type { Selection } from './selection';

export interface ColumnInfo {
  property: string;
  column: string;
  /** Postgres type used to cast cursor values and filter parameters. */
  sqlType: string;
  nullable: boolean;
  /** Sealed at rest (src/crypto/data-keys.ts): opened when a row is read, never compared in SQL. */
  encrypted?: EncryptedProperty;
}

/** What the SQL builders need to know about one resource's table, read once from TypeORM metadata. */
export interface TableInfo {
  table: string;
  columns: Map<string, ColumnInfo>;
  /** `t."first_name" AS "firstName", …` : rows come back keyed by entity property. */
  selectList: string;
  /**
   * The select list of a read: the id and every reference column (resolvers of related
   * objects and the access log need them) plus the selected fields that are columns; all
   * columns when nothing says what was selected.
   */
  readSelectList(selection?: Selection): string;
  /** An entity from a row read as `selectList` gives it (keyed by property), encrypted values opened for the row's tenant. The row is left as it was (loaders cache it). */
  hydrate<T>(row: Record<string, unknown>, tenantId: string): T;
  /** Seals the encrypted properties among `values` (keyed by property) for the row `rowId` of `tenantId`, in place. */
  seal(values: Record<string, unknown>, tenantId: string, rowId: string): void;
  /** Whether the table has encrypted columns (a create then names its row's id itself, to seal for it). */
  hasEncrypted: boolean;
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A string as an SQL literal. Only for text from code (type names, column names, declared enum
 * values) and response keys the planner accepts only as GraphQL names: never a request value,
 * which is always a bind parameter.
 */
export const sqlLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** `'A', 'B'`: a declared list of values (enum states) for an IN list. */
export const sqlLiteralList = (values: readonly string[]) => values.map(sqlLiteral).join(', ');

const SQL_TYPES: Record<string, string> = {
  uuid: 'uuid',
  varchar: 'text',
  text: 'text',
  int: 'int',
  integer: 'int',
  boolean: 'boolean',
  numeric: 'numeric',
  decimal: 'numeric',
  date: 'date',
  timestamptz: 'timestamptz',
  json: 'json',
  jsonb: 'jsonb',
};

export function describeTable(dataSource: DataSource, resource: Resource): TableInfo {
  const metadata = dataSource.getMetadata(resource.entity);
  const columns = new Map<string, ColumnInfo>();
  for (const column of metadata.columns) {
    const type = typeof column.type === 'string' ? column.type : 'text';
    columns.set(column.propertyName, {
      property: column.propertyName,
      column: column.databaseName,
      sqlType: SQL_TYPES[type] ?? 'text',
      nullable: column.isNullable,
      encrypted: encryptedProperty(resource.entity, column.propertyName),
    });
  }
  const selectItem = (c: ColumnInfo) => `t.${quoteIdent(c.column)} AS ${quoteIdent(c.property)}`;
  const selectList = [...columns.values()].map(selectItem).join(', ');
  const alwaysRead = [...columns.values()].filter((c) => c.property === 'id' || c.sqlType === 'uuid');
  const readLists = new Map<string, string>();
  const encryptedColumns = [...columns.values()].filter((c) => c.encrypted);
  const label = (column: ColumnInfo) => `${metadata.tableName}.${column.column}`;
  const aad = (tenantId: string, column: ColumnInfo, rowId: string) => sealedFor({ tenantId, table: metadata.tableName, column: column.column, rowId });
  const prototype = resource.entity.prototype;
  return {
    table: quoteIdent(metadata.tableName),
    columns,
    selectList,
    readSelectList(selection) {
      if (!selection) return selectList;
      let list = readLists.get(selection.key);
      if (!list) {
        const wanted = new Set(selection.fields);
        for (const [field, computed] of Object.entries(resource.computed ?? {})) if (wanted.has(field)) computed.needs.forEach((p) => wanted.add(p));
        const selected = [...columns.values()].filter((c) => wanted.has(c.property) && !alwaysRead.includes(c));
        list = [...alwaysRead, ...selected].map(selectItem).join(', ');
        if (readLists.size >= 1000) readLists.clear(); // bounded: selections come from clients
        readLists.set(selection.key, list);
      }
      return list;
    },
    hydrate: <T>(row: Record<string, unknown>, tenantId: string) => {
      const entity = Object.assign(Object.create(prototype), row) as Record<string, unknown>;
      for (const column of encryptedColumns) {
        const stored = row[column.property];
        if (stored != null) entity[column.property] = openValue(String(stored), column.encrypted!, aad(tenantId, column, row.id as string), label(column));
      }
      return entity as T;
    },
    seal(values, tenantId, rowId) {
      for (const column of encryptedColumns) {
        const value = values[column.property];
        if (value != null) values[column.property] = sealValue(value, column.encrypted!, aad(tenantId, column, rowId));
      }
    },
    hasEncrypted: encryptedColumns.length > 0,
  };
}

/** Collects positional parameters while SQL text is assembled. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}
