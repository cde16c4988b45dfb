import type { Page } from './page';
import { cursorText, PageArgs, PagePlan } from './page-query';
import type { Resource } from './resource';
import { quoteIdent, SqlParams, TableInfo } from './table';
import type { Selection } from './selection';
import type { RequestScope, Row } from './request-scope';

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
 * The resolvers' reads: a top-level page, an object by id and nested pages, each batched per
 * request (DataLoader), with only the columns the query selects. Where a read is planned:
 * page-query.ts; its filter: filter-sql.ts.
 */
export class ResolverReads {
  constructor(private readonly scope: RequestScope) {}

  private toConnection<E>(resource: Resource, plan: PagePlan, rows: Row[], args: PageArgs, countTotal: () => Promise<number>): Page<E> {
    const table = this.scope.table(resource);
    const hasMore = rows.length > plan.size;
    const pageRows = hasMore ? rows.slice(0, plan.size) : rows;
    if (plan.backward) pageRows.reverse();
    this.scope.notePatientData(resource, pageRows);
    const nodes = pageRows.map((row) => table.hydrate<E>(row, this.scope.tenantId));
    const cursorOf = (i: number) => {
      const values = pageRows[i].__cursor;
      // The selection analysis decided that no cursor was asked for; reaching here is a bug, not bad input.
      if (values === undefined) throw new Error(`${resource.typeName} cursor requested but not selected`);
      return this.scope.tenantCursors.seal(cursorText(plan.signature, values));
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

  /** Only the columns the selection needs, and the cursor values only when cursors are selected. */
  private readColumns(table: TableInfo, plan: PagePlan, selection: Selection | undefined): string {
    const columns = table.readSelectList(selection);
    return selection && !selection.cursors ? columns : `${columns}, ${plan.cursorValuesSql('t')} AS "__cursor"`;
  }

  /** A top-level connection: `patients(first, after, filter, orderBy)`. */
  async page<E>(resource: Resource, args: PageArgs, selection?: Selection): Promise<Page<E>> {
    this.scope.authorize(resource, 'read');
    const table = this.scope.table(resource);
    const params = new SqlParams();
    const scope = this.scope.scopeConditions(resource, params);
    const plan = this.scope.plan(resource, args, params);
    const where = [...scope, ...plan.conditions].join(' AND ');
    const rows = await this.scope.read<Row>(
      `SELECT ${this.readColumns(table, plan, selection)} FROM ${table.table} t WHERE ${where} ORDER BY ${plan.orderSql} LIMIT ${params.add(plan.fetch, 'int')}`,
      params.values,
    );
    const countTotal = async () => {
      const countParams = new SqlParams();
      const countPlan = this.scope.plan(resource, { filter: args.filter }, countParams);
      const countWhere = [...this.scope.scopeConditions(resource, countParams), ...countPlan.conditions].join(' AND ');
      const [{ count }] = await this.scope.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table.table} t WHERE ${countWhere}`, countParams.values);
      return count;
    };
    return this.toConnection<E>(resource, plan, rows, args, countTotal);
  }

  /** One object by database id, batched with every other lookup of this type in the request. Null when absent or deleted. */
  async byId<E>(resource: Resource, id: string, selection?: Selection): Promise<E | null> {
    this.scope.authorize(resource, 'read');
    const table = this.scope.table(resource);
    const row = await this.scope.loader<Row | null>(`byId:${resource.typeName}:${selection?.key ?? '*'}`, async (ids) => {
      const params = new SqlParams();
      const where = [...this.scope.scopeConditions(resource, params), `t.id = ANY(${params.add(ids, 'uuid[]')})`].join(' AND ');
      const rows = await this.scope.read<Row>(`SELECT ${table.readSelectList(selection)} FROM ${table.table} t WHERE ${where}`, params.values);
      const byId = new Map(rows.map((r) => [r.id as string, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }).load(id);
    if (!row) return null;
    this.scope.notePatientData(resource, [row]);
    return table.hydrate<E>(row, this.scope.tenantId);
  }

  /**
   * A nested connection limited per parent, e.g. `Patient.appointments(first: 5)`: one
   * statement for all parents of the request (a LATERAL join), whatever their number.
   */
  children<E>(resource: Resource, foreignKey: string, parentId: string, args: PageArgs, selection?: Selection): Promise<Page<E>> {
    this.scope.authorize(resource, 'read');
    const table = this.scope.table(resource);
    const fkColumn = quoteIdent(table.columns.get(foreignKey)!.column);
    const key = `children:${resource.typeName}:${foreignKey}:${JSON.stringify(args)}:${selection?.key ?? '*'}`;
    return this.scope.loader<Page<E>>(key, async (parentIds) => {
      const params = new SqlParams();
      const parents = params.add(parentIds, 'uuid[]');
      const plan = this.scope.plan(resource, args, params);
      const where = [...this.scope.scopeConditions(resource, params), `t.${fkColumn} = p.parent_id`, ...plan.conditions].join(' AND ');
      const rows = await this.scope.read<Row>(
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
    const table = this.scope.table(resource);
    const fkColumn = quoteIdent(table.columns.get(foreignKey)!.column);
    const key = `count:${resource.typeName}:${foreignKey}:${JSON.stringify(args.filter ?? null)}`;
    return this.scope.loader<number>(key, async (parentIds) => {
      const params = new SqlParams();
      const parents = params.add(parentIds, 'uuid[]');
      const plan = this.scope.plan(resource, { filter: args.filter }, params);
      const where = [...this.scope.scopeConditions(resource, params), `t.${fkColumn} = ANY(${parents})`, ...plan.conditions].join(' AND ');
      const rows = await this.scope.db.query<{ parent: string; count: number }>(
        `SELECT t.${fkColumn} AS parent, count(*)::int AS count FROM ${table.table} t WHERE ${where} GROUP BY 1`,
        params.values,
      );
      const counts = new Map(rows.map((r) => [r.parent, r.count]));
      return parentIds.map((id) => counts.get(id) ?? 0);
    }).load(parentId);
  }
}
