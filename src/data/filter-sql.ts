import { AppError } from '../errors/app-error';
import { parseGlobalId } from '../graphql/global-id';
import type { FilterField, Resource } from './resource';
import { quoteIdent, SqlParams, TableInfo } from './table';

const MAX_DEPTH = 6;

/** Escapes LIKE wildcards so `contains: "50%"` means the text "50%". */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function decodeIds(values: string[], typeName: string, field: string): string[] {
  return values.map((value) => {
    const parsed = parseGlobalId(value);
    if (!parsed || parsed.typeName !== typeName) {
      throw AppError.badInput([{ field, rule: 'globalId', message: `${field} must hold ${typeName} ids` }]);
    }
    return parsed.id;
  });
}

function fieldConditions(spec: FilterField, operators: Record<string, unknown>, table: TableInfo, params: SqlParams, path: string): string[] {
  const column = table.columns.get(spec.property)!;
  const ref = `t.${quoteIdent(column.column)}`;
  const cast = column.sqlType;
  const out: string[] = [];
  for (const [op, raw] of Object.entries(operators)) {
    if (raw === undefined || raw === null) continue;
    const at = `${path}.${op}`;
    let value = raw;
    if (spec.filter.kind === 'id' && op !== 'isNull') {
      value = Array.isArray(raw) ? decodeIds(raw as string[], spec.filter.typeName, at) : decodeIds([raw as string], spec.filter.typeName, at)[0];
    }
    switch (op) {
      case 'eq': out.push(`${ref} = ${params.add(value, cast)}`); break;
      case 'ne': out.push(`${ref} IS DISTINCT FROM ${params.add(value, cast)}`); break;
      case 'lt': out.push(`${ref} < ${params.add(value, cast)}`); break;
      case 'lte': out.push(`${ref} <= ${params.add(value, cast)}`); break;
      case 'gt': out.push(`${ref} > ${params.add(value, cast)}`); break;
      case 'gte': out.push(`${ref} >= ${params.add(value, cast)}`); break;
      case 'in': out.push(`${ref} = ANY(${params.add(value, `${cast}[]`)})`); break;
      case 'notIn': out.push(`NOT (${ref} = ANY(${params.add(value, `${cast}[]`)}))`); break;
      case 'contains': out.push(`${ref} ILIKE '%' || ${params.add(likeLiteral(String(value)))} || '%'`); break;
      case 'startsWith': out.push(`${ref} ILIKE ${params.add(likeLiteral(String(value)))} || '%'`); break;
      case 'isNull': out.push(value ? `${ref} IS NULL` : `${ref} IS NOT NULL`); break;
      default: throw AppError.badInput([{ field: at, rule: 'operator', message: `unknown operator ${op}` }]);
    }
  }
  return out;
}

/**
 * Compiles a `<Type>Filter` input into one SQL condition on alias `t`, all values as parameters.
 * Field conditions are ANDed; `and` / `or` / `not` nest, to a bounded depth.
 */
export function compileFilter(
  resource: Resource,
  table: TableInfo,
  filter: Record<string, unknown> | null | undefined,
  params: SqlParams,
  path = 'filter',
  depth = 0,
): string | null {
  if (!filter) return null;
  if (depth > MAX_DEPTH) {
    throw AppError.badInput([{ field: path, rule: 'maxDepth', message: `filters nest at most ${MAX_DEPTH} levels` }]);
  }
  const parts: string[] = [];
  for (const [name, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue;
    if (name === 'and' || name === 'or') {
      const children = (value as Record<string, unknown>[])
        .map((child, i) => compileFilter(resource, table, child, params, `${path}.${name}[${i}]`, depth + 1))
        .filter((c): c is string => c !== null);
      if (children.length) parts.push(`(${children.join(name === 'and' ? ' AND ' : ' OR ')})`);
      else if (name === 'or' && (value as unknown[]).length) parts.push('TRUE');
      continue;
    }
    if (name === 'not') {
      const child = compileFilter(resource, table, value as Record<string, unknown>, params, `${path}.not`, depth + 1);
      if (child) parts.push(`NOT (${child})`);
      continue;
    }
    const spec = resource.filters[name];
    if (!spec) throw AppError.badInput([{ field: `${path}.${name}`, rule: 'field', message: `cannot filter on ${name}` }]);
    parts.push(...fieldConditions(spec, value as Record<string, unknown>, table, params, `${path}.${name}`));
  }
  return parts.length ? parts.join(' AND ') : null;
}
