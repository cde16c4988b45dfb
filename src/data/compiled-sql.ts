import { randomBytes } from 'node:crypto';
import { getArgumentValues } from 'graphql';
import { AppError } from '../errors/app-error';
import { READ_TYPES } from '../db/read-types';
import { parseGlobalId } from './global-id';
import { cursorText, PageArgs } from './page-query';
import type { Resource } from './resource';
import { quoteIdent, SqlParams, sqlLiteral } from './table';
import type { CoercedVariables, ConnectionPlan, NodeField, NodeRootPlan, OperationPlan, ToOnePlan } from './read-plan';
import { preparedName, type RequestScope } from './request-scope';
import { TRANSFORMS } from './masks';

/**
 * The compiled read path's SQL: a planned query (src/graphql/compiled-read.ts plans it) becomes
 * one statement that builds the response JSON in PostgreSQL, with the same role checks, tenant
 * predicate, soft-delete filter, pages, filters and access log as the resolvers' reads.
 */
export class CompiledReads {
  constructor(private readonly scope: RequestScope) {}


  /**
   * Answers a planned query with one statement that returns the response body, `{"data":…}`,
   * as JSON text built by PostgreSQL, and writes the access log row of the patients it read
   * (a data-modifying CTE, so the log cannot be skipped). Same guarantees as the resolvers:
   * role check per resource (targets of references included), tenant predicate, soft-delete
   * filter, keyset pages, filters (compileFilter, as planPage builds them) and counts. The whole
   * request is one round trip (RequestDb.queryWholeRequest). Null when the resolvers must
   * answer instead (a role may not read a resource, an id names no compiled type, or an
   * argument is refused): they report the error exactly where it belongs.
   */
  async readCompiled(plan: OperationPlan, variables: CoercedVariables, operationName: string | null): Promise<string | null> {
    const params = new SqlParams();
    const aliases: CompiledBuild = { next: 0, checks: [] };
    let sources: string[];
    let data: string;
    let ids: string;
    try {
      const values: string[] = [];
      const parts: CompiledPart[] = [];
      for (const root of plan.roots) {
        if ('typename' in root) {
          values.push(`${sqlLiteral(root.key)}, ${literalJson(root.typename)}`);
          continue;
        }
        const part = 'connection' in root ? this.connectionSql(root.connection, variables, params, aliases) : this.nodeRootSql(root.node, variables, params, aliases);
        if (!part) return null;
        parts.push(part);
        values.push(`${sqlLiteral(root.key)}, ${part.obj}`);
      }
      sources = parts.map((c) => `(${c.sql}) AS ${c.alias}`);
      data = `json_build_object(${values.join(', ')})`;
      ids = `json_build_array(${parts.map((c) => c.ids).join(', ')})`;
    } catch (error) {
      if (error instanceof AppError) return null;
      throw error;
    }
    // Arguments type-graphql would refuse (class-validator rules of the filter inputs): the resolvers report them.
    if (aliases.checks.length && !(await Promise.all(aliases.checks)).every(Boolean)) return null;
    const operation = params.add(operationName?.slice(0, 200) ?? null, 'text');
    // The whole response body, so that no JavaScript copy of a large text is needed to wrap it.
    // The access log as the resolvers write it at commit: one row per request, its patients' ids.
    const sql =
      `WITH body AS MATERIALIZED (SELECT '{"data":' || ${data}::text || '}' AS data, ${ids}::jsonb AS ids FROM ${sources.join(', ')}), ` +
      `patients AS (SELECT array_agg(DISTINCT id #>> '{}')::uuid[] AS ids FROM body, jsonb_path_query(body.ids, 'strict $.** ? (@.type() == "string")') id), ` +
      `logged AS (INSERT INTO access_logs (tenant_id, actor_user_id, request_id, operation_name, patient_ids) ` +
      `SELECT app_current_tenant_id(), current_setting('app.user_id')::uuid, current_setting('app.request_id'), ${operation}, ids FROM patients WHERE ids IS NOT NULL) ` +
      `SELECT data FROM body`;
    let row: { data: string };
    try {
      [row] = await this.scope.db.queryWholeRequest<{ data: string }>(sql, params.values, READ_TYPES, preparedName(sql));
    } catch (error) {
      // Raised on purpose by a non-null reference whose target is missing (toOneSql): nothing was read or logged.
      if ((error as { code?: string } | null)?.code === MISSING_REFERENCE_SQLSTATE && sql.includes(MISSING_REFERENCE_GUARD)) throw new MissingReferenceError();
      throw error;
    }
    return sql.includes(CURSOR_MARKER) ? this.sealCursors(row.data) : row.data;
  }

