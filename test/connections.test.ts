import { PatientsDocument, AppointmentsDocument } from './generated/graphql';
import { ACME, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { compileFilter } from '../src/data/filter-sql';
import { describeTable, SqlParams } from '../src/data/table';
import { patientResource } from '../src/resources';

let app: TestApp;
let token: string;
beforeAll(async () => {
  app = await startTestApp();
  token = await app.login(Role.ADMIN, ACME);
});
afterAll(() => app.stop());

const names = (edges: Array<{ node: { lastName: string; firstName: string; mrn: string | null } }>) => edges.map((e) => e.node.mrn);

describe('connections', () => {
  it('pages forward with keyset cursors through every row exactly once, in order', async () => {
    const all = await app.graphql(PatientsDocument, { first: 500 }, token);
    const expected = names(all.data!.patients!.edges);
    const seen: Array<string | null> = [];
    let after: string | null | undefined = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof app.graphql<any, any>>> = await app.graphql(PatientsDocument, { first: 37, after }, token);
      const connection = page.data!.patients;
      seen.push(...names(connection.edges));
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(all.data!.patients!.totalCount);
  });

  it('pages backward with last/before', async () => {
    const all = names((await app.graphql(PatientsDocument, { first: 500 }, token)).data!.patients!.edges);
    const tail = await app.graphql(PatientsDocument, { last: 5 }, token);
    expect(names(tail.data!.patients!.edges)).toEqual(all.slice(-5));
    expect(tail.data!.patients!.pageInfo.hasPreviousPage).toBe(true);
    const before = await app.graphql(PatientsDocument, { last: 5, before: tail.data!.patients!.pageInfo.startCursor }, token);
    expect(names(before.data!.patients!.edges)).toEqual(all.slice(-10, -5));
  });

  it('orders by several keys in mixed directions, with the id breaking ties', async () => {
    const orderBy = [{ field: 'LAST_NAME', direction: 'DESC' }, { field: 'FIRST_NAME', direction: 'ASC' }] as never;
    const all = (await app.graphql(PatientsDocument, { first: 500, orderBy }, token)).data!.patients!.edges.map((e) => e.node);
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1], all[i]];
      expect(a.lastName > b.lastName || (a.lastName === b.lastName && a.firstName <= b.firstName)).toBe(true);
    }
    const first = await app.graphql(PatientsDocument, { first: 50, orderBy }, token);
    const next = await app.graphql(PatientsDocument, { first: 50, orderBy, after: first.data!.patients!.pageInfo.endCursor }, token);
    expect(next.data!.patients!.edges.map((e) => e.node.mrn)).toEqual(all.slice(50, 100).map((p) => p.mrn));
  });

  it('filters with operators combined by and / or / not', async () => {
    const all = (await app.graphql(PatientsDocument, { first: 500 }, token)).data!.patients!.edges.map((e) => e.node);
    const smiths = await app.graphql(PatientsDocument, { first: 500, filter: { lastName: { eq: 'Smith' } } }, token);
    expect(smiths.data!.patients!.totalCount).toBe(all.filter((p) => p.lastName === 'Smith').length);
    const combined = await app.graphql(
      PatientsDocument,
      { first: 500, filter: { or: [{ lastName: { startsWith: 'sm' } }, { lastName: { contains: 'ILL' } }], not: { firstName: { in: ['Olivia', 'George'] } }, dateOfBirth: { lt: '1960-01-01' } } },
      token,
    );
    const expected = all.filter(
      (p) => (p.lastName.toLowerCase().startsWith('sm') || p.lastName.toLowerCase().includes('ill')) && !['Olivia', 'George'].includes(p.firstName) && p.dateOfBirth! < '1960-01-01',
    );
    expect(combined.data!.patients!.edges.map((e) => e.node.mrn).sort()).toEqual(expected.map((p) => p.mrn).sort());
    expect(expected.length).toBeGreaterThan(0);
    // LIKE wildcards in the text are matched literally.
    expect((await app.graphql(PatientsDocument, { filter: { lastName: { contains: '%' } } }, token)).data!.patients!.totalCount).toBe(0);
  });

  it('filters appointments by enum and time range', async () => {
    const result = await app.graphql(AppointmentsDocument, { first: 500, filter: { status: { in: ['CANCELLED', 'NO_SHOW'] }, startTime: { gte: '2026-01-01T00:00:00Z' } } }, token);
    const nodes = result.data!.appointments!.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((a) => ['CANCELLED', 'NO_SHOW'].includes(a.status) && a.startTime >= '2026-01-01')).toBe(true);
  });

  it('an empty filter matches everything: or [{}] is true, not {} is false, or [] matches nothing', async () => {
    const count = async (filter: object) => (await app.graphql(PatientsDocument, { filter }, token)).data!.patients!.totalCount;
    const all = await count({});
    const smiths = await count({ lastName: { eq: 'Smith' } });
    expect(smiths).toBeGreaterThan(0);
    expect(await count({ or: [{}, { lastName: { eq: 'Smith' } }] })).toBe(all);
    expect(await count({ not: {} })).toBe(0);
    expect(await count({ or: [] })).toBe(0);
    expect(await count({ and: [] })).toBe(all);
    expect(await count({ not: { lastName: { eq: 'Smith' } } })).toBe(all - smiths);
  });

  it('ne and notIn both keep rows where the field is null', async () => {
    const count = async (filter: object) => (await app.graphql(PatientsDocument, { filter }, token)).data!.patients!.totalCount;
    const created = await app.graphql(`mutation { createPatient(input: { firstName: "No", lastName: "Nhs" }) { patient { id } } }`, {}, token);
    expect(created.errors).toBeUndefined();
    const withoutNhs = await count({ nhsNumber: { isNull: true } });
    expect(withoutNhs).toBeGreaterThan(0);
    expect(await count({ nhsNumber: { ne: 'x' } })).toBe(await count({ nhsNumber: { notIn: ['x'] } }));
    expect(await count({ nhsNumber: { notIn: ['x'] } })).toBe(await count({}));
  });

  it('date filters mean calendar days, whatever the server’s time zone', async () => {
    // pg would send a JS Date in the server's local time (a day early west of UTC): dates go as YYYY-MM-DD text.
    const params = new SqlParams();
    const sql = compileFilter(patientResource, describeTable(app.dataSource, patientResource), { dateOfBirth: { eq: new Date('1941-08-12T00:00:00Z'), in: [new Date('1950-01-31T00:00:00Z')] } }, params, 200);
    expect(sql).toBe('t."date_of_birth" = $1::date AND t."date_of_birth" = ANY($2::date[])');
    expect(params.values).toEqual(['1941-08-12', ['1950-01-31']]);
    const [patient] = await app.db.owner(`SELECT date_of_birth::text AS dob FROM patients WHERE date_of_birth IS NOT NULL LIMIT 1`);
    const page = await app.graphql(PatientsDocument, { first: 500, filter: { dateOfBirth: { eq: patient.dob as string } } }, token);
    expect(page.data!.patients!.edges.length).toBeGreaterThan(0);
    expect(page.data!.patients!.edges.every((e) => e.node.dateOfBirth === patient.dob)).toBe(true);
  });

  it('a cursor stays exact when its row is edited or deleted before the next page', async () => {
    const all = (await app.graphql(PatientsDocument, { first: 500 }, token)).data!.patients!.edges.map((e) => e.node);
    const first = await app.graphql(PatientsDocument, { first: 5 }, token);
    const fifth = first.data!.patients!.edges[4].node;
    await app.graphql(`mutation($input: UpdatePatientInput!) { updatePatient(input: $input) { patient { id } } }`, { input: { id: fifth.id, expectedVersion: fifth.version, lastName: 'Zzzz' } }, token);
    const next = await app.graphql(PatientsDocument, { first: 5, after: first.data!.patients!.pageInfo.endCursor }, token);
    expect(next.data!.patients!.edges.map((e) => e.node.mrn)).toEqual(all.slice(5, 10).map((p) => p.mrn));
  });

  it('a cursor of another connection is refused, not silently empty', async () => {
    const orderBy = [{ field: 'CREATED_AT', direction: 'ASC' }] as never;
    const page = await app.graphql(PatientsDocument, { first: 1, orderBy }, token);
    const misuse = await app.graphql(`query($after: String) { appointments(first: 1, after: $after, orderBy: [{ field: CREATED_AT }]) { totalCount } }`, { after: page.data!.patients!.pageInfo.endCursor }, token);
    expect(misuse.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after', rule: 'cursor' }] });
  });

  it('cursors are sealed: they do not reveal the sort values', async () => {
    const page = await app.graphql(PatientsDocument, { first: 1 }, token);
    const { cursor, node } = page.data!.patients!.edges[0];
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toContain(node.lastName);
  });
});
