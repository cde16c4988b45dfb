import { once } from 'node:events';
import { createServer as createHttpServer, request as httpRequest, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import pino from 'pino';
import { createErrorFormatter } from '../src/errors/format-error';
import { PatientGraphDocument, CreatePatientDocument, CreateAppointmentDocument, NodeDocument, PatientsDocument, UpdatePatientDocument, CareProfessionalsDocument } from './generated/graphql';
import { ACME, onlyError, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { toGlobalId } from '../src/data/global-id';

let app: TestApp;
let token: string;
let patientId: string;
let professionalId: string;
beforeAll(async () => {
  app = await startTestApp();
  token = await app.login(Role.ADMIN, ACME);
  patientId = (await app.graphql(PatientsDocument, { first: 1 }, token)).data!.patients!.edges[0].node.id;
  professionalId = (await app.graphql(CareProfessionalsDocument, { first: 1 }, token)).data!.careProfessionals!.nodes[0].id;
});
afterAll(() => app.stop());

/** The `fields` of a BAD_USER_INPUT error: each names the field and the rule. */
function fieldProblems(response: Awaited<ReturnType<TestApp['graphql']>>) {
  const error = onlyError(response);
  expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  return (error.extensions?.fields as Array<{ field: string; rule: string; message: string }>).map((f) => `${f.field}:${f.rule}`);
}

const appointment = (overrides: Record<string, unknown> = {}) => ({
  patientId,
  careProfessionalId: professionalId,
  title: 'Check-up',
  startTime: '2030-03-01T10:00:00Z',
  endTime: '2030-03-01T10:30:00Z',
  ...overrides,
});

describe('bad input gets a clear error naming the field and the rule', () => {
  it('an invalid NHS number', async () => {
    const response = await app.graphql(CreatePatientDocument, { input: { firstName: 'A', lastName: 'B', nhsNumber: '9434765918' } }, token);
    expect(fieldProblems(response)).toEqual(['input.nhsNumber:nhsNumber']);
    expect(onlyError(response).message).toMatch(/input\.nhsNumber: must be a 10-digit NHS number/);
  });

  it('several problems at once, each listed', async () => {
    const response = await app.graphql(CreatePatientDocument, { input: { firstName: 'x'.repeat(101), lastName: '', email: 'not-an-email', phone: 'call me' } }, token);
    // The rules come from the declaration: the column's length, not blank where NULL is refused, and the declared formats.
    expect(fieldProblems(response).sort()).toEqual(['input.email:isEmail', 'input.firstName:maxLength', 'input.lastName:matches', 'input.phone:matches']);
  });

  it('blank names are refused up front; addresses the database accepts are not refused by the API', async () => {
    expect(fieldProblems(await app.graphql(CreatePatientDocument, { input: { firstName: '   ', lastName: 'B' } }, token))).toEqual(['input.firstName:matches']);
    for (const email of ["o'brien@example.com", 'zoë@example.com']) {
      const response = await app.graphql(CreatePatientDocument, { input: { firstName: 'Mail', lastName: 'Check', email } }, token);
      expect([email, response.errors]).toEqual([email, undefined]);
    }
  });

  it('an appointment ending before it starts, on create and on update', async () => {
    const response = await app.graphql(CreateAppointmentDocument, { input: appointment({ endTime: '2030-03-01T09:00:00Z' }) }, token);
    expect(fieldProblems(response)).toEqual(['input.endTime:endAfterStart']);
  });

  it('an appointment created already completed, or moved along a forbidden transition', async () => {
    expect(fieldProblems(await app.graphql(CreateAppointmentDocument, { input: appointment({ status: 'COMPLETED' }) }, token))).toEqual(['input.status:initialStatus']);
    const created = await app.graphql(CreateAppointmentDocument, { input: appointment() }, token);
    const { id, version } = created.data!.createAppointment.appointment;
    const move = (status: string, expectedVersion: number) =>
      app.graphql(`mutation($input: UpdateAppointmentInput!) { updateAppointment(input: $input) { appointment { status version } } }`, { input: { id, expectedVersion, status } }, token);
    expect(fieldProblems(await move('COMPLETED', version))).toEqual(['input.status:transition']);
    const cancelled = await move('CANCELLED', version);
    expect(cancelled.errors).toBeUndefined();
    expect(fieldProblems(await move('SCHEDULED', version + 1))).toEqual(['input.status:transition']);
  });

  it('malformed ids and ids of the wrong type', async () => {
    expect(fieldProblems(await app.graphql(NodeDocument, { id: 'not-an-id' }, token))).toEqual(['id:globalId']);
    expect(fieldProblems(await app.graphql(UpdatePatientDocument, { input: { id: professionalId, expectedVersion: 1, firstName: 'X' } }, token))).toEqual(['input.id:globalId']);
    expect(fieldProblems(await app.graphql(CreateAppointmentDocument, { input: appointment({ patientId: 'bogus' }) }, token))).toEqual(['input.patientId:globalId']);
    const missing = toGlobalId('Patient', '00000000-0000-4000-8000-000000000000');
    expect(fieldProblems(await app.graphql(CreateAppointmentDocument, { input: appointment({ patientId: missing }) }, token))).toEqual(['input.patientId:exists']);
    expect(fieldProblems(await app.graphql(PatientsDocument, { filter: { site: { eq: patientId } } }, token))).toEqual(['filter.site.eq:globalId']);
  });

  it('page sizes and cursors out of range', async () => {
    expect(fieldProblems(await app.graphql(PatientsDocument, { first: 501 }, token))).toEqual(['first:range']);
    expect(fieldProblems(await app.graphql(PatientsDocument, { first: -1 }, token))).toEqual(['first:range']);
    expect(fieldProblems(await app.graphql(PatientsDocument, { first: 2, last: 2 }, token))).toEqual(['last:exclusive']);
    expect(fieldProblems(await app.graphql(PatientsDocument, { after: 'garbage' }, token))).toEqual(['after:cursor']);
    // A cursor made for another order does not silently skip rows.
    const byName = await app.graphql(PatientsDocument, { first: 1 }, token);
    expect(fieldProblems(await app.graphql(PatientsDocument, { after: byName.data!.patients!.pageInfo.endCursor, orderBy: [{ field: 'MRN', direction: 'ASC' }] }, token))).toEqual(['after:cursor']);
  });

  it('wrong types and unknown enum values are refused by GraphQL itself, naming the argument, with a 400', async () => {
    const wrongType = await app.graphql(`{ patients(first: "ten") { totalCount } }`, {}, token);
    expect(wrongType.status).toBe(400);
    expect(onlyError(wrongType).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(onlyError(wrongType).message).toMatch(/Int cannot represent non-integer value: "ten"/);
    const unknownEnum = await app.graphql(CreatePatientDocument, { input: { firstName: 'A', lastName: 'B', gender: 'ROBOT' as never } }, token);
    expect(unknownEnum.status).toBe(400);
    expect(onlyError(unknownEnum).extensions?.code).toBe('BAD_USER_INPUT');
    expect(onlyError(unknownEnum).message).toMatch(/\$input.*gender.*"ROBOT"/);
    const badDate = await app.graphql(CreatePatientDocument, { input: { firstName: 'A', lastName: 'B', dateOfBirth: '1990-02-31' } }, token);
    expect(onlyError(badDate).message).toMatch(/dateOfBirth/);
  });

  it('oversized filters and unknown nesting depth', async () => {
    const many = Array.from({ length: 501 }, () => 'x');
    expect(fieldProblems(await app.graphql(PatientsDocument, { filter: { lastName: { in: many } } }, token))).toEqual(['filter.lastName.in:arrayMaxSize']);
    let deep: Record<string, unknown> = { lastName: { eq: 'x' } };
    for (let i = 0; i < 8; i++) deep = { not: deep };
    expect(fieldProblems(await app.graphql(PatientsDocument, { filter: deep }, token))[0]).toMatch(/:maxDepth$/);
  });

  it('a body that is not JSON, or too large, is a 4xx, never a 500', async () => {
    const broken = await request(app.server.requestListener).post('/graphql').set('content-type', 'application/json').send('{"query": ');
    expect(broken.status).toBe(400);
    const huge = await request(app.server.requestListener).post('/graphql').set('content-type', 'application/json').send(JSON.stringify({ query: `{ __typename }`, pad: 'x'.repeat(2_000_000) }));
    expect(huge.status).toBe(413);
    expect(huge.body.errors[0]).toEqual({ message: 'Request body too large (limit 1 MB)', extensions: { code: 'BAD_REQUEST' } });
    expect(broken.text + huge.text).not.toMatch(/at .*\.js/);
  });
});

describe('the HTTP endpoint', () => {
  const typename = JSON.stringify({ query: '{ __typename }' });
  let server: Server;
  beforeAll(async () => {
    server = createHttpServer(app.server.requestListener).listen(0);
    await once(server, 'listening');
  });
  afterAll(() => server.close());

  /** A raw POST (supertest would re-encode a Buffer sent as JSON): the body as given, in one or several chunks. */
  function post(body: Buffer | string[], headers: Record<string, string>): Promise<{ status?: number; json: { data?: unknown; errors?: Array<{ message: string }> } }> {
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const req = httpRequest({ port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, json: JSON.parse(text) }));
      });
      req.on('error', reject);
      for (const chunk of Array.isArray(body) ? body : [body]) req.write(chunk);
      req.end();
    });
  }

  it('takes gzip and deflate bodies, and refuses encodings it cannot read', async () => {
    expect((await post(gzipSync(typename), { 'content-encoding': 'gzip' })).json).toEqual({ data: { __typename: 'Query' } });
    expect((await post(deflateSync(typename), { 'content-encoding': 'deflate' })).json).toEqual({ data: { __typename: 'Query' } });
    const brotli = await post(brotliCompressSync(typename), { 'content-encoding': 'br' });
    expect(brotli.status).toBe(415);
    expect(brotli.json.errors![0].message).toBe('Unsupported Content-Encoding "br" (use gzip, deflate or none)');
    const corrupt = await post(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    expect(corrupt.status).toBe(400);
    expect(corrupt.json.errors![0].message).toBe('Request body could not be decompressed');
  });

  it('counts the 1 MB limit after inflating, and without Content-Length', async () => {
    const bomb = gzipSync(JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(5_000_000) }));
    expect(bomb.length).toBeLessThan(100_000);
    const inflated = await post(bomb, { 'content-encoding': 'gzip' });
    expect(inflated.status).toBe(413);
    expect(inflated.json.errors![0].message).toBe('Request body too large (limit 1 MB)');
    // Chunked transfer encoding: the size is only known while reading.
    const chunked = await post(Array.from({ length: 20 }, () => 'x'.repeat(100_000)), { 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    expect(chunked.json.errors![0].message).toBe('Request body too large (limit 1 MB)');
    const empty = await post([], {});
    expect(empty.status).toBe(400);
    expect(empty.json.errors![0].message).toBe('Request body is empty: send a JSON object with "query"');
  });

  it('answers GraphQL over GET, and keeps Apollo\'s CSRF and method rules', async () => {
    const get = await request(app.server.requestListener).get('/graphql').query({ query: '{ __typename }' }).set('apollo-require-preflight', 'true');
    expect(get.body).toEqual({ data: { __typename: 'Query' } });
    const simpleForm = await request(app.server.requestListener).post('/graphql').set('content-type', 'text/plain').send(typename);
    expect(simpleForm.status).toBe(400);
    expect(simpleForm.body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
    const put = await request(app.server.requestListener).put('/graphql').set('content-type', 'application/json').send(typename);
    expect(put.status).toBe(405);
  });

  it('sends the request id back, the client\'s when it is well formed', async () => {
    expect((await request(app.server.requestListener).post('/graphql').set('content-type', 'application/json').set('x-request-id', 'client-trace-0001').send(typename)).headers['x-request-id']).toBe('client-trace-0001');
    expect((await request(app.server.requestListener).post('/graphql').set('content-type', 'application/json').set('x-request-id', 'no spaces allowed!').send(typename)).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('query cost', () => {
  it('refuses nesting that multiplies into millions of rows, before running it', async () => {
    const response = await app.graphql(
      `{ patients(first: 500) { nodes { appointments(first: 500) { nodes { clinicalNotes(first: 500) { nodes { content } } } } } } }`,
      {},
      token,
    );
    expect(response.status).toBe(400);
    const error = onlyError(response);
    expect(error.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', maxCost: 250000 });
    expect(error.extensions?.cost).toBeGreaterThan(100_000_000);
    expect(app.statements.get(response.requestId)).toBe(0); // nothing reached the database
  });

  it('refuses thousands of aliases, which would cost a statement each', async () => {
    const aliases = Array.from({ length: 600 }, (_, i) => `a${i}: me { role }`).join(' ');
    const response = await app.graphql(`{ ${aliases} }`, {}, token);
    expect(response.status).toBe(400);
    expect(onlyError(response).extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', selections: 1200, maxSelections: 500 });
  });

  it('accepts large everyday pages: 500 patients with 5 appointments and 5 notes each', async () => {
    const clinician = await app.login(Role.CLINICIAN, ACME);
    const response = await app.graphql(PatientGraphDocument, { first: 500, appointments: 5, notes: 5 }, clinician);
    expect(response.errors).toBeUndefined();
  });
});

describe('database constraint errors name their field', () => {
  const format = createErrorFormatter(pino({ level: 'silent' }));
  const asPgError = (fields: object) => Object.assign(new Error('violates constraint'), fields);

  it.each([
    [{ code: '23514', table: 'patients', constraint: 'patients_room_number_check' }, 'BAD_USER_INPUT', 'input.roomNumber', 'check'],
    [{ code: '23503', table: 'appointments', constraint: 'appointments_tenant_id_care_professional_id_fkey' }, 'BAD_USER_INPUT', 'input.careProfessionalId', 'exists'],
    [{ code: '23502', table: 'patients', column: 'first_name' }, 'BAD_USER_INPUT', 'input.firstName', 'notNull'],
    [{ code: '23505', table: 'patients', constraint: 'patients_tenant_nhs_number_key' }, 'CONFLICT', 'input.nhsNumber', 'unique'],
  ])('%o → %s on %s', (pgError, code, field, rule) => {
    const formatted = format({ message: 'violates constraint' }, asPgError(pgError));
    expect(formatted.extensions).toMatchObject({ code, fields: [{ field, rule }] });
    expect(formatted.message).not.toMatch(/violates|constraint/);
  });
});

describe('unexpected errors are masked', () => {
  it('a database failure reaches the client as a generic message with an error id, and no SQL', async () => {
    await app.db.owner(`ALTER TABLE sites RENAME COLUMN timezone TO tz`);
    try {
      // Only selected columns are read: select the renamed one so the statement fails.
      const response = await app.graphql(`{ sites { nodes { name timezone } } }`, {}, token);
      const error = onlyError(response);
      expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.message).toMatch(/^Internal server error \(error id [0-9a-f-]{36}\)$/);
      expect(error.extensions?.errorId).toEqual(expect.any(String));
      expect(JSON.stringify(response.errors)).not.toMatch(/timezone|does not exist|SELECT|relation|stack/i);
    } finally {
      await app.db.owner(`ALTER TABLE sites RENAME COLUMN tz TO timezone`);
    }
  });
});
