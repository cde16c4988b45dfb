import { createHash } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { ACME, NORTHWIND, startTestApp, TestApp } from './support/harness';
import { Answer, contractProblems, Endpoint, errorCodes } from './support/fuzz';
import { Role } from '../src/entities/enums';
import { toGlobalId } from '../src/data/global-id';
import { loadConfig, uploadBodyLimit } from '../src/config';

// A corpus of hostile documents and requests, each with the answer a GraphQL-over-HTTP client
// should get, sent to both read paths (compiled reads on, and resolvers only) over one database.
//
// The rule for the expected answers: a failure of the request as a whole (parse, validation,
// variable coercion, a size or shape limit) is HTTP 400; a domain error of one field comes in a
// 200 response next to the data. Limits this corpus expects (the numbers are the server's own):
// - a query 36 fields deep is refused (LIMIT_EXCEEDED, "deep"), nesting through fragments
//   counts, and the README's 8-level headline query is not;
// - a document of tens of thousands of tokens, thousands of nested brackets, or more field
//   selections than MAX_QUERY_SELECTIONS is refused (LIMIT_EXCEEDED); GraphiQL's introspection
//   query is not;
// - variables are bounded too: tens of thousands of variables, values or nesting levels are
//   refused (LIMIT_EXCEEDED) before graphql-js coerces them;
// - values PostgreSQL cannot store (NUL characters, year 0) are BAD_USER_INPUT when the request
//   is checked, naming the field; input rules (lengths, list sizes, references) are
//   BAD_USER_INPUT of the field that breaks them, in a 200 response.

interface Expected {
  status: number;
  /** The one error code of the answer; null: answered without errors. */
  code: string | null;
  /** One of the BAD_USER_INPUT fields must match. */
  field?: RegExp;
  message?: RegExp;
}

interface Fixture {
  patient: string;
  appointmentOfPatient: string;
  otherTenantPatient: string;
  site: string;
  category: string;
  /** End cursors of `patients` in the default order: of this tenant, of the other; of `patients` by MRN; of `appointments`. */
  cursors: { patients: string; otherTenantPatients: string; patientsByMrn: string; appointments: string };
}

interface HostileCase {
  name: string;
  /** Default CLINICIAN of acme-care (reads everything, writes notes); null: no token; `{ authorization }`: that header instead. */
  who?: Role | null | { authorization: string };
  /** A JSON body (an object) or a raw body text (a string). */
  body: (f: Fixture) => object | string;
  expect: Expected;
  /** An SQL-injection attempt: whatever the code, no data may come back. */
  injection?: true;
}

// ---- document builders ---------------------------------------------------------------------

const repeat = (count: number, make: (i: number) => string, separator = ' ') => Array.from({ length: count }, (_, i) => make(i)).join(separator);