  /**
   * Cursors are sealed here, not in SQL (AES-GCM): the body carries each one as a JSON string
   * of CURSOR_MARKER and the cursor's text, which is replaced by the sealed cursor.
   */
  private sealCursors(body: string): string {
    return body.replace(CURSOR_MARKER_IN_JSON, (_match, escaped: string) => `"${this.scope.tenantCursors.seal(JSON.parse(`"${escaped}"`))}"`);
  }

  /**
   * A node's JSON: `row_to_json` of a row whose columns are named by response keys (compact
   * text, unlike json_build_object's `"key" : value`), the LATERAL joins of its nested
   * connections, and `ids`: the patient ids the row reads, as a JSON array expression (null when none).
   */
  private nodeSql(
    resource: Resource,
    fields: NodeField[],
    row: string,
    n: number,
    variables: CoercedVariables,
    params: SqlParams,
    aliases: CompiledBuild,
    page: { pageSize: string; lookAhead: boolean; samePatient: boolean; present?: string },
  ): { obj: string; joins: string[]; ids: string | null } {
    const table = this.scope.table(resource);
    const joins: string[] = [];
    // Whether this row is shown: not the look-ahead row of a page, nor a missing reference target
    // (PostgreSQL may compute the columns of such rows all the same: see the guard below).
    const shown = page.lookAhead ? `${row}.__ord <= ${page.pageSize}` : (page.present ?? null);
    const ids =
      resource.patientIdProperty && !page.samePatient ? [`${row}.${quoteIdent(table.columns.get(resource.patientIdProperty)!.column)}`] : [];
    const columns = fields
      .map((field) => {
        let value: string;
        if (field.kind === 'typename') value = literalJson(field.typeName);
        // Built in SQL: rewriting ids in the JavaScript text cost more CPU in total, and a second copy of large bodies.
        else if (field.kind === 'id') value = globalIdSql(field.typeName, `${row}.id`);
        else if (field.kind === 'column') {
          if (field.feature) this.scope.requireFeature(field.feature, `${resource.typeName}.${field.property}`);
          const column = `${row}.${quoteIdent(table.columns.get(field.property)!.column)}`;
          // The same transform as the field's resolver (src/data/masks.ts), for the caller's role; a refusal is never planned here.
          const mask = this.scope.maskOf(resource, field.property);
          if (mask?.as === 'refused') throw new Error(`${resource.typeName}.${field.property} is refused to this role: the planner leaves it to the resolvers`);
          if (mask) value = TRANSFORMS[mask.as].sql(column);
          else value = field.render === 'dateTime' ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : field.render === 'decimal' ? `${column}::text` : column;
        } else if (field.kind === 'toOne') {
          const target = this.toOneSql(resource, field.reference, row, variables, params, aliases, shown);
          joins.push(...target.joins);
          if (target.ids) ids.push(target.ids);
          // Null when the foreign key is null or the target is deleted; for a non-null field the
          // resolvers fail the request instead (and the statement fails here: see readCompiled),
          // unless this row is not shown anyway.
          value = field.reference.nullable
            ? target.obj
            : `coalesce(${target.obj}, ${MISSING_REFERENCE_GUARD}(${target.present}${shown ? ` OR NOT (${shown})` : ''})::int))`;
        } else {
          const child = this.connectionSql(field.connection, variables, params, aliases, { alias: row, pageSize: page.pageSize, lookAhead: page.lookAhead });
          joins.push(`LEFT JOIN LATERAL (${child.sql}) ${child.alias} ON true`);
          if (child.hasIds) ids.push(`${child.alias}.ids`);
          value = `${child.alias}.obj`;
        }
        return `${value} AS ${quoteIdent(field.key)}`;
      })
      .join(', ');
    const idsJson = ids.length ? `json_build_array(${ids.join(', ')})` : null;
    if (!columns) return { obj: `'{}'::json`, joins, ids: idsJson };
    // The look-ahead row only tells whether another page follows: no JSON is built for it.
    joins.push(`LEFT JOIN LATERAL (SELECT ${columns}${shown ? ` WHERE ${shown}` : ''}) o${n} ON true`);
    return { obj: `row_to_json(o${n})`, joins, ids: idsJson };
  }

