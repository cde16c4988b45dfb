import { PatientsDocument, AppointmentsDocument } from './generated/graphql';
import { ACME, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';

let app: TestApp;
let token: string;
beforeAll(async () => {
  app = await startTestApp();
  token = await app.login(Role.ADMIN, ACME);
});
afterAll(() => app.stop());

const names = (edges: Array<{ node: { lastName: string; firstName: string; mrn: string } }>) => edges.map((e) => e.node.mrn);

describe('connections', () => {
  it('pages forward with keyset cursors through every row exactly once, in order', async () => {
    const all = await app.graphql(PatientsDocument, { first: 500 }, token);
    const expected = names(all.data!.patients.edges);
    const seen: string[] = [];
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
    expect(new Set(seen).size).toBe(all.data!.patients.totalCount);
  });

  it('pages backward with last/before', async () => {
    const all = names((await app.graphql(PatientsDocument, { first: 500 }, token)).data!.patients.edges);
    const tail = await app.graphql(PatientsDocument, { last: 5 }, token);
    expect(names(tail.data!.patients.edges)).toEqual(all.slice(-5));
    expect(tail.data!.patients.pageInfo.hasPreviousPage).toBe(true);
    const before = await app.graphql(PatientsDocument, { last: 5, before: tail.data!.patients.pageInfo.startCursor }, token);
    expect(names(before.data!.patients.edges)).toEqual(all.slice(-10, -5));
  });

  it('orders by several keys in mixed directions, with the id breaking ties', async () => {
    const orderBy = [{ field: 'LAST_NAME', direction: 'DESC' }, { field: 'FIRST_NAME', direction: 'ASC' }] as never;
    const all = (await app.graphql(PatientsDocument, { first: 500, orderBy }, token)).data!.patients.edges.map((e) => e.node);
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1], all[i]];
      expect(a.lastName > b.lastName || (a.lastName === b.lastName && a.firstName <= b.firstName)).toBe(true);
    }
    const first = await app.graphql(PatientsDocument, { first: 50, orderBy }, token);
    const next = await app.graphql(PatientsDocument, { first: 50, orderBy, after: first.data!.patients.pageInfo.endCursor }, token);
    expect(next.data!.patients.edges.map((e) => e.node.mrn)).toEqual(all.slice(50, 100).map((p) => p.mrn));
  });

  it('filters with operators combined by and / or / not', async () => {
    const all = (await app.graphql(PatientsDocument, { first: 500 }, token)).data!.patients.edges.map((e) => e.node);
    const smiths = await app.graphql(PatientsDocument, { first: 500, filter: { lastName: { eq: 'Smith' } } }, token);
    expect(smiths.data!.patients.totalCount).toBe(all.filter((p) => p.lastName === 'Smith').length);
    const combined = await app.graphql(
      PatientsDocument,
      { first: 500, filter: { or: [{ lastName: { startsWith: 'sm' } }, { lastName: { contains: 'ILL' } }], not: { firstName: { in: ['Olivia', 'George'] } }, dateOfBirth: { lt: '1960-01-01' } } },
      token,
    );
    const expected = all.filter(
      (p) => (p.lastName.toLowerCase().startsWith('sm') || p.lastName.toLowerCase().includes('ill')) && !['Olivia', 'George'].includes(p.firstName) && p.dateOfBirth! < '1960-01-01',
    );
    expect(combined.data!.patients.edges.map((e) => e.node.mrn).sort()).toEqual(expected.map((p) => p.mrn).sort());
    expect(expected.length).toBeGreaterThan(0);
    // LIKE wildcards in the text are matched literally.
    expect((await app.graphql(PatientsDocument, { filter: { lastName: { contains: '%' } } }, token)).data!.patients.totalCount).toBe(0);
  });

  it('filters appointments by enum and time range', async () => {
    const result = await app.graphql(AppointmentsDocument, { first: 500, filter: { status: { in: ['CANCELLED', 'NO_SHOW'] }, startTime: { gte: '2026-01-01T00:00:00Z' } } }, token);
    const nodes = result.data!.appointments.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((a) => ['CANCELLED', 'NO_SHOW'].includes(a.status) && a.startTime >= '2026-01-01')).toBe(true);
  });
});
