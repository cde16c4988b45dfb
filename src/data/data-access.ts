import { createHash, randomBytes } from 'node:crypto';
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { ObjectLiteral } from 'typeorm';
import { AppError } from '../errors/app-error';
import type { Caller } from '../auth/caller';
import type { TenantOwnedEntity } from '../entities/base.entity';
import type { RequestDb } from '../db/request-db';
import type { Page } from './page';
import { expectGlobalId, parseGlobalId } from '../data/global-id';
import { cursorText, PageArgs, PagePlan, planPage } from './page-query';
import type { CursorCodec, ScopedCursorCodec } from './cursor';
import type { Operation, Resource } from './resource';
import { quoteIdent, SqlParams, TableInfo } from './table';
import { READ_TYPES } from '../db/read-types';
import type { Selection } from './selection';
import type { CoercedVariables, ConnectionPlan, NodeField, NodeRootPlan, OperationPlan, ToOnePlan } from './read-plan';
import { getArgumentValues } from 'graphql';

export interface DataAccessOptions {
  /** The application's own tenant predicate. Off only in tests proving that RLS alone isolates tenants. */
  applicationTenantFilter: boolean;
  /** Conditions in one filter (RequestLimits.maxFilterConditions). */
  maxFilterConditions: number;
}

type Row = Record<string, unknown> & { __cursor?: string; __parent?: string };

/** An edge whose cursor is sealed only if the client selects it (AES-GCM per row is not free). */
class Edge<N> {
  constructor(
    readonly node: N,
    private readonly seal: () => string,
  ) {}
  get cursor(): string {
    return this.seal();
  }
}

/**
 * The one path every read and write of tenant data takes, top-level and nested alike
 * (Medplum's lesson): role checks, the tenant predicate, soft-delete filtering, batching
 * (DataLoader, per request), access logging of patient data and version-checked writes.
 * Fails closed: without a verified caller there is no tenant and every call throws.
 */
export class DataAccess {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  constructor(
    readonly db: RequestDb,
    readonly caller: Caller | null,
    private readonly tables: Map<Resource, TableInfo>,
    private readonly cursors: CursorCodec,
    private readonly options: DataAccessOptions,
  ) {}

  private get tenantId(): string {
    return this.requireCaller().tenantId;
  }

  private scopedCursors?: ScopedCursorCodec;
  /** Cursors sealed for the caller's tenant only. */
  private get tenantCursors(): ScopedCursorCodec {
    return (this.scopedCursors ??= this.cursors.forScope(this.tenantId));
  }