  /**
   * A reference to one object (`Appointment.patient`) of the source row `sourceRow`: the target's
   * row by the source's foreign key, with the target's role check, tenant predicate and
   * soft-delete filter, as DataAccess.byId reads it for the resolvers; a plain LEFT JOIN (a
   * LATERAL subquery per reference cost about twice as much database time). `obj` is null when
   * the key is null, the target deleted, or the source row not shown (`sourceShown`). The target's
   * patient is logged as byId logs it, unless it is the source row's own patient (logged already).
   */
  private toOneSql(
    source: Resource,
    reference: ToOnePlan,
    sourceRow: string,
    variables: CoercedVariables,
    params: SqlParams,
    aliases: CompiledBuild,
    sourceShown: string | null,
  ): { joins: string[]; obj: string; ids: string | null; present: string } {
    const target = reference.resource;
    if (reference.feature) this.scope.requireFeature(reference.feature, reference.path);
    this.scope.authorize(target, 'read');
    const table = this.scope.table(target);
    const foreignKey = `${sourceRow}.${quoteIdent(this.scope.table(source).columns.get(reference.foreignKey)!.column)}`;
    const n = aliases.next++;
    const row = `r${n}`;
    const on = [`${row}.id = ${foreignKey}`];
    // Nothing to join for a row that is not shown (the look-ahead row, a missing target's).
    if (sourceShown) on.push(`(${sourceShown})`);
    const present = `${row}.id IS NOT NULL`;
    const samePatient = target.patientIdProperty === 'id' && reference.foreignKey === source.patientIdProperty;
    const node = this.nodeSql(target, reference.fields, row, n, variables, params, aliases, { pageSize: '1', lookAhead: false, samePatient, present });
    const joins = [`LEFT JOIN (SELECT t.* FROM ${table.table} t WHERE ${this.scope.scopeConditions(target, params).join(' AND ')}) ${row} ON ${on.join(' AND ')}`, ...node.joins];
    return { joins, obj: `CASE WHEN ${present} THEN ${node.obj} END`, ids: node.ids, present };
  }

  /** `node(id)`: the object as JSON (null when absent or deleted), or null to leave it to the resolvers. */
  private nodeRootSql(root: NodeRootPlan, variables: CoercedVariables, params: SqlParams, aliases: CompiledBuild): CompiledPart | null {
    const { id } = getArgumentValues(root.field, root.node, variables) as { id: string };
    const parsed = parseGlobalId(id);
    const planned = parsed && root.byType.get(parsed.typeName);
    if (!parsed || !planned) return null;
    const { resource, fields } = planned;
    this.scope.authorize(resource, 'read');
    const table = this.scope.table(resource);
    const n = aliases.next++;
    const row = `r${n}`;
    const where = [...this.scope.scopeConditions(resource, params), `t.id = ${params.add(parsed.id, 'uuid')}`].join(' AND ');
    const node = this.nodeSql(resource, fields, row, n, variables, params, aliases, { pageSize: '1', lookAhead: false, samePatient: false });
    // Exactly one row, whose columns are null when the object is not there.
    const sql =
      `SELECT o.obj, o.ids FROM (SELECT) one LEFT JOIN LATERAL (SELECT ${node.obj} AS obj, ${node.ids ?? 'NULL::json'} AS ids ` +
      `FROM (SELECT t.* FROM ${table.table} t WHERE ${where}) ${row} ${node.joins.join(' ')}) o ON true`;
    const alias = `c${n}`;
    return { sql, alias, obj: `${alias}.obj`, ids: `${alias}.ids`, hasIds: node.ids !== null };
  }

