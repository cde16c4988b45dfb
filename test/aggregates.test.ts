import { Client } from 'pg';
import { ACME, NORTHWIND, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { toGlobalId } from '../src/data/global-id';
import { suppressSmallCells, type Group } from '../src/data/aggregates';

/**
 * Aggregates against plain SQL over the same rows: totals and groups (random filters included),
 * date buckets in the tenant's timezone, nested aggregates batched per parent, the tenant,
 * permission, row-scope and masking rules, small-cell suppression, and the analysts' time limit.
 */

type Data = Record<string, any>;
let app: TestApp;
let acmeId: string;
let northwindId: string;
const tokens = new Map<string, string>();
const token = async (role: Role, tenant = ACME) => {
  const key = `${role}:${tenant}`;
  if (!tokens.has(key)) tokens.set(key, await app.login(role, tenant));
  return tokens.get(key)!;
};
const gql = async (query: string, variables: Data = {}, role = Role.ADMIN, tenant = ACME) => {
  const response = await app.graphql<Data, Data>(query, variables, await token(role, tenant));
  return { ...response, statements: app.statements.get(response.requestId)! };
};
const sql = (text: string, params: unknown[] = []) => app.db.owner(text, params);

beforeAll(async () => {
  app = await startTestApp();
  acmeId = (await sql(`SELECT id FROM tenants WHERE slug = $1`, [ACME]))[0].id as string;
  northwindId = (await sql(`SELECT id FROM tenants WHERE slug = $1`, [NORTHWIND]))[0].id as string;
});
afterAll(() => app.stop());

const STATUSES = ['SCHEDULED', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW'];

/** Appointment rows of a tenant, as the owner reads them (RLS does not apply to it). */
async function appointments(tenantId: string): Promise<Data[]> {
  return sql(`SELECT id, status, site_id, patient_id, care_professional_id, start_time FROM appointments WHERE tenant_id = $1 AND deleted_at IS NULL`, [tenantId]);
}

/** The month a time falls in, in a timezone, computed in JavaScript (not by the SQL under test). */
const monthIn = (time: Date, zone: string) => {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit' }).formatToParts(time);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}-01`;
};

const countBy = (rows: Data[], key: (row: Data) => string) => {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
};

const GROUPS = `query($filter: AppointmentFilter, $groupBy: [AppointmentGroupBy!]!, $first: Int) {
  appointmentsAggregate(filter: $filter) {
    count
    patients: countDistinct(key: PATIENT)
    min { startTime } max { startTime }
    groups(groupBy: $groupBy, first: $first) { totalCount nodes { keys { status startTime site { id } } count suppressed } }
  }
}`;

describe('aggregates', () => {
  it('count, count distinct, least and greatest, and groups per status, site and month equal plain SQL over the same rows', async () => {
    const rows = await appointments(acmeId);
    const [{ timezone }] = await sql(`SELECT timezone FROM tenants WHERE id = $1`, [acmeId]);
    const result = await gql(GROUPS, { groupBy: [{ key: 'STATUS' }, { key: 'SITE' }, { key: 'START_TIME', bucket: 'MONTH' }], first: 500 });
    expect(result.errors).toBeUndefined();
    const aggregate = result.data!.appointmentsAggregate;
    expect(aggregate.count).toBe(rows.length);
    expect(aggregate.patients).toBe(new Set(rows.map((r) => r.patient_id).filter(Boolean)).size);
    const times = rows.map((r) => (r.start_time as Date).getTime()).sort((a, b) => a - b);
    expect(new Date(aggregate.min.startTime).getTime()).toBe(times[0]);
    expect(new Date(aggregate.max.startTime).getTime()).toBe(times.at(-1));
    const expected = countBy(rows, (r) => `${r.status}|${r.site_id ? toGlobalId('Site', r.site_id) : null}|${monthIn(r.start_time, timezone as string)}`);
    const got = new Map<string, number>(aggregate.groups.nodes.map((g: Data) => [`${g.keys.status}|${g.keys.site?.id ?? null}|${g.keys.startTime}`, g.count]));
    expect(got).toEqual(expected);
    expect(aggregate.groups.totalCount).toBe(expected.size);
    expect(aggregate.groups.nodes.every((g: Data) => g.suppressed === false)).toBe(true);
    // Totals and one grouping: one statement each, and one more for the groups' sites (batched).
    const totalsOnly = await gql(`{ appointmentsAggregate { count } }`);
    expect(result.statements).toBe(totalsOnly.statements + 2);
  });

  it('agrees with SQL under random filters, and counts exactly what the connection lists', async () => {
    const rows = await appointments(acmeId);
    const professionals = [...new Set(rows.map((r) => r.care_professional_id as string))];
    let seed = 42;
    const next = (n: number) => (seed = (seed * 16807) % 2147483647) % n;
    for (let i = 0; i < 12; i++) {
      const statuses = STATUSES.filter(() => next(2) === 0);
      const professional = professionals[next(professionals.length)];
      const from = new Date(Date.now() - next(60) * 86_400_000);
      const filter: Data = { startTime: { gte: from.toISOString() } };
      if (statuses.length) filter.status = { in: statuses };
      if (next(2)) filter.careProfessional = { eq: toGlobalId('CareProfessional', professional) };
      const matching = rows.filter((r) => r.start_time >= from && (!statuses.length || statuses.includes(r.status)) && (!filter.careProfessional || r.care_professional_id === professional));
      const result = await gql(`query($filter: AppointmentFilter) { appointmentsAggregate(filter: $filter) { count groups(groupBy: [{ key: STATUS }], first: 500) { nodes { keys { status } count } } } appointments(filter: $filter) { totalCount } }`, { filter });
      expect([i, result.errors]).toEqual([i, undefined]);
      expect([i, result.data!.appointmentsAggregate.count]).toEqual([i, matching.length]);
      expect([i, result.data!.appointments.totalCount]).toEqual([i, matching.length]);
      const byStatus = new Map<string, number>(result.data!.appointmentsAggregate.groups.nodes.map((g: Data) => [g.keys.status, g.count]));
      expect([i, byStatus]).toEqual([i, countBy(matching, (r) => r.status)]);
    }
  });

  it('sums, averages and extremes of decimals exactly, and filters groups with having, ordered by a measure', async () => {
    const invoices = await sql(`SELECT status, total::text AS total FROM invoices WHERE tenant_id = $1 AND deleted_at IS NULL`, [acmeId]);
    const result = await gql(`{ invoicesAggregate { count sum { total } max { total } groups(groupBy: [{ key: STATUS }], orderBy: [{ field: SUM_TOTAL, direction: DESC }], having: { count: { gte: 2 } }) { nodes { keys { status } count sum { total } } } } }`);
    expect(result.errors).toBeUndefined();
    const cents = (text: string) => BigInt(text.replace('.', ''));
    const total = invoices.reduce((sum, i) => sum + cents(i.total as string), 0n);
    const aggregate = result.data!.invoicesAggregate;
    expect(aggregate.count).toBe(invoices.length);
    expect(cents(aggregate.sum.total)).toBe(total);
    const byStatus = countBy(invoices, (i) => i.status as string);
    const kept = aggregate.groups.nodes as Data[];
    expect(new Set(kept.map((g) => g.keys.status))).toEqual(new Set([...byStatus].filter(([, n]) => n >= 2).map(([s]) => s)));
    const sums = kept.map((g) => Number(g.sum.total));
    expect(sums).toEqual([...sums].sort((a, b) => b - a));
  });

  it('pages groups with keyset cursors, forward and backward, and refuses a cursor of another grouping', async () => {
    const query = `query($first: Int, $after: String, $last: Int, $before: String, $key: AppointmentAggregateKey!) { appointmentsAggregate { groups(groupBy: [{ key: $key }, { key: START_TIME, bucket: WEEK }], first: $first, after: $after, last: $last, before: $before) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor } edges { cursor node { keys { status startTime } count } } } } }`;
    const all = (await gql(query, { first: 500, key: 'STATUS' })).data!.appointmentsAggregate.groups;
    const seen: Data[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Data = (await gql(query, { first: 7, after, key: 'STATUS' })).data!.appointmentsAggregate.groups;
      seen.push(...page.edges.map((e: Data) => e.node));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges.map((e: Data) => e.node));
    expect(seen.length).toBe(all.totalCount);
    const tail = (await gql(query, { last: 3, before: all.edges.at(-1).cursor, key: 'STATUS' })).data!.appointmentsAggregate.groups;
    expect(tail.edges.map((e: Data) => e.node)).toEqual(all.edges.slice(-4, -1).map((e: Data) => e.node));
    const other = await gql(query, { first: 3, after: all.edges[0].cursor, key: 'SITE' });
    expect(other.errors?.[0].extensions?.fields).toEqual([{ field: 'after', rule: 'cursor', message: expect.any(String) }]);
  });

  it('nests per parent in one statement for every parent, equal to each parent’s own count', async () => {
    const query = (first: number) => `{ patients(first: ${first}) { nodes { id appointments(first: 1) { totalCount } appointmentsAggregate { count groups(groupBy: [{ key: STATUS }]) { nodes { keys { status } count } } } } } }`;
    const small = await gql(query(5));
    const large = await gql(query(60));
    expect(large.errors).toBeUndefined();
    expect(large.statements).toBe(small.statements);
    for (const patient of large.data!.patients.nodes as Data[]) {
      expect(patient.appointmentsAggregate.count).toBe(patient.appointments.totalCount);
      const summed = (patient.appointmentsAggregate.groups.nodes as Data[]).reduce((n, g) => n + g.count, 0);
      expect(summed).toBe(patient.appointments.totalCount);
    }
  });

  it('aggregates only the caller’s tenant, rows and fields: isolation, role checks, row scopes and masks', async () => {
    const northwind = await gql(`{ appointmentsAggregate { count } }`, {}, Role.ADMIN, NORTHWIND);
    expect(northwind.data!.appointmentsAggregate.count).toBe((await appointments(northwindId)).length);
    // Another tenant's ids match nothing.
    const foreign = (await appointments(northwindId))[0].id as string;
    const probe = await gql(`query($f: AppointmentFilter) { appointmentsAggregate(filter: $f) { count } }`, { f: { id: { eq: toGlobalId('Appointment', foreign) } } });
    expect(probe.data!.appointmentsAggregate.count).toBe(0);
    // An SDR counts only the appointments its row scope shows (those with leads).
    const sdr = await gql(`{ appointmentsAggregate { count } appointments { totalCount } }`, {}, Role.SDR);
    const withLeads = (await sql(`SELECT count(*)::int AS n FROM appointments WHERE tenant_id = $1 AND deleted_at IS NULL AND lead_id IS NOT NULL`, [acmeId]))[0].n;
    expect(sdr.data!.appointmentsAggregate.count).toBe(withLeads);
    expect(sdr.data!.appointments.totalCount).toBe(withLeads);
    // A role that may not read a resource may not aggregate it.
    const refused = await gql(`{ clinicalNotesAggregate { count } }`, {}, Role.ANALYST);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // An analyst may not group, count distinct or take extremes of what it reads masked.
    for (const [query, field] of [
      [`{ patientsAggregate { groups(groupBy: [{ key: DATE_OF_BIRTH, bucket: YEAR }]) { totalCount } } }`, 'groupBy[0].key'],
      [`{ patientsAggregate { countDistinct(key: DATE_OF_BIRTH) } }`, 'countDistinct.key'],
      [`{ patientsAggregate { min { dateOfBirth } } }`, 'min.dateOfBirth'],
      [`{ patientsAggregate(filter: { lastName: { startsWith: "A" } }) { count } }`, 'filter.lastName'],
    ] as const) {
      const result = await gql(query, {}, Role.ANALYST);
      expect([query, result.errors?.map((e: Data) => e.extensions?.fields)]).toEqual([query, [[{ field, rule: 'masked', message: expect.any(String) }]]]);
    }
    // …which a clinician may.
    const clinician = await gql(`{ patientsAggregate { min { dateOfBirth } groups(groupBy: [{ key: DATE_OF_BIRTH, bucket: YEAR }]) { totalCount } } }`, {}, Role.CLINICIAN);
    expect(clinician.errors).toBeUndefined();
  });

  it('suppresses small cells for analysts, with complementary cells, and never for care roles', async () => {
    const query = `query($groupBy: [AppointmentGroupBy!]!) { appointmentsAggregate { count groups(groupBy: $groupBy, first: 500) { nodes { keys { status startTime careProfessional { id } } count countDistinct(key: PATIENT) suppressed } } } }`;
    for (const groupBy of [[{ key: 'STATUS' }], [{ key: 'CARE_PROFESSIONAL' }, { key: 'STATUS' }], [{ key: 'START_TIME', bucket: 'WEEK' }, { key: 'STATUS' }]]) {
      const analyst = (await gql(query, { groupBy }, Role.ANALYST)).data!.appointmentsAggregate.groups.nodes as Data[];
      const admin = (await gql(query, { groupBy }, Role.ADMIN)).data!.appointmentsAggregate.groups.nodes as Data[];
      expect(admin.every((g) => !g.suppressed)).toBe(true);
      expect(analyst.map((g) => JSON.stringify(g.keys)).sort()).toEqual(admin.map((g) => JSON.stringify(g.keys)).sort());
      const byKeys = new Map(admin.map((g) => [JSON.stringify(g.keys), g]));
      for (const group of analyst) {
        const truth = byKeys.get(JSON.stringify(group.keys))!;
        if (group.suppressed) expect([group.count, group.countDistinct]).toEqual([null, null]);
        else {
          expect(group.count).toBe(truth.count);
          // Shown: at least 5 distinct patients, or none at all (rows about no patient).
          expect(truth.countDistinct === 0 || truth.countDistinct >= 5).toBe(true);
        }
        if (truth.countDistinct > 0 && truth.countDistinct < 5) expect(group.suppressed).toBe(true);
      }
      // No line of the table holds exactly one suppressed cell.
      for (let dimension = 0; dimension < groupBy.length; dimension++) {
        const fields = groupBy.map((g) => ({ STATUS: 'status', CARE_PROFESSIONAL: 'careProfessional', START_TIME: 'startTime' })[g.key as 'STATUS']);
        const lineOf = (g: Data) => JSON.stringify(fields.filter((_f, i) => i !== dimension).map((f) => g.keys[f]));
        const cells = countBy(analyst, lineOf);
        // A line of one cell has the cell's own rows and patients as its total: suppressed wherever it is counted.
        for (const [line, hidden] of countBy(analyst.filter((g) => g.suppressed), lineOf)) if (cells.get(line)! > 1) expect([line, hidden]).not.toEqual([line, 1]);
      }
    }
    // Per patient, an analyst's counts are always suppressed (one patient each); a clinician's are not.
    const perPatient = `{ patients(first: 5) { nodes { appointmentsAggregate { count suppressed } } } }`;
    const analyst = await gql(perPatient, {}, Role.ANALYST);
    expect(analyst.data!.patients.nodes.every((p: Data) => p.appointmentsAggregate.count === null || p.appointmentsAggregate.count === 0)).toBe(true);
    const clinician = await gql(perPatient, {}, Role.CLINICIAN);
    expect(clinician.data!.patients.nodes.every((p: Data) => p.appointmentsAggregate.suppressed === false)).toBe(true);
  });

  it('complementary suppression leaves no line with a single hidden cell (the algorithm on its own)', () => {
    const cell = (a: string, b: string, patients: number): Group & { patients: number } => ({ keys: { a, b }, position: [a, b], patients, suppressed: false, count: patients, distinct: {}, sum: {}, avg: {}, min: {}, max: {} });
    const cells = [cell('x', '1', 2), cell('x', '2', 9), cell('x', '3', 7), cell('y', '1', 8), cell('y', '2', 6), cell('y', '3', 12)];
    suppressSmallCells(cells, 2, 5);
    const hidden = cells.filter((c) => c.suppressed).map((c) => c.position.join(''));
    // x1 is small; its row x and its column 1 each need a second hidden cell, and so do the lines those open.
    expect(hidden).toEqual(expect.arrayContaining(['x1', 'y1', 'x2', 'y2']));
    for (const dimension of [0, 1]) {
      const lines = countBy(cells.filter((c) => c.suppressed), (c) => String(c.position[1 - dimension]));
      expect([...lines.values()].every((n) => n !== 1)).toBe(true);
    }
    expect(cells.filter((c) => c.suppressed).every((c) => c.count === null)).toBe(true);
  });

  it('refuses bad groupings by name and rule, and counts aggregates in the query cost', async () => {
    const cases: Array<[Data[], string, string]> = [
      [[], 'groupBy', 'range'],
      [[{ key: 'STATUS', bucket: 'MONTH' }], 'groupBy[0].bucket', 'bucket'],
      [[{ key: 'STATUS' }, { key: 'STATUS' }], 'groupBy[1].key', 'unique'],
      [[{ key: 'STATUS' }, { key: 'SITE' }, { key: 'PATIENT' }, { key: 'CARE_PROFESSIONAL' }, { key: 'END_TIME' }], 'groupBy', 'range'],
    ];
    for (const [groupBy, field, rule] of cases) {
      const result = await gql(`query($g: [AppointmentGroupBy!]!) { appointmentsAggregate { groups(groupBy: $g) { totalCount } } }`, { g: groupBy });
      expect([groupBy, (result.errors?.[0].extensions?.fields as Data[] | undefined)?.map((f: Data) => [f.field, f.rule])]).toEqual([groupBy, [[field, rule]]]);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const costly = await gql(`{ patients(first: 500) { nodes { appointmentsAggregate { groups(groupBy: [{ key: STATUS }], first: 500) { nodes { count careProfessional: keys { careProfessional { appointments(first: 500) { totalCount } } } } } } } } }`);
    expect(costly.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
    // A count per patient of a full page is an everyday shape: within the limit.
    expect((await gql(`{ patients(first: 500) { nodes { appointmentsAggregate { count } } } }`)).errors).toBeUndefined();
    const aliases = Array.from({ length: 600 }, (_, i) => `a${i}: appointmentsAggregate { count }`).join(' ');
    expect((await gql(`{ ${aliases} }`)).errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
  });

  it('stops an analyst’s statement at ANALYST_STATEMENT_TIMEOUT_MS with LIMIT_EXCEEDED, the connection free again', async () => {
    // Every other statement may wait ten minutes: only the analysts' limit can end the wait within the test's time.
    const limited = await startTestApp({ db: app.db, statementTimeoutMs: 600_000, config: { analystStatementTimeoutMs: 300 } });
    const analyst = await limited.login(Role.ANALYST, ACME);
    const admin = await limited.login(Role.ADMIN, ACME);
    const blocker = new Client({ connectionString: app.db.ownerUrl });
    await blocker.connect();
    try {
      // A lock the aggregate must wait for: the wait counts against its statement time.
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE appointments IN ACCESS EXCLUSIVE MODE');
      const result = await limited.graphql<Data, Data>(`{ appointmentsAggregate { count } }`, {}, analyst);
      expect(result.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
      expect(result.errors?.[0].message).toMatch(/statement time limit/);
      await blocker.query('ROLLBACK');
      // The same server answers both again; others never had the analysts' limit.
      expect((await limited.graphql<Data, Data>(`{ appointmentsAggregate { count } }`, {}, analyst)).data!.appointmentsAggregate.count).toBeGreaterThan(0);
      expect((await limited.graphql<Data, Data>(`{ appointmentsAggregate { count } }`, {}, admin)).errors).toBeUndefined();
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
      await limited.stop();
    }
  });

  it('from the attacker review: no list keys, no counts per object the role may not read, and at most AGGREGATE_MAX_STATEMENTS aggregates a request', async () => {
    // A list column (a role's permissions) is no key: it used to answer a 500.
    const listKey = await gql(`{ customRolesAggregate { groups(groupBy: [{ key: PERMISSIONS }]) { totalCount } } }`);
    expect(listKey.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // An analyst may not count tasks per lead: leads are not its to read.
    const perLead = await gql(`{ tasksAggregate { groups(groupBy: [{ key: LEAD }]) { totalCount } } }`, {}, Role.ANALYST);
    expect(perLead.errors?.map((e: Data) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((await gql(`{ tasksAggregate { groups(groupBy: [{ key: LEAD }]) { totalCount } } }`, {}, Role.SDR)).errors).toBeUndefined();
    // Twenty aggregate statements a request; the next is refused at its own path, the others answered. (The same aggregate twice is one statement.)
    const aliases = Array.from({ length: 21 }, (_, i) => `a${i}: appointmentsAggregate(filter: { startTime: { gte: "2026-01-${String(i + 1).padStart(2, '0')}T00:00:00Z" } }) { count }`).join(' ');
    const same = await gql(`{ ${Array.from({ length: 21 }, (_, i) => `a${i}: appointmentsAggregate { count }`).join(' ')} }`);
    expect(same.errors).toBeUndefined();
    const many = await gql(`{ ${aliases} }`);
    expect(many.errors?.map((e: Data) => e.extensions?.code)).toEqual(['LIMIT_EXCEEDED']);
    expect(Object.values(many.data!).filter((v) => v !== null)).toHaveLength(20);
  });

  it('refuses an unknown key or measure before any SQL, naming it', async () => {
    const result = await gql(`{ appointmentsAggregate { groups(groupBy: [{ key: STATUS }], orderBy: [{ field: SUM_TOTAL }]) { totalCount } } }`);
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