/** `patients → nodes → (appointments → nodes → patient)* → id`: `levels` fields deep, one row per level (cheap). */
function deepQuery(levels: number): string {
  const names = ['patients(first: 1)', 'nodes'];
  const cycle = ['appointments(first: 1)', 'nodes', 'patient'];
  while (names.length < levels - 1) names.push(cycle[(names.length - 2) % 3]);
  const leaf = names.at(-1)!.startsWith('appointments') ? 'totalCount' : 'id';
  return `{ ${names.map((n) => `${n} { `).join('')}${leaf}${' }'.repeat(names.length)} }`;
}

const nestedNot = (levels: number, leaf: object): object => Array.from({ length: levels }).reduce<object>((inner) => ({ not: inner }), leaf);
const nestedNotLiteral = (levels: number) => `${'{not: '.repeat(levels)}{mrn: {eq: "x"}}${'}'.repeat(levels)}`;

const HEADLINE = `query FirstPatients {
  patients(first: 20, filter: { status: { eq: ACTIVE } }, orderBy: [{ field: LAST_NAME }]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id mrn firstName lastName nhsNumber
      appointments(first: 5) { nodes { title startTime status careProfessional { lastName } clinicalNotes(first: 5) { nodes { noteDate content author { lastName } } } } }
    }
  }
}`;
const PATIENTS_FIRST_N = `query($n: Int) { patients(first: $n) { nodes { id } } }`;
const NESTED_FIRST_N = `query($n: Int) { patients(first: 1) { nodes { id appointments(first: $n) { nodes { id } } } } }`;
const PATIENTS_FIRST_F = `query($f: Int!) { patients(first: $f) { nodes { id } } }`;
const NODE = `query($v: ID!) { node(id: $v) { id } }`;
const PATIENTS_AFTER = `query($c: String) { patients(first: 2, after: $c) { nodes { id } } }`;
const FILTERED = `query($filter: PatientFilter) { patients(first: 5, filter: $filter) { nodes { id } } }`;
const NOTES_FILTERED = `query($filter: ClinicalNoteFilter) { clinicalNotes(first: 5, filter: $filter) { nodes { id } } }`;
const CREATE_NOTE = `mutation($input: CreateClinicalNoteInput!) { createClinicalNote(input: $input) { clinicalNote { id } } }`;
const CREATE_PATIENT = `mutation($input: CreatePatientInput!) { createPatient(input: $input) { patient { id } } }`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const limit = (message?: RegExp): Expected => ({ status: 400, code: 'LIMIT_EXCEEDED', message });
const badRequestInput = (field?: RegExp): Expected => ({ status: 400, code: 'BAD_USER_INPUT', field });
const badFieldInput = (field: RegExp): Expected => ({ status: 200, code: 'BAD_USER_INPUT', field });
const answered: Expected = { status: 200, code: null };

// ---- the corpus ------------------------------------------------------------------------------

const CASES: HostileCase[] = [
  // Controls: what the limits must still let through.
  { name: "the README's headline query (8 levels) is answered", body: () => ({ query: HEADLINE }), expect: answered },
  { name: "GraphiQL's introspection query is answered", body: () => ({ query: getIntrospectionQuery() }), expect: answered },
  { name: 'a filter 8 `not` levels deep breaks the filter depth rule, naming the filter', body: () => ({ query: FILTERED, variables: { filter: nestedNot(8, { mrn: { eq: 'x' } }) } }), expect: badFieldInput(/^filter/) },

  // Depth, fragments, size.
  { name: 'a query 36 fields deep is refused for its depth', body: () => ({ query: deepQuery(36) }), expect: limit(/deep|depth/i) },
  { name: '3,000 nested inline fragments are refused', body: () => ({ query: `{ ${'... on Query { '.repeat(3000)}__typename${' }'.repeat(3000)} }` }), expect: limit() },
  {
    name: 'a chain of 2,000 named fragments is refused',
    body: () => ({ query: `{ ...F0 } ${repeat(1999, (i) => `fragment F${i} on Query { ...F${i + 1} }`)} fragment F1999 on Query { __typename }` }),
    expect: limit(),
  },
  {
    name: 'fragments spreading the next one twice, 26 levels (2^26 expansions), are refused',
    body: () => ({ query: `{ ...F0 } ${repeat(26, (i) => `fragment F${i} on Query { ...F${i + 1} a${i}: __typename ...F${i + 1} }`)} fragment F26 on Query { __typename }` }),
    expect: limit(),
  },
  { name: 'a fragment cycle is a validation error', body: () => ({ query: `{ ...A } fragment A on Query { __typename ...B } fragment B on Query { ...A }` }), expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' } },
  { name: 'a fragment spreading itself is a validation error', body: () => ({ query: `{ ...A } fragment A on Query { __typename ...A }` }), expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' } },
  { name: '10,000 aliases are refused', body: () => ({ query: `{ ${repeat(10_000, (i) => `a${i}: __typename`)} }` }), expect: limit() },
  {
    name: '1,000 aliases hidden below 60 nested inline fragments are refused',
    body: () => ({ query: `{ ${'... on Query { '.repeat(60)}${repeat(1000, (i) => `a${i}: me { role }`)}${' }'.repeat(60)} }` }),
    expect: limit(),
  },
  { name: '80,000 tokens (the same field 80,000 times) are refused, quickly', body: () => ({ query: `{ ${'__typename '.repeat(80_000)}}` }), expect: limit() },
  { name: 'a directive repeated 10,000 times is refused', body: () => ({ query: `{ __typename${' @skip(if: false)'.repeat(10_000)} }` }), expect: limit() },
  { name: '50,000 variables the operation does not use are refused', body: () => ({ query: '{ __typename }', variables: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`u${i}`, i])) }), expect: limit() },
  { name: '50,000 declared but unused variables are refused', body: () => ({ query: `query(${repeat(50_000, (i) => `$u${i}: Int`, ', ')}) { __typename }` }), expect: limit() },

  // Filters far past their bounds.
  { name: 'a literal filter 1,700 `not` levels deep is refused', body: () => ({ query: `{ patients(first: 1, filter: ${nestedNotLiteral(1700)}) { nodes { id } } }` }), expect: limit() },
  { name: 'a `not` filter 3,000 levels deep in a variable is refused', body: () => ({ query: FILTERED, variables: { filter: nestedNot(3000, { mrn: { eq: 'x' } }) } }), expect: limit() },
  { name: 'a literal filter with 5,000 `or` branches is refused', body: () => ({ query: `{ patients(first: 1, filter: {or: [${repeat(5000, (i) => `{mrn: {eq: "M${i}"}}`, ', ')}]}) { nodes { id } } }` }), expect: limit() },
  { name: 'a filter with 5,000 `or` branches in a variable is refused', body: () => ({ query: FILTERED, variables: { filter: { or: Array.from({ length: 5000 }, (_, i) => ({ mrn: { eq: `M${i}` } })) } } }), expect: limit() },
  { name: 'a filter with 20,000 `or` branches in a variable is refused', body: () => ({ query: FILTERED, variables: { filter: { or: Array.from({ length: 20_000 }, (_, i) => ({ mrn: { eq: `M${i}` } })) } } }), expect: limit() },
  { name: 'an `in` list of 501 values breaks the list size rule, naming it', body: () => ({ query: `{ patients(first: 1, filter: {mrn: {in: [${repeat(501, (i) => `"M${i}"`, ', ')}]}}) { nodes { id } } }` }), expect: badFieldInput(/^filter\.mrn\.in/) },
  { name: 'an `in` list of 100,000 values in a variable is refused', body: () => ({ query: FILTERED, variables: { filter: { mrn: { in: Array.from({ length: 100_000 }, (_, i) => `M${i}`) } } } }), expect: limit() },
  { name: 'an `in` list of 10,000 ids in a variable is refused', body: (f) => ({ query: FILTERED, variables: { filter: { id: { in: new Array(10_000).fill(f.patient) } } } }), expect: limit() },
  { name: 'a 900 KB string in a filter breaks its length rule, naming it', body: () => ({ query: FILTERED, variables: { filter: { lastName: { eq: 'x'.repeat(900_000) } } } }), expect: badFieldInput(/filter\.lastName\.eq/) },
  { name: 'a 900 KB note breaks its length rule, naming it', body: (f) => ({ query: CREATE_NOTE, variables: { input: { patientId: f.patient, content: 'x'.repeat(900_000) } } }), expect: badFieldInput(/input\.content/) },

  // SQL in variables of other types: refused when the variables are coerced, never run.
  { name: 'SQL as the page size of a top-level connection', body: () => ({ query: PATIENTS_FIRST_N, variables: { n: '(SELECT count(*)::int FROM pg_roles)' } }), expect: badRequestInput(), injection: true },
  { name: 'SQL as the page size of a nested connection', body: () => ({ query: NESTED_FIRST_N, variables: { n: '(SELECT count(*)::int FROM pg_roles)' } }), expect: badRequestInput(), injection: true },
  { name: 'a statement as the page size', body: () => ({ query: PATIENTS_FIRST_N, variables: { n: '1; DROP TABLE patients' } }), expect: badRequestInput(), injection: true },
  { name: 'a sleep as the nested page size', body: () => ({ query: NESTED_FIRST_N, variables: { n: '(SELECT 1 FROM pg_sleep(3))' } }), expect: badRequestInput(), injection: true },
  {
    name: 'SQL as a sort direction',
    body: () => ({ query: `query($o: [PatientOrder!]) { patients(first: 2, orderBy: $o) { nodes { id } } }`, variables: { o: [{ field: 'MRN', direction: 'ASC; DROP TABLE patients' }] } }),
    expect: badRequestInput(),
    injection: true,
  },
  { name: 'null inside a list of sort keys', body: () => ({ query: `query($o: [PatientOrder!]) { patients(first: 2, orderBy: $o) { nodes { id } } }`, variables: { o: [null] } }), expect: badRequestInput() },
  {
    name: '101 sort keys (with cursors) break the sort list rule, naming it',
    body: () => ({ query: `{ clinicalNoteCategories(orderBy: [${repeat(101, () => '{field: NAME}', ', ')}]) { edges { cursor } } }` }),
    expect: badFieldInput(/^orderBy/),
  },
  { name: 'a cursor of the same connection is accepted (control)', body: (f) => ({ query: PATIENTS_AFTER, variables: { c: f.cursors.patients } }), expect: answered },
  { name: "a cursor of another tenant's connection", body: (f) => ({ query: PATIENTS_AFTER, variables: { c: f.cursors.otherTenantPatients } }), expect: badFieldInput(/^after/) },
  { name: 'a cursor of another order', body: (f) => ({ query: PATIENTS_AFTER, variables: { c: f.cursors.patientsByMrn } }), expect: badFieldInput(/^after/) },
  { name: 'a cursor of another connection', body: (f) => ({ query: PATIENTS_AFTER, variables: { c: f.cursors.appointments } }), expect: badFieldInput(/^after/) },
  { name: 'nodes(ids:) with 101 ids breaks its size rule, naming it', body: (f) => ({ query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, variables: { ids: new Array(101).fill(f.patient) } }), expect: badFieldInput(/^ids/) },
  { name: 'SQL as a cursor', body: () => ({ query: `query($c: String) { patients(first: 2, after: $c) { nodes { id } } }`, variables: { c: "'; DROP TABLE patients; --" } }), expect: badFieldInput(/^after/), injection: true },

  // A required Int and a required ID, missing or of the wrong type.
  { name: 'a required Int variable not given', body: () => ({ query: PATIENTS_FIRST_F, variables: {} }), expect: badRequestInput() },
  { name: 'a required Int variable given null', body: () => ({ query: PATIENTS_FIRST_F, variables: { f: null } }), expect: badRequestInput() },
  { name: 'a required Int variable given 2.5', body: () => ({ query: PATIENTS_FIRST_F, variables: { f: 2.5 } }), expect: badRequestInput() },
  { name: 'a required Int variable given "abc"', body: () => ({ query: PATIENTS_FIRST_F, variables: { f: 'abc' } }), expect: badRequestInput() },
  { name: 'null for a variable with a default, where the argument needs a value', body: () => ({ query: `query($v: ID = "x") { node(id: $v) { id } }`, variables: { v: null } }), expect: badRequestInput() },
  { name: 'null for a variable with a default, in @include(if:)', body: () => ({ query: `query($b: Boolean = false) { __typename @include(if: $b) }`, variables: { b: null } }), expect: badRequestInput() },
  { name: 'a required ID variable not given, with a token', body: () => ({ query: NODE, variables: {} }), expect: badRequestInput() },
  { name: 'a required ID variable not given, without a token', who: null, body: () => ({ query: NODE, variables: {} }), expect: badRequestInput() },

  // Automatic persisted queries.
  { name: 'a persisted query whose hash does not match its text is a client error', body: () => ({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ something else }') } } }), expect: { status: 400, code: 'BAD_REQUEST' } },
  { name: 'a persisted query of an unknown version is a client error', body: () => ({ query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: sha256('{ __typename }') } } }), expect: { status: 400, code: 'BAD_REQUEST' } },
  { name: 'an unknown persisted-query hash alone is PERSISTED_QUERY_NOT_FOUND', body: () => ({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ never sent }') } } }), expect: { status: 200, code: 'PERSISTED_QUERY_NOT_FOUND' } },
  { name: 'a persisted query with its right hash is answered', body: () => ({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ __typename }') } } }), expect: answered },

  // NUL characters and dates PostgreSQL cannot store.
  { name: 'a NUL character in a mutation input string is refused, naming the field', body: () => ({ query: CREATE_PATIENT, variables: { input: { firstName: 'a\u0000b', lastName: 'Null' } } }), expect: badRequestInput(/firstName/) },
  { name: 'a NUL character in a literal note is refused, naming the field', body: (f) => ({ query: `mutation { createClinicalNote(input: {patientId: "${f.patient}", content: "a\\u0000b"}) { clinicalNote { id } } }` }), expect: badRequestInput(/content/) },
  { name: 'a NUL character in a literal filter string is refused, naming the field', body: () => ({ query: `{ patients(first: 1, filter: {lastName: {contains: "a\\u0000b"}}) { nodes { id } } }` }), expect: badRequestInput(/lastName/) },
  { name: 'a NUL character in a filter variable is refused, naming the field', body: () => ({ query: FILTERED, variables: { filter: { lastName: { eq: 'a\u0000b' } } } }), expect: badRequestInput(/lastName/) },
  { name: 'a lone surrogate in a login email is refused before execution, naming the field', who: null, body: () => ({ query: `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, variables: { input: { email: '\ud800', password: 'x', tenantSlug: ACME } } }), expect: badRequestInput(/input\.email/) },
  { name: "a lone surrogate in a patient's name is refused before execution, naming the field", body: () => ({ query: CREATE_PATIENT, variables: { input: { firstName: 'Lone', lastName: 'Sur\udc00rogate', email: 'x\ud800@example.com' } } }), expect: badRequestInput(/input\.(lastName|email)/) },
  { name: 'year 0000 as a date in a filter', body: () => ({ query: FILTERED, variables: { filter: { dateOfBirth: { eq: '0000-01-01' } } } }), expect: badRequestInput() },
  { name: 'year 0000 as a date in an input', body: () => ({ query: CREATE_PATIENT, variables: { input: { firstName: 'Year', lastName: 'Zero', dateOfBirth: '0000-01-01' } } }), expect: badRequestInput() },
  { name: 'year 0000 as a time in a filter', body: () => ({ query: NOTES_FILTERED, variables: { filter: { noteDate: { gte: '0000-01-01T00:00:00Z' } } } }), expect: badRequestInput() },
  { name: 'year 0000 as a time in an input', body: (f) => ({ query: CREATE_NOTE, variables: { input: { patientId: f.patient, content: 'x', noteDate: '0000-01-01T00:00:00Z' } } }), expect: badRequestInput() },
  { name: 'year 99999 as a date', body: () => ({ query: FILTERED, variables: { filter: { dateOfBirth: { lt: '99999-01-01' } } } }), expect: badRequestInput() },
  { name: 'February 30th as a date', body: () => ({ query: FILTERED, variables: { filter: { dateOfBirth: { gt: '1900-02-30' } } } }), expect: badRequestInput() },

  // References of another tenant or of the wrong type.
  {
    name: 'a note with its appointment and category is written (control)',
    body: (f) => ({ query: CREATE_NOTE, variables: { input: { patientId: f.patient, appointmentId: f.appointmentOfPatient, categoryId: f.category, content: 'Seen today.' } } }),
    expect: answered,
  },
  { name: "a note for another tenant's patient", body: (f) => ({ query: CREATE_NOTE, variables: { input: { patientId: f.otherTenantPatient, content: 'x' } } }), expect: badFieldInput(/input\.patientId/) },
  { name: 'a note whose appointmentId is a Patient id', body: (f) => ({ query: CREATE_NOTE, variables: { input: { patientId: f.patient, appointmentId: f.patient, content: 'x' } } }), expect: badFieldInput(/input\.appointmentId/) },
  {
    name: "a note for another tenant's patient whose appointmentId is a Patient id",
    body: (f) => ({ query: CREATE_NOTE, variables: { input: { patientId: f.otherTenantPatient, appointmentId: f.patient, content: 'x' } } }),
    expect: badFieldInput(/input\.appointmentId/),
  },
  { name: 'a note whose categoryId is a Site id', body: (f) => ({ query: CREATE_NOTE, variables: { input: { patientId: f.patient, categoryId: f.site, content: 'x' } } }), expect: badFieldInput(/input\.categoryId/) },
  {
    name: "a note for another tenant's patient whose categoryId is malformed",
    body: (f) => ({ query: CREATE_NOTE, variables: { input: { patientId: f.otherTenantPatient, categoryId: 'not-an-id', content: 'x' } } }),
    expect: badFieldInput(/input\.categoryId/),
  },

  // The request itself.
  ...['constructor', '__proto__', 'toString'].map((typeName) => ({
    name: `an id naming \`${typeName}\` is not a CareGraph id`,
    body: () => ({ query: 'query($id: ID!) { node(id: $id) { id } }', variables: { id: toGlobalId(typeName, '00000000-0000-4000-8000-000000000000') } }),
    expect: badFieldInput(/^id$/),
  })),
  { name: 'a forged token is 401', who: { authorization: 'Bearer not.a.jwt' }, body: () => ({ query: '{ patients(first: 1) { nodes { id } } }' }), expect: { status: 401, code: 'UNAUTHENTICATED' } },
  { name: 'malformed JSON', body: () => '{"query": "{ __typename }"', expect: { status: 400, code: 'BAD_REQUEST' } },
  { name: 'a batch (a JSON array)', body: () => '[{"query": "{ __typename }"}, {"query": "{ __typename }"}]', expect: { status: 400, code: 'BAD_REQUEST' } },
  { name: 'a query that is not a string', body: () => ({ query: 42 }), expect: { status: 400, code: 'BAD_REQUEST' } },
  { name: 'variables that are not an object', body: () => ({ query: PATIENTS_FIRST_F, variables: 'f=1' }), expect: { status: 400, code: 'BAD_REQUEST' } },
  { name: 'an empty query', body: () => ({ query: '' }), expect: { status: 400, code: 'BAD_REQUEST' } },
  { name: 'an unknown operation name', body: () => ({ query: 'query A { __typename }', operationName: 'B' }), expect: { status: 400, code: 'OPERATION_RESOLUTION_FAILURE' } },
  { name: 'two operations and no operation name', body: () => ({ query: 'query A { __typename } query B { __typename }' }), expect: { status: 400, code: 'OPERATION_RESOLUTION_FAILURE' } },
  { name: 'a subscription (there are none)', body: () => ({ query: 'subscription { patients { totalCount } }' }), expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' } },
  { name: 'a body of 1.5 MB, without a token', who: null, body: () => ({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_500_000) } }), expect: { status: 413, code: 'BAD_REQUEST' } },
  { name: 'a body of 1.5 MB from a role that may not upload documents', who: Role.ANALYST, body: () => ({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_500_000) } }), expect: { status: 413, code: 'BAD_REQUEST' } },
  { name: 'a body past the limit of those who upload documents', body: () => ({ query: '{ __typename }', variables: { pad: 'x'.repeat(uploadBodyLimit(loadConfig())) } }), expect: { status: 413, code: 'BAD_REQUEST' } },
];

// ---- running the corpus --------------------------------------------------------------------

/** How an answer differs from the expected one and from the contract; empty when it matches. */
function mismatches(answer: Answer, hostile: HostileCase): string[] {
  if (answer.status === 0) return [`no answer: ${answer.failure}`];
  const { expect: expected } = hostile;
  const problems = contractProblems(answer);
  const codes = [...new Set(errorCodes(answer))];
  if (answer.status !== expected.status) problems.push(`status ${answer.status}, expected ${expected.status}`);
  const wanted = expected.code === null ? [] : [expected.code];
  if (codes.join() !== wanted.join()) problems.push(`codes [${codes.join(', ')}], expected [${wanted.join(', ')}]`);
  const errors = answer.body?.errors ?? [];
  if (expected.field) {
    const fields = errors.flatMap((e) => (Array.isArray(e.extensions?.fields) ? (e.extensions!.fields as Array<{ field: string }>).map((f) => f.field) : []));
    if (!fields.some((f) => expected.field!.test(f))) problems.push(`fields [${fields.join(', ')}], expected one matching ${expected.field}`);
  }
  if (expected.message && !errors.some((e) => expected.message!.test(e.message))) problems.push(`messages ${JSON.stringify(errors.map((e) => e.message.slice(0, 120)))}, expected one matching ${expected.message}`);
  // A refused list is null at its own path (lists are nullable): data holding only nulls returned nothing.
  const returned = answer.body?.data != null && Object.values(answer.body.data).some((value) => value !== null);
  if (hostile.injection && returned) problems.push(`SQL injection returned data: ${JSON.stringify(answer.body!.data).slice(0, 200)}`);
  return problems;
}

let compiledApp: TestApp;
let resolversApp: TestApp;
let endpoints: Endpoint[];
let fixture: Fixture;
const summary: Array<{ name: string; path: string; status: number; codes: string; ms: number; ok: boolean }> = [];

beforeAll(async () => {
  compiledApp = await startTestApp();
  resolversApp = await startTestApp({ db: compiledApp.db, compiledReads: false });
  endpoints = [await Endpoint.open('compiled', compiledApp), await Endpoint.open('resolvers', resolversApp)];
  const one = async (sql: string, slug: string) => (await compiledApp.db.owner(sql, [slug]))[0].id as string;
  const endCursor = async (query: string, slug: string) => {
    const answer = await resolversApp.graphql<Record<string, { pageInfo: { endCursor: string } }>, object>(query, {}, await resolversApp.login(Role.ADMIN, slug));
    return Object.values(answer.data!)[0].pageInfo.endCursor;
  };
  const [appointment] = await compiledApp.db.owner(
    `SELECT a.id, a.patient_id FROM appointments a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = $1 AND a.patient_id IS NOT NULL AND a.deleted_at IS NULL ORDER BY a.id LIMIT 1`,
    [ACME],
  );
  fixture = {
    patient: toGlobalId('Patient', appointment.patient_id as string),
    appointmentOfPatient: toGlobalId('Appointment', appointment.id as string),
    otherTenantPatient: toGlobalId('Patient', await one(`SELECT p.id FROM patients p JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = $1 ORDER BY p.id LIMIT 1`, NORTHWIND)),
    site: toGlobalId('Site', await one(`SELECT s.id FROM sites s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = $1 ORDER BY s.id LIMIT 1`, ACME)),
    category: toGlobalId('ClinicalNoteCategory', await one(`SELECT c.id FROM clinical_note_categories c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = $1 ORDER BY c.id LIMIT 1`, ACME)),
    cursors: {
      patients: await endCursor(`{ patients(first: 1) { pageInfo { endCursor } } }`, ACME),
      otherTenantPatients: await endCursor(`{ patients(first: 1) { pageInfo { endCursor } } }`, NORTHWIND),
      patientsByMrn: await endCursor(`{ patients(first: 1, orderBy: [{ field: MRN, direction: DESC }]) { pageInfo { endCursor } } }`, ACME),
      appointments: await endCursor(`{ appointments(first: 1) { pageInfo { endCursor } } }`, ACME),
    },
  };
});

afterAll(async () => {
  for (const endpoint of endpoints ?? []) await endpoint.close();
  await resolversApp?.stop();
  await compiledApp?.stop();
  const width = Math.max(...summary.map((row) => row.name.length));
  const lines = summary.map((r) => `${r.ok ? ' ' : '✗'} ${r.name.padEnd(width)}  ${r.path.padEnd(9)}  ${String(r.status).padStart(3)}  ${r.codes.padEnd(28)} ${String(r.ms).padStart(5)} ms`);
  process.stdout.write(`hostile documents: ${summary.filter((r) => r.ok).length} of ${summary.length} answers as expected\n${lines.join('\n')}\n`);
});

describe('hostile documents and requests get the expected client error, never an internal one', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, hostile) => {
    const found: Record<string, string[]> = {};
    for (const endpoint of endpoints) {
      const who = hostile.who === undefined ? Role.CLINICIAN : hostile.who;
      const token = who && typeof who === 'string' ? await endpoint.app.login(who, ACME) : null;
      const headers = who && typeof who === 'object' ? who : undefined;
      const answer = await endpoint.send(hostile.body(fixture), { token, headers, timeoutMs: 10_000 });
      const problems = mismatches(answer, hostile);
      const alive = await endpoint.stillAnswers(await endpoint.app.login(Role.ADMIN, ACME));
      if (alive) problems.push(`the server stopped answering: ${alive}`);
      found[endpoint.name] = problems;
      summary.push({ name: hostile.name, path: endpoint.name, status: answer.status, codes: [...new Set(errorCodes(answer))].join(',') || '-', ms: answer.ms, ok: problems.length === 0 });
    }
    expect(found).toEqual({ compiled: [], resolvers: [] });
  }, 60_000);
});