  /**
   * One connection as a subquery with columns `obj` (the connection's JSON) and `ids` (patient
   * ids read, nested arrays), joined LATERAL to its parent row `parent` when nested.
   */
  private connectionSql(
    connection: ConnectionPlan,
    variables: CoercedVariables,
    params: SqlParams,
    aliases: CompiledBuild,
    parent?: { alias: string; pageSize: string; lookAhead: boolean },
  ): CompiledPart {
    const { resource } = connection;
    this.scope.authorize(resource, 'read');
    const table = this.scope.table(resource);
    const args = getArgumentValues(connection.field, connection.node, variables) as PageArgs;
    if (args.filter != null) aliases.checks.push(connection.argumentsValid(args as Record<string, unknown>));
    const n = aliases.next++;
    const row = `r${n}`;
    const sub = `c${n}`;
    const parentScope = (): string[] => {
      if (!parent) return [];
      const conditions = [`t.${quoteIdent(table.columns.get(connection.foreignKey!)!.column)} = ${parent.alias}.id`];
      // The parent's look-ahead row (fetched to learn whether a next page exists) is not shown: skip its children.
      if (parent.lookAhead) conditions.push(`${parent.alias}.__ord <= ${parent.pageSize}`);
      return conditions;
    };
    const scope = [...this.scope.scopeConditions(resource, params), ...parentScope()];
    const plan = this.scope.plan(resource, args, params);
    const where = [...scope, ...plan.conditions].join(' AND ');
    // Page sizes are parameters like every other value from a request (typed: int).
    const size = params.add(plan.size, 'int');
    // One row beyond the page only when pageInfo asks whether there is more.
    const lookAhead = connection.items.some((i) => i.kind === 'pageInfo');

    const node = this.nodeSql(resource, connection.nodeFields, row, n, variables, params, aliases, {
      pageSize: size,
      lookAhead,
      samePatient: connection.samePatient ?? false,
    });
    const hasIds = node.ids !== null;
    const rowIds = node.ids ?? 'NULL::json';

    // With a look-ahead row, rows are numbered (`__ord`, in `n`) and the page is the first `size`
    // of them; without, the rows are exactly the page, aggregated in the order the client asked for.
    // Whether the select aggregates (one row); see oneRow below.
    let aggregates = hasIds;
    const list = (perRow: string) => {
      aggregates = true;
      return lookAhead
        ? `coalesce(json_agg(${perRow} ORDER BY n.ord ${plan.backward ? 'DESC' : 'ASC'}) FILTER (WHERE n.ord <= ${size}), '[]'::json)`
        : `coalesce(json_agg(${perRow} ORDER BY ${plan.outputOrder(row)}), '[]'::json)`;
    };
    const rowObj = lookAhead ? 'n.obj' : node.obj;
    const idsJson = !hasIds ? 'NULL::json' : lookAhead ? `json_agg(n.ids) FILTER (WHERE n.ord <= ${size})` : `json_agg(${rowIds})`;
    // A cursor leaves SQL as the row's sort values, marked for sealing (sealCursors) as the
    // cursor text the resolvers would seal.
    let selectsCursors = false;
    const marked = (values: string) => {
      selectsCursors = true;
      return `${sqlLiteral(`${CURSOR_MARKER}${plan.signature}|`)} || ${values}`;
    };
    // The first and last rows of the page in fetch order (`last` fetches backwards).
    const fetchedEnd = (direction: 'ASC' | 'DESC') => {
      aggregates = true;
      return marked(`(array_agg(n.cur ORDER BY n.ord ${direction}) FILTER (WHERE n.ord <= ${size}))[1]`);
    };
    const items = connection.items.map((item) => {
      if (item.kind === 'typename') return `${sqlLiteral(item.key)}, ${literalJson(item.typeName)}`;
      if (item.kind === 'totalCount') {
        // As the resolvers count (page and countChildren): the filter, no cursor, the tenant, no deleted rows, per parent.
        const counted = this.scope.plan(resource, { filter: args.filter }, params);
        const countWhere = [...this.scope.scopeConditions(resource, params), ...parentScope(), ...counted.conditions].join(' AND ');
        return `${sqlLiteral(item.key)}, (SELECT count(*)::int FROM ${table.table} t WHERE ${countWhere})`;
      }
      if (item.kind === 'nodes') return `${sqlLiteral(item.key)}, ${list(rowObj)}`;
      if (item.kind === 'edges') {
        const edge = item.items.map((e) => {
          const value = e.kind === 'typename' ? literalJson(e.typeName) : e.kind === 'node' ? rowObj : marked(lookAhead ? 'n.cur' : plan.cursorValuesSql(row));
          return `${sqlLiteral(e.key)}, ${value}`;
        });
        return `${sqlLiteral(item.key)}, ${list(`json_build_object(${edge.join(', ')})`)}`;
      }
      const hasMore = `count(*) > ${size}`;
      const page = item.items.map((p) => {
        let value: string;
        if (p.value === '__typename') value = literalJson(item.typeName);
        else if (p.value === 'startCursor' || p.value === 'endCursor') value = fetchedEnd((p.value === 'startCursor') !== plan.backward ? 'ASC' : 'DESC');
        else if ((p.value === 'hasNextPage') !== plan.backward) {
          aggregates = true;
          value = hasMore;
        }
        else value = String(plan.backward ? args.before != null : args.after != null);
        return `${sqlLiteral(p.key)}, ${value}`;
      });
      return `${sqlLiteral(item.key)}, json_build_object(${page.join(', ')})`;
    });
    const select = `SELECT json_build_object(${items.join(', ')}) AS obj, ${idsJson} AS ids`;
    // Exactly one row per connection, whatever it selects: without an aggregate (only
    // `__typename`, say) the select would return a row per page row, and nested aliases would
    // multiply each other. Only then: GROUP BY () makes the usual shapes slower to run.
    const oneRow = aggregates ? '' : ' GROUP BY ()';
    const sql = lookAhead
      ? `${select} FROM (SELECT ${node.obj} AS obj, ${rowIds} AS ids, ${row}.__ord AS ord${selectsCursors ? `, ${plan.cursorValuesSql(row)} AS cur` : ''} FROM (` +
        `SELECT t.*, row_number() OVER (ORDER BY ${plan.orderSql}) AS __ord FROM ${table.table} t WHERE ${where} ORDER BY ${plan.orderSql} LIMIT ${size} + 1` +
        `) ${row} ${node.joins.join(' ')}) n${oneRow}`
      : `${select} FROM (SELECT t.* FROM ${table.table} t WHERE ${where} ORDER BY ${plan.orderSql} LIMIT ${size}) ${row} ${node.joins.join(' ')}${oneRow}`;
    return { sql, alias: sub, obj: `${sub}.obj`, ids: `${sub}.ids`, hasIds };
  }
}

