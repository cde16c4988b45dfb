import { AppError } from '../errors/app-error';
import { parseGlobalId } from '../data/global-id';
import type { FilterField, Resource } from './resource';
import { quoteIdent, SqlParams, TableInfo } from './table';
import { isoDay } from './dates';

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

export function fieldConditions(spec: FilterField, operators: Record<string, unknown>, table: TableInfo, params: SqlParams, path: string): string[] {
  const column = spec.expression ? undefined : table.columns.get(spec.property)!;
  const ref = spec.expression ? `(${spec.expression('t')})` : `t.${quoteIdent(column!.column)}`;
  const cast = column ? column.sqlType : spec.filter.kind === 'string' ? 'text' : spec.filter.kind;
  const out: string[] = [];
  for (const [op, raw] of Object.entries(operators)) {
    if (raw === undefined || raw === null) continue;
    const at = `${path}.${op}`;
    let value: unknown = raw;
    if (spec.filter.kind === 'id' && op !== 'isNull') {
      value = Array.isArray(raw) ? decodeIds(raw as string[], spec.filter.typeName, at) : decodeIds([raw as string], spec.filter.typeName, at)[0];
    } else if (spec.filter.kind === 'date') {
      // A JS Date would be sent in the server's local time and could shift by a day.
      value = Array.isArray(raw) ? raw.map((d) => isoDay(d as Date)) : isoDay(raw as Date);
    }
    if (spec.filter.kind === 'json' && op !== 'isNull') {
      if (op === 'contains') out.push(`${ref} @> ${params.add(JSON.stringify(value), 'jsonb')}`);
      else if (op === 'hasKey') out.push(`jsonb_exists(${ref}, ${params.add(String(value), 'text')})`);
      else throw AppError.badInput([{ field: at, rule: 'operator', message: `unknown operator ${op}` }]);
      continue;
    }
    switch (op) {
      case 'eq': out.push(`${ref} = ${params.add(value, cast)}`); break;
      case 'ne': out.push(`${ref} IS DISTINCT FROM ${params.add(value, cast)}`); break;
      case 'lt': out.push(`${ref} < ${params.add(value, cast)}`); break;
      case 'lte': out.push(`${ref} <= ${params.add(value, cast)}`); break;
      case 'gt': out.push(`${ref} > ${params.add(value, cast)}`); break;
      case 'gte': out.push(`${ref} >= ${params.add(value, cast)}`); break;
      case 'in': out.push(`${ref} = ANY(${params.add(value, `${cast}[]`)})`); break;
      // Like `ne`, rows where the field is null are not in the list.
      case 'notIn': out.push(`NOT coalesce(${ref} = ANY(${params.add(value, `${cast}[]`)}), false)`); break;
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
 * Field conditions are ANDed; `and` / `or` / `not` nest, to a bounded depth, and a filter holds
 * at most `maxConditions` conditions (operators and branches), so no filter costs seconds to
 * compile or plan. An empty filter matches everything, so `or: [{}, …]` is TRUE, `not: {}` is
 * FALSE and `or: []` matches nothing. `checkField` may refuse a field the caller may not use (a feature that is off).
 */
export function compileFilter(
  resource: Resource,
  table: TableInfo,
  filter: Record<string, unknown> | null | undefined,
  params: SqlParams,
  maxConditions: number,
  checkField: (name: string, path: string) => void = () => undefined,
): string {
  let conditions = 0;
  const count = (path: string, n = 1) => {
    conditions += n;
    if (conditions > maxConditions) {
      throw new AppError('LIMIT_EXCEEDED', `Filter too large: more than ${maxConditions} conditions`, { field: path, maxFilterConditions: maxConditions });
    }
  };
  const compile = (node: Record<string, unknown> | null | undefined, path: string, depth: number): string => {
    if (depth > MAX_DEPTH) {
      throw AppError.badInput([{ field: path, rule: 'maxDepth', message: `filters nest at most ${MAX_DEPTH} levels` }]);
    }
    const parts: string[] = [];
    for (const [name, value] of Object.entries(node ?? {})) {
      if (value === undefined || value === null) continue;
      if (name === 'and' || name === 'or') {
        const branches = value as Record<string, unknown>[];
        count(`${path}.${name}`, branches.length);
        const children = branches.map((child, i) => compile(child, `${path}.${name}[${i}]`, depth + 1));
        if (children.length) parts.push(`(${children.join(name === 'and' ? ' AND ' : ' OR ')})`);
        else if (name === 'or') parts.push('FALSE');
        continue;
      }
      if (name === 'not') {
        count(`${path}.not`);
        parts.push(`NOT (${compile(value as Record<string, unknown>, `${path}.not`, depth + 1)})`);
        continue;
      }
      if (table.columns.get(name)?.encrypted) {
        throw AppError.badInput([{ field: `${path}.${name}`, rule: 'encrypted', message: `${name} is encrypted at rest: the database cannot compare it, so it cannot be filtered` }]);
      }
      const spec = Object.hasOwn(resource.filterFields, name) ? resource.filterFields[name] : undefined;
      if (!spec) throw AppError.badInput([{ field: `${path}.${name}`, rule: 'field', message: `cannot filter on ${name}` }]);
      checkField(name, `${path}.${name}`);
      const operators = value as Record<string, unknown>;
      count(`${path}.${name}`, Object.keys(operators).length);
      parts.push(...fieldConditions(spec, operators, table, params, `${path}.${name}`));
    }
    return parts.length ? parts.join(' AND ') : 'TRUE';
  };
  return compile(filter, 'filter', 0);
}
