import request from 'supertest';
import { parse, validate, visit, type OperationDefinitionNode } from 'graphql';
import { Role } from '../src/entities/enums';
import { DEMO_TENANTS } from '../src/demo/demo-data';
import { buildCareGraphSchema } from '../src/schema';
import { examplesDocument, examplesFor } from '../src/http/ide/examples';
import { startTestApp, type TestApp } from './support/harness';

// The IDE's example queries (src/http/ide/examples.ts) run, as the IDE sends them, for every
// role in every demo tenant: an example that a change of schema or permissions broke fails here.

const ROLES = Object.values(Role);
const schema = buildCareGraphSchema();
const now = new Date();

describe('the IDE’s example queries, as written', () => {
  it.each(ROLES)('%s has examples, each one named operation that validates against the schema', (role) => {
    const examples = examplesFor(role, now);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      const document = parse(example.document);
      const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
      expect(operations.map((op) => [op.operation, op.name?.value])).toEqual([['query', example.name]]);
      expect(validate(schema, document)).toEqual([]);
    }
  });

  it.each(ROLES)('%s’s examples hold no list literal in an argument, which the explorer plugin cannot show (it logs an error)', (role) => {
    const lists: string[] = [];
    for (const example of examplesFor(role, now)) {
      visit(parse(example.document), {
        VariableDefinition: () => false, // a variable's default may be a list: the explorer does not read those
        ListValue: () => {
          lists.push(example.name);
        },
      });
    }
    expect(lists).toEqual([]);
  });

  it.each(ROLES)('%s’s editor text holds all its operations, with unique names', (role) => {
    const document = parse(examplesDocument(role, now));
    const names = document.definitions.map((d) => (d as OperationDefinitionNode).name?.value);
    expect(names).toEqual(examplesFor(role, now).map((e) => e.name));
    expect(validate(schema, document)).toEqual([]);
  });
});

describe('the IDE’s example queries, run against the server', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  const cases = DEMO_TENANTS.flatMap((tenant) => ROLES.map((role) => [tenant.slug, role] as const));

  it.each(cases)('in %s, every example of %s runs without an error and returns data', async (slug, role) => {
    const token = await app.login(role, slug);
    // As the IDE sends it: the whole editor text and the name of the operation to run.
    const query = examplesDocument(role, now);
    for (const { name } of examplesFor(role, now)) {
      const response = await request(app.server.requestListener)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${token}`)
        .send({ query, operationName: name });
      expect({ name, status: response.status, errors: response.body.errors }).toEqual({ name, status: 200, errors: undefined });
      const data = response.body.data as Record<string, unknown>;
      expect(Object.values(data).every((value) => value !== null)).toBe(true);
    }
  });

  it('shows analysts rows: the appointments of the last year by status and the patients of each site', async () => {
    const token = await app.login(Role.ANALYST, 'acme-care');
    const run = async (operationName: string) =>
      (await request(app.server.requestListener).post('/graphql').set('authorization', `Bearer ${token}`).send({ query: examplesDocument(Role.ANALYST, now), operationName })).body.data;
    const appointments = (await run('AppointmentsByStatus')).appointments;
    expect(appointments.totalCount).toBeGreaterThan(0);
    const nodes = appointments.nodes as Array<{ status: string; startTime: string }>;
    expect(new Set(nodes.map((a) => a.status))).toEqual(new Set(['COMPLETED']));
    // `orderBy: { … }`, a list of one by input coercion, is honoured: latest first.
    const starts = nodes.map((a) => a.startTime);
    expect(starts).toEqual([...starts].sort().reverse());
    const sites = (await run('PatientsPerSite')).sites.nodes as Array<{ patients: { totalCount: number } }>;
    expect(sites.length).toBeGreaterThan(0);
    expect(sites.reduce((sum, site) => sum + site.patients.totalCount, 0)).toBeGreaterThan(0);
  });
});
