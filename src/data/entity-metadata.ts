import { getMetadataStorage } from 'type-graphql';
import { getMetadataArgsStorage } from 'typeorm';
import { encryptedProperty } from '../crypto/data-keys';

/** What the declarations need of a column, read from the entity's TypeORM decorators. */
export interface ColumnFacts {
  nullable: boolean;
  /** varchar length, when declared. */
  length?: number;
  type?: string;
  /** Sealed at rest: SQL cannot compare it (no filter, no order). */
  encrypted: boolean;
}

/** The entity's TypeORM columns (inherited ones included), by property. */
export function columnsOf(entity: Function): Map<string, ColumnFacts> {
  const chain: Function[] = [];
  for (let cls = entity; cls && cls !== Function.prototype; cls = Object.getPrototypeOf(cls) as Function) chain.push(cls);
  return new Map(
    getMetadataArgsStorage()
      .filterColumns(chain)
      .map((c) => [
        c.propertyName,
        {
          nullable: Boolean(c.options.nullable),
          length: c.options.length === undefined ? undefined : Number(c.options.length),
          type: typeof c.options.type === 'string' ? c.options.type : undefined,
          encrypted: !!encryptedProperty(entity, c.propertyName),
        },
      ]),
  );
}

/** The `@Field` declared on an entity property, through the class chain (its GraphQL type and description). */
export function graphqlFieldOf(entity: Function, property: string): { getType: () => unknown; description?: string; typeOptions?: { array?: boolean; nullable?: boolean | 'items' | 'itemsAndList' } } | undefined {
  return getMetadataStorage().fields.find((f) => f.name === property && (f.target === entity || entity.prototype instanceof f.target));
}

/** The entity's table and its encrypted columns, from the decorators (for code that runs without a DataSource: the re-encryption command). */
export function encryptedColumnsOf(entity: Function): { table: string; columns: Array<{ property: string; column: string }> } {
  const table = getMetadataArgsStorage().tables.find((t) => t.target === entity)?.name;
  if (!table) throw new Error(`${entity.name} has no @Entity table name`);
  const chain: Function[] = [];
  for (let cls = entity; cls && cls !== Function.prototype; cls = Object.getPrototypeOf(cls) as Function) chain.push(cls);
  const columns = getMetadataArgsStorage()
    .filterColumns(chain)
    .filter((c) => encryptedProperty(entity, c.propertyName))
    .map((c) => ({ property: c.propertyName, column: c.options.name ?? c.propertyName }));
  return { table, columns };
}