/** What building one compiled statement collects: alias numbers, and argument checks to await before it runs. */
interface CompiledBuild {
  next: number;
  checks: Array<Promise<boolean>>;
}

/**
 * A non-null reference (`Appointment.patient`) whose target is missing (deleted behind the
 * API's back: deleting a patient deletes their appointments and notes). The resolvers fail such
 * a request; the compiled statement fails on purpose (a division by zero that only this guard
 * writes), nothing is read or logged, and the request gets an internal error with an error id.
 */
export class MissingReferenceError extends Error {
  constructor() {
    super('compiled read: the target of a non-null reference is missing (deleted) while its source is not');
  }
}
const MISSING_REFERENCE_SQLSTATE = '22012';
const MISSING_REFERENCE_GUARD = 'to_json(1 / ';

interface CompiledPart {
  /** A subquery with columns `obj` (the connection's JSON) and `ids` (patient ids read, nested arrays). */
  sql: string;
  /** False when no patient data is read below (or its patients are the parent's): `ids` is null. */
  hasIds: boolean;
  alias: string;
  obj: string;
  ids: string;
}


/**
 * Marks a cursor's text in a compiled body. Random per process, so no stored text can pass for
 * one (a client never sees it: every marked string is replaced before the body leaves).
 */
const CURSOR_MARKER = `caregraph-cursor-${randomBytes(12).toString('hex')}:`;
/** The marked JSON string; its content is JSON-escaped (`\"`, `\\`, `\uXXXX`), never a bare quote. */
const CURSOR_MARKER_IN_JSON = new RegExp(`"${CURSOR_MARKER}((?:[^"\\\\]|\\\\.)*)"`, 'g');

/**
 * toGlobalId in SQL: base64url of `Type:uuid`. encode() has only the standard alphabet (as of
 * PostgreSQL 18) and ends each line of 76 characters with a line break, a trailing one too
 * (`ClinicalNoteCategory:<uuid>` is exactly 76). When `Type:uuid` fits in one line (57 bytes),
 * rtrim drops that break with the padding; a longer type name's id spans lines, and translate()
 * removes every break (replace() is cheaper where it suffices: about 1 against 2.3 µs an id).
 */
export function globalIdSql(typeName: string, id: string): string {
  const encoded = `encode((${sqlLiteral(`${typeName}:`)} || ${id})::bytea, 'base64')`;
  const oneLine = Buffer.byteLength(typeName) + 1 + 36 <= 57;
  const bare = oneLine ? `rtrim(${encoded}, E'=\\n')` : `translate(${encoded}, E'=\\n', '')`;
  return `replace(replace(${bare}, '+', '-'), '/', '_')`;
}

function literalJson(value: string): string {
  return `to_json(${sqlLiteral(value)}::text)`;
}