  authorize(resource: Resource, operation: Operation): void {
    const role = this.requireCaller().role;
    if (!resource.permissions[operation].includes(role)) {
      throw new AppError('FORBIDDEN', `Role ${role} may not ${operation} ${resource.typeName}`);
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

  /** `t.tenant_id = $n AND t.deleted_at IS NULL` (the tenant part unless switched off for RLS tests). */
  private scopeConditions(params: SqlParams, includeDeleted = false): string[] {
    const tenantId = this.tenantId;
    const conditions = includeDeleted ? [] : ['t.deleted_at IS NULL'];
    if (this.options.applicationTenantFilter) conditions.unshift(`t.tenant_id = ${params.add(tenantId, 'uuid')}`);
    return conditions;
  }

  private plan(resource: Resource, args: PageArgs, params: SqlParams): PagePlan {
    return planPage(resource, this.table(resource), args, params, this.tenantCursors, this.options.maxFilterConditions);
  }

  private notePatientData(resource: Resource, rows: Row[]): void {
    const property = resource.patientIdProperty;
    if (!property) return;
    // Rows about no patient (a task without one) log nothing: the log lists patients only.
    for (const row of rows) if (row[property]) this.db.patientIdsRead.add(row[property] as string);
  }

  private toConnection<E>(resource: Resource, plan: PagePlan, rows: Row[], args: PageArgs, countTotal: () => Promise<number>): Page<E> {
    const table = this.table(resource);
    const hasMore = rows.length > plan.size;
    const pageRows = hasMore ? rows.slice(0, plan.size) : rows;
    if (plan.backward) pageRows.reverse();
    this.notePatientData(resource, pageRows);
    const nodes = pageRows.map((row) => table.hydrate<E>(row));
    const cursorOf = (i: number) => {
      const values = pageRows[i].__cursor;
      // The selection analysis decided that no cursor was asked for; reaching here is a bug, not bad input.
      if (values === undefined) throw new Error(`${resource.typeName} cursor requested but not selected`);
      return this.tenantCursors.seal(cursorText(plan.signature, values));
    };
    let edges: Edge<E>[] | undefined;
    return {
      nodes,
      // Edges (and their cursors) only when selected: most clients read `nodes`.
      get edges() {
        return (edges ??= nodes.map((node, i) => new Edge(node, () => cursorOf(i))));
      },
      pageInfo: {
      hasNextPage: plan.backward ? args.before != null : hasMore,
      hasPreviousPage: plan.backward ? hasMore : args.after != null,
        get startCursor() {
          return nodes.length ? cursorOf(0) : null;
        },
        get endCursor() {
          return nodes.length ? cursorOf(nodes.length - 1) : null;
        },
      },
      totalCount: countTotal,
    };
  }

  /** Every read: timestamps as ISO text, and a prepared statement per distinct SQL text (planned once per connection). */
  private read<R extends Record<string, unknown>>(sql: string, values: unknown[]): Promise<R[]> {
    return this.db.query<R>(sql, values, READ_TYPES, preparedName(sql));
  }

  /** Only the columns the selection needs, and the cursor values only when cursors are selected. */
  private readColumns(table: TableInfo, plan: PagePlan, selection: Selection | undefined): string {
    const columns = table.readSelectList(selection);
    return selection && !selection.cursors ? columns : `${columns}, ${plan.cursorValuesSql('t')} AS "__cursor"`;
  }

  /** A top-level connection: `patients(first, after, filter, orderBy)`. */
  async page<E>(resource: Resource, args: PageArgs, selection?: Selection): Promise<Page<E>> {
    this.authorize(resource, 'read');
    const table = this.table(resource);
    const params = new SqlParams();
    const scope = this.scopeConditions(params);
    const plan = this.plan(resource, args, params);
    const where = [...scope, ...plan.conditions].join(' AND ');
    const rows = await this.read<Row>(
      `SELECT ${this.readColumns(table, plan, selection)} FROM ${table.table} t WHERE ${where} ORDER BY ${plan.orderSql} LIMIT ${params.add(plan.fetch, 'int')}`,
      params.values,
    );
    const countTotal = async () => {
      const countParams = new SqlParams();
      const countPlan = this.plan(resource, { filter: args.filter }, countParams);
      const countWhere = [...this.scopeConditions(countParams), ...countPlan.conditions].join(' AND ');
      const [{ count }] = await this.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table.table} t WHERE ${countWhere}`, countParams.values);
      return count;
    };
    return this.toConnection<E>(resource, plan, rows, args, countTotal);
  }

  private loader<V>(key: string, batch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    let loader = this.loaders.get(key) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }

  /** One object by database id, batched with every other lookup of this type in the request. Null when absent or deleted. */
  async byId<E>(resource: Resource, id: string, selection?: Selection): Promise<E | null> {
    this.authorize(resource, 'read');
    const table = this.table(resource);
    const row = await this.loader<Row | null>(`byId:${resource.typeName}:${selection?.key ?? '*'}`, async (ids) => {
      const params = new SqlParams();
      const where = [...this.scopeConditions(params), `t.id = ANY(${params.add(ids, 'uuid[]')})`].join(' AND ');
      const rows = await this.read<Row>(`SELECT ${table.readSelectList(selection)} FROM ${table.table} t WHERE ${where}`, params.values);
      const byId = new Map(rows.map((r) => [r.id as string, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }).load(id);
    if (!row) return null;
    this.notePatientData(resource, [row]);
    return table.hydrate<E>(row);
  }

  /**
   * A nested connection limited per parent, e.g. `Patient.appointments(first: 5)`: one
   * statement for all parents of the request (a LATERAL join), whatever their number.
   */
  children<E>(resource: Resource, foreignKey: string, parentId: string, args: PageArgs, selection?: Selection): Promise<Page<E>> {
    this.authorize(resource, 'read');
    const table = this.table(resource);
    const fkColumn = quoteIdent(table.columns.get(foreignKey)!.column);
    const key = `children:${resource.typeName}:${foreignKey}:${JSON.stringify(args)}:${selection?.key ?? '*'}`;
    return this.loader<Page<E>>(key, async (parentIds) => {
      const params = new SqlParams();
      const parents = params.add(parentIds, 'uuid[]');
      const plan = this.plan(resource, args, params);
      const where = [...this.scopeConditions(params), `t.${fkColumn} = p.parent_id`, ...plan.conditions].join(' AND ');
      const rows = await this.read<Row>(
        `SELECT p.parent_id AS "__parent", c.* FROM unnest(${parents}) AS p(parent_id) CROSS JOIN LATERAL (` +
          `SELECT ${this.readColumns(table, plan, selection)} FROM ${table.table} t WHERE ${where} ORDER BY ${plan.orderSql} LIMIT ${params.add(plan.fetch, 'int')}) c`,
        params.values,
      );
      const grouped = new Map<string, Row[]>(parentIds.map((id) => [id, []]));
      for (const row of rows) grouped.get(row.__parent!)!.push(row);
      return parentIds.map((id) =>
        this.toConnection<E>(resource, plan, grouped.get(id)!, args, () => this.countChildren(resource, foreignKey, id, args)),
      );
    }).load(parentId);
  }

  private countChildren(resource: Resource, foreignKey: string, parentId: string, args: PageArgs): Promise<number> {
    const table = this.table(resource);
    const fkColumn = quoteIdent(table.columns.get(foreignKey)!.column);
    const key = `count:${resource.typeName}:${foreignKey}:${JSON.stringify(args.filter ?? null)}`;
    return this.loader<number>(key, async (parentIds) => {
      const params = new SqlParams();
      const parents = params.add(parentIds, 'uuid[]');
      const plan = this.plan(resource, { filter: args.filter }, params);
      const where = [...this.scopeConditions(params), `t.${fkColumn} = ANY(${parents})`, ...plan.conditions].join(' AND ');
      const rows = await this.db.query<{ parent: string; count: number }>(
        `SELECT t.${fkColumn} AS parent, count(*)::int AS count FROM ${table.table} t WHERE ${where} GROUP BY 1`,
        params.values,
      );
      const counts = new Map(rows.map((r) => [r.parent, r.count]));
      return parentIds.map((id) => counts.get(id) ?? 0);
    }).load(parentId);
  }

  // ---- the compiled read path (src/graphql/compiled-read.ts) -------------------------------

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
          values.push(`${sqlString(root.key)}, ${literalJson(root.typename)}`);
          continue;
        }
        const part = 'connection' in root ? this.connectionSql(root.connection, variables, params, aliases) : this.nodeRootSql(root.node, variables, params, aliases);
        if (!part) return null;
        parts.push(part);
        values.push(`${sqlString(root.key)}, ${part.obj}`);
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
      [row] = await this.db.queryWholeRequest<{ data: string }>(sql, params.values, READ_TYPES, preparedName(sql));
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
    return body.replace(CURSOR_MARKER_IN_JSON, (_match, escaped: string) => `"${this.tenantCursors.seal(JSON.parse(`"${escaped}"`))}"`);
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
    const table = this.table(resource);
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
          const column = `${row}.${quoteIdent(table.columns.get(field.property)!.column)}`;
          value = field.dateTime ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : column;
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
    this.authorize(target, 'read');
    const table = this.table(target);
    const foreignKey = `${sourceRow}.${quoteIdent(this.table(source).columns.get(reference.foreignKey)!.column)}`;
    const n = aliases.next++;
    const row = `r${n}`;
    const on = [`${row}.id = ${foreignKey}`];
    // Nothing to join for a row that is not shown (the look-ahead row, a missing target's).
    if (sourceShown) on.push(`(${sourceShown})`);
    const present = `${row}.id IS NOT NULL`;
    const samePatient = target.patientIdProperty === 'id' && reference.foreignKey === source.patientIdProperty;
    const node = this.nodeSql(target, reference.fields, row, n, variables, params, aliases, { pageSize: '1', lookAhead: false, samePatient, present });
    const joins = [`LEFT JOIN (SELECT t.* FROM ${table.table} t WHERE ${this.scopeConditions(params).join(' AND ')}) ${row} ON ${on.join(' AND ')}`, ...node.joins];
    return { joins, obj: `CASE WHEN ${present} THEN ${node.obj} END`, ids: node.ids, present };
  }

  /** `node(id)`: the object as JSON (null when absent or deleted), or null to leave it to the resolvers. */
  private nodeRootSql(root: NodeRootPlan, variables: CoercedVariables, params: SqlParams, aliases: CompiledBuild): CompiledPart | null {
    const { id } = getArgumentValues(root.field, root.node, variables) as { id: string };
    const parsed = parseGlobalId(id);
    const planned = parsed && root.byType.get(parsed.typeName);
    if (!parsed || !planned) return null;
    const { resource, fields } = planned;
    this.authorize(resource, 'read');
    const table = this.table(resource);
    const n = aliases.next++;
    const row = `r${n}`;
    const where = [...this.scopeConditions(params), `t.id = ${params.add(parsed.id, 'uuid')}`].join(' AND ');
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
    this.authorize(resource, 'read');
    const table = this.table(resource);
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
    const scope = [...this.scopeConditions(params), ...parentScope()];
    const plan = this.plan(resource, args, params);
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
      return `${sqlString(`${CURSOR_MARKER}${plan.signature}|`)} || ${values}`;
    };
    // The first and last rows of the page in fetch order (`last` fetches backwards).
    const fetchedEnd = (direction: 'ASC' | 'DESC') => {
      aggregates = true;
      return marked(`(array_agg(n.cur ORDER BY n.ord ${direction}) FILTER (WHERE n.ord <= ${size}))[1]`);
    };
    const items = connection.items.map((item) => {
      if (item.kind === 'typename') return `${sqlString(item.key)}, ${literalJson(item.typeName)}`;
      if (item.kind === 'totalCount') {
        // As the resolvers count (page and countChildren): the filter, no cursor, the tenant, no deleted rows, per parent.
        const counted = this.plan(resource, { filter: args.filter }, params);
        const countWhere = [...this.scopeConditions(params), ...parentScope(), ...counted.conditions].join(' AND ');
        return `${sqlString(item.key)}, (SELECT count(*)::int FROM ${table.table} t WHERE ${countWhere})`;
      }
      if (item.kind === 'nodes') return `${sqlString(item.key)}, ${list(rowObj)}`;
      if (item.kind === 'edges') {
        const edge = item.items.map((e) => {
          const value = e.kind === 'typename' ? literalJson(e.typeName) : e.kind === 'node' ? rowObj : marked(lookAhead ? 'n.cur' : plan.cursorValuesSql(row));
          return `${sqlString(e.key)}, ${value}`;
        });
        return `${sqlString(item.key)}, ${list(`json_build_object(${edge.join(', ')})`)}`;
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
        return `${sqlString(p.key)}, ${value}`;
      });
      return `${sqlString(item.key)}, json_build_object(${page.join(', ')})`;
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

  // ---- writes -------------------------------------------------------------------------

  /**
   * Decodes `input.<field>` global ids and checks each referenced object exists in the tenant.
   * Every id is decoded before any check starts: a malformed one must fail the request before
   * a query is in flight whose rejection nobody would await.
   */
  private async resolveReferences(resource: Resource, input: Record<string, unknown>): Promise<Record<string, string | null>> {
    const resolved: Record<string, string | null> = {};
    const toCheck: Array<{ property: string; referenced: Resource; id: string }> = [];
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
      toCheck.push({ property, referenced, id });
    }
    // Locked (FOR SHARE) until the transaction ends when the API can delete the target: a
    // concurrent soft delete then waits, and its cascade sees this row. A target the API cannot
    // delete (read-only tables, views) needs no lock, and its role has no UPDATE grant to take one.
    const found = await Promise.all(toCheck.map(({ referenced, id }) => this.exists(referenced, id, referenced.inputs ? 'FOR SHARE' : '')));
    const missing = toCheck.filter((_, i) => !found[i]);
    if (missing.length) {
      throw AppError.badInput(missing.map(({ property, referenced }) => ({ field: `input.${property}`, rule: 'exists', message: `no ${referenced.typeName} with this id` })));
    }
    return resolved;
  }

  /**
   * Whether a (not deleted) row exists in the tenant. No role check: referencing an object
   * (a note's category) does not need the right to list that kind of object.
   */
  private async exists(resource: Resource, id: string, lock: '' | 'FOR SHARE' = ''): Promise<boolean> {
    const table = this.table(resource);
    const params = new SqlParams();
    const where = [...this.scopeConditions(params), `t.id = ${params.add(id, 'uuid')}`].join(' AND ');
    const rows = await this.db.query(`SELECT 1 FROM ${table.table} t WHERE ${where} ${lock}`, params.values);
    return rows.length > 0;
  }

  private fromReturning<E>(resource: Resource, raw: Record<string, unknown>): E {
    const table = this.table(resource);
    const row: Record<string, unknown> = {};
    for (const column of table.columns.values()) row[column.property] = raw[column.column];
    return table.hydrate<E>(row);
  }

  /** The current row, locked until the transaction ends, or NOT_FOUND. */
  private async lockCurrent<E>(resource: Resource, id: string, includeDeleted: boolean): Promise<E> {
    const table = this.table(resource);
    const params = new SqlParams();
    const where = [...this.scopeConditions(params, includeDeleted), `t.id = ${params.add(id, 'uuid')}`].join(' AND ');
    const [row] = await this.db.query<Row>(`SELECT ${table.selectList} FROM ${table.table} t WHERE ${where} FOR UPDATE`, params.values);
    if (!row) throw AppError.notFound(resource.typeName);
    return table.hydrate<E>(row);
  }

  private async runUpdate<E>(resource: Resource, id: string, set: ObjectLiteral, where: string, whereParams: ObjectLiteral): Promise<E[]> {
    const manager = await this.db.manager();
    const tenant = this.options.applicationTenantFilter ? ' AND tenant_id = :tenantId' : '';
    const result = await manager
      .createQueryBuilder()
      .update(resource.entity)
      .set(set)
      .where(`id = :id${tenant} AND ${where}`, { ...whereParams, id, tenantId: this.tenantId })
      .returning('*')
      .updateEntity(false)
      .execute();
    this.loaders.clear();
    return (result.raw as Record<string, unknown>[]).map((raw) => this.fromReturning<E>(resource, raw));
  }

  /**
   * GraphQL input → column values: global ids of references decoded and checked, dates as
   * `YYYY-MM-DD`, and null refused for NOT NULL columns (an update may omit a field, not null it).
   */
  private async columnValues<E>(resource: Resource, input: object): Promise<Partial<E>> {
    const table = this.table(resource);
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
      else if (column.sqlType === 'date' && value instanceof Date) values[key] = value.toISOString().slice(0, 10);
      else values[key] = value;
    }
    return values as Partial<E>;
  }

  async create<E extends TenantOwnedEntity>(resource: Resource<E>, input: object): Promise<E> {
    this.authorize(resource as Resource, 'create');
    const values = await this.columnValues<E>(resource as Resource, input);
    await resource.rules?.beforeCreate?.(values, this);
    const manager = await this.db.manager();
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(resource.entity as new () => ObjectLiteral)
      .values(values as ObjectLiteral)
      .returning('*')
      .updateEntity(false)
      .execute();
    this.loaders.clear();
    return this.fromReturning<E>(resource as Resource, (result.raw as Record<string, unknown>[])[0]);
  }

  /** Applies the input only if the row is still at `expectedVersion`; otherwise CONFLICT, never a silent overwrite. */
  async update<E extends TenantOwnedEntity>(resource: Resource<E>, input: { id: string; expectedVersion: number }): Promise<E> {
    this.authorize(resource as Resource, 'update');
    const id = expectGlobalId(input.id, resource.typeName, 'input.id');
    const { expectedVersion } = input;
    const current = await this.lockCurrent<E>(resource as Resource, id, false);
    if (current.version !== expectedVersion) throw staleVersion(resource.typeName, expectedVersion, current.version);
    const changes = await this.columnValues<E>(resource as Resource, input);
    await resource.rules?.beforeUpdate?.(current, changes, this);
    if (Object.keys(changes).length === 0) return current;
    const [updated] = await this.runUpdate<E>(resource as Resource, id, changes as ObjectLiteral, 'version = :expectedVersion AND deleted_at IS NULL', { expectedVersion });
    if (!updated) throw staleVersion(resource.typeName, expectedVersion, null);
    return updated;
  }

  /** Soft delete, cascading to the declared children with the same timestamp so a restore brings them back together. */
  async softDelete<E extends TenantOwnedEntity>(resource: Resource<E>, input: { id: string; expectedVersion?: number | null }): Promise<E> {
    this.authorize(resource as Resource, 'delete');
    const id = expectGlobalId(input.id, resource.typeName, 'input.id');
    const expectedVersion = input.expectedVersion ?? null;
    const current = await this.lockCurrent<E>(resource as Resource, id, false);
    if (expectedVersion !== null && current.version !== expectedVersion) throw staleVersion(resource.typeName, expectedVersion, current.version);
    // Millisecond precision: the children get the very same timestamp back from JavaScript, and restore matches on it.
    const [deleted] = await this.runUpdate<E>(resource as Resource, id, { deletedAt: () => "date_trunc('milliseconds', now())" }, 'deleted_at IS NULL', {});
    for (const child of resource.cascadeDelete ?? []) {
      await this.cascade(child.resource(), child.foreignKey, id, { deletedAt: deleted.deletedAt }, 'deleted_at IS NULL', {});
    }
    return deleted;
  }

  async restore<E extends TenantOwnedEntity>(resource: Resource<E>, input: { id: string }): Promise<E> {
    this.authorize(resource as Resource, 'restore');
    const id = expectGlobalId(input.id, resource.typeName, 'input.id');
    const current = await this.lockCurrent<E>(resource as Resource, id, true);
    if (!current.deletedAt) return current;
    for (const parent of resource.parents ?? []) {
      const parentId = (current as Record<string, unknown>)[parent.foreignKey] as string | null;
      if (parentId && !(await this.exists(parent.resource(), parentId, 'FOR SHARE'))) {
        throw AppError.conflict(`Restore the ${parent.resource().typeName} first: it is deleted`, { field: parent.foreignKey });
      }
    }
    const [restored] = await this.runUpdate<E>(resource as Resource, id, { deletedAt: null }, 'deleted_at IS NOT NULL', {});
    for (const child of resource.cascadeDelete ?? []) {
      await this.cascade(child.resource(), child.foreignKey, id, { deletedAt: null }, 'deleted_at = :deletedAt', { deletedAt: current.deletedAt });
    }
    return restored;
  }

  private async cascade(resource: Resource, foreignKey: string, parentId: string, set: ObjectLiteral, where: string, params: ObjectLiteral): Promise<void> {
    const manager = await this.db.manager();
    const column = this.table(resource).columns.get(foreignKey)!.column;
    const tenant = this.options.applicationTenantFilter ? ' AND tenant_id = :tenantId' : '';
    await manager
      .createQueryBuilder()
      .update(resource.entity)
      .set(set)
      .where(`${quoteIdent(column)} = :parentId${tenant} AND ${where}`, { ...params, parentId, tenantId: this.tenantId })
      .updateEntity(false)
      .execute();
    this.loaders.clear();
  }
}

function staleVersion(typeName: string, expected: number, current: number | null): AppError {
  return AppError.conflict(
    `${typeName} was changed by someone else (expected version ${expected}${current === null ? '' : `, now ${current}`}); reload and retry`,
    { expectedVersion: expected, currentVersion: current },
  );
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

/** Distinct read statements given a name, so each connection plans them once (bounded: clients choose the shapes). */
const preparedNames = new Map<string, string>();
const MAX_PREPARED = 200;

function preparedName(sql: string): string | undefined {
  let name = preparedNames.get(sql);
  if (!name && preparedNames.size < MAX_PREPARED) {
    name = `caregraph_read_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    preparedNames.set(sql, name);
  }
  return name;
}

/**
 * toGlobalId in SQL: base64url of `Type:uuid`. encode() has only the standard alphabet (as of
 * PostgreSQL 18) and ends each line of 76 characters with a line break, a trailing one too
 * (`ClinicalNoteCategory:<uuid>` is exactly 76): rtrim drops it with the padding. `Type:uuid`
 * must stay within 57 bytes (one line). replace() is cheaper here than translate() (measured:
 * about 1 against 2.3 µs an id).
 */
function globalIdSql(typeName: string, id: string): string {
  if (typeName.length + 1 + 36 > 57) throw new Error(`global ids of ${typeName} are too long for globalIdSql`);
  return `replace(replace(rtrim(encode((${sqlString(`${typeName}:`)} || ${id})::bytea, 'base64'), E'=\\n'), '+', '-'), '/', '_')`;
}

/**
 * A string as an SQL literal. Only for type names and column names from the schema, and response
 * keys, which the planner accepts only as GraphQL names (`[_A-Za-z][_0-9A-Za-z]*`): never a value.
 */
function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function literalJson(value: string): string {
  return `to_json(${sqlString(value)}::text)`;
}


