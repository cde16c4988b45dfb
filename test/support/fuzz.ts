/* eslint-disable @typescript-eslint/no-explicit-any -- responses of arbitrary operations are untyped */
import { createServer, Server } from 'node:http';
import { once } from 'node:events';
import request from 'supertest';
import {
  getNamedType,
  GraphQLField,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { CursorCodec } from '../../src/data/cursor';
import { toGlobalId } from '../../src/data/global-id';
import type { TestApp } from './harness';

// ---- what every answer must look like ----------------------------------------------------

/** 503 only when the database is down, which these tests never cause. */
export const ALLOWED_STATUSES = new Set([200, 400, 401, 403, 413, 415]);

/** The error codes a client may see (README "Errors", Apollo's request errors). */
export const DOCUMENTED_CODES = new Set([
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LIMIT_EXCEEDED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'SERVICE_UNAVAILABLE',
]);

export interface AnswerError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; fields?: unknown; [key: string]: unknown };
}

/** One HTTP exchange: status 0 when no answer came (timeout, connection reset). */
export interface Answer {
  status: number;
  body: { data?: any; errors?: AnswerError[] } | undefined;
  text: string;
  ms: number;
  failure?: string;
}

export const errorCodes = (answer: Answer): string[] => (answer.body?.errors ?? []).map((e) => String(e.extensions?.code ?? '(none)'));

function namesAField(error: AnswerError): boolean {
  const fields = error.extensions?.fields;
  return (
    Array.isArray(fields) &&
    fields.length > 0 &&
    fields.every((f) => f && typeof f.field === 'string' && f.field !== '' && typeof f.rule === 'string' && typeof f.message === 'string')
  );
}

/** Why an answer breaks the contract ("never an internal error"), as failure kinds; empty when it does not. */
export function contractProblems(answer: Answer): string[] {
  if (answer.status === 0) return [`no answer (${answer.failure})`];
  const problems: string[] = [];
  if (!ALLOWED_STATUSES.has(answer.status)) problems.push(`HTTP ${answer.status}`);
  if (!answer.body || (answer.body.data === undefined && answer.body.errors === undefined)) {
    problems.push('body is not a GraphQL response');
    return problems;
  }
  for (const error of answer.body.errors ?? []) {
    const code = error.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR') problems.push('INTERNAL_SERVER_ERROR');
    else if (typeof code !== 'string' || !DOCUMENTED_CODES.has(code)) problems.push(`undocumented code ${String(code)}`);
    else if (code === 'BAD_USER_INPUT' && !namesAField(error)) problems.push('BAD_USER_INPUT without extensions.fields');
  }
  return [...new Set(problems)];
}

/** Seals and opens cursors as the test apps do (their JWT secret), for any of the given tenants. */
export interface TestCursors {
  open(cursor: string): string | null;
  seal(text: string, tenantId: string): string;
}

export function testCursors(secret: string, tenantIds: string[]): TestCursors {
  // Cursors are sealed per tenant (CursorCodec.forScope); a codec without scopes seals for all.
  const codec = new CursorCodec(secret) as unknown as {
    forScope?: (scope: string) => { open(cursor: string): string | null; seal(text: string): string };
    open(cursor: string): string | null;
    seal(text: string): string;
  };
  const scoped = (tenantId: string) => (codec.forScope ? codec.forScope(tenantId) : { open: (c: string) => codec.open(c), seal: (t: string) => codec.seal(t) });
  const openers = tenantIds.map(scoped);
  return {
    open: (cursor) => openers.map((o) => o.open(cursor)).find((text) => text !== null) ?? null,
    seal: (text, tenantId) => scoped(tenantId).seal(text),
  };
}

/** Sealed cursors differ at each sealing (fresh IV): compare what they seal. */
export function openCursors(value: unknown, cursors: TestCursors): unknown {
  if (typeof value === 'string' && /^[A-Za-z0-9_-]{39,}$/.test(value)) {
    const opened = cursors.open(value);
    return opened === null ? value : { sealed: opened };
  }
  if (Array.isArray(value)) return value.map((item) => openCursors(item, cursors));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, openCursors(v, cursors)]));
  return value;
}

/**
 * A download link (`{ url: "/files/…", expiresAt }`, under any alias) is issued at each answer,
 * its expiry to the millisecond: compare which fields it has, not their values.
 */
function withoutIssuedLinks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIssuedLinks);
  if (!value || typeof value !== 'object') return value;
  if (Object.values(value).some((v) => typeof v === 'string' && v.startsWith('/files/'))) return { issuedLink: Object.keys(value).sort() };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutIssuedLinks(v)]));
}

/** What both read paths must agree on for a query: status, error codes, data. */
export function comparable(answer: Answer, cursors: TestCursors) {
  return { status: answer.status, codes: errorCodes(answer).sort(), data: withoutIssuedLinks(openCursors(answer.body?.data, cursors)) };
}

/** Where two JSON values first differ, for reading a disagreement. */
export function firstDifference(a: unknown, b: unknown, path = ''): { path: string; a: unknown; b: unknown } | null {
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
    return null;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? null : { path: path.slice(1), a, b };
}

// ---- failures, collected and reported by kind ----------------------------------------------

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

export class FailureLog {
  private readonly kinds = new Map<string, { count: number; examples: unknown[] }>();

  add(kind: string, example: unknown): void {
    const entry = this.kinds.get(kind) ?? { count: 0, examples: [] };
    entry.count++;
    if (entry.examples.length < 3) entry.examples.push(example);
    this.kinds.set(kind, entry);
  }

  get size(): number {
    return [...this.kinds.values()].reduce((sum, k) => sum + k.count, 0);
  }

  /** Every kind of failure with its count and first examples; '' when there is none. */
  report(): string {
    return [...this.kinds]
      .sort((a, b) => b[1].count - a[1].count)
      .map(([kind, { count, examples }]) => `▶ ${kind}: ${count}×\n${examples.map((e) => `    ${clip(JSON.stringify(e), 1500)}`).join('\n')}`)
      .join('\n');
  }

  /** One assertion for all of them, so a run shows every kind of problem, not only the first. */
  assertEmpty(what: string): void {
    if (this.size) throw new Error(`${this.size} failures in ${what}, by kind:\n${this.report()}`);
  }
}

/** The example of a failure: enough to replay it by hand. */
export function example(sent: { query?: string; variables?: unknown }, answer: Answer, extra: Record<string, unknown> = {}) {
  return {
    ...extra,
    query: sent.query && clip(sent.query, 600),
    variables: sent.variables && clip(JSON.stringify(sent.variables), 400),
    status: answer.status,
    // The errors that break the contract first.
    errors: [...(answer.body?.errors ?? [])]
      .sort((a, b) => Number(DOCUMENTED_CODES.has(String(a.extensions?.code))) - Number(DOCUMENTED_CODES.has(String(b.extensions?.code))))
      .slice(0, 3)
      .map((e) => ({ code: e.extensions?.code, message: clip(e.message, 200), path: e.path?.join('.') })),
    data: answer.body?.data === undefined ? undefined : clip(JSON.stringify(answer.body.data), 300),
  };
}

// ---- an HTTP endpoint over one test app ------------------------------------------------------

/** A listening server for one test app (one socket setup per request instead of a server per request). */
export class Endpoint {
  private constructor(
    readonly name: string,
    readonly app: TestApp,
    private readonly server: Server,
  ) {}

  static async open(name: string, app: TestApp): Promise<Endpoint> {
    const server = createServer(app.server.requestListener).listen(0, '127.0.0.1');
    await once(server, 'listening');
    return new Endpoint(name, app, server);
  }

  /** POSTs a body (an object as JSON, a string as is); never throws: no answer is status 0. */
  async send(body: object | string, options: { token?: string | null; timeoutMs?: number; headers?: Record<string, string> } = {}): Promise<Answer> {
    const started = Date.now();
    let call = request(this.server).post('/graphql').set('content-type', 'application/json');
    if (options.token) call = call.set('authorization', `Bearer ${options.token}`);
    for (const [name, value] of Object.entries(options.headers ?? {})) call = call.set(name, value);
    const timeout = options.timeoutMs ?? 10_000;
    try {
      const response = await call.timeout({ response: timeout, deadline: timeout }).send(typeof body === 'string' ? body : JSON.stringify(body));
      let parsed: Answer['body'];
      try {
        parsed = JSON.parse(response.text);
      } catch {
        parsed = undefined;
      }
      return { status: response.status, body: parsed, text: response.text, ms: Date.now() - started };
    } catch (error) {
      const e = error as { timeout?: number; code?: string; message?: string };
      return { status: 0, body: undefined, text: '', ms: Date.now() - started, failure: e.timeout ? `no response within ${timeout} ms` : `${e.code ?? ''} ${e.message ?? error}` };
    }
  }

  /** A trivial query, anonymous, and one that needs the database, as the given token. */
  async stillAnswers(token: string): Promise<string | null> {
    const typename = await this.send({ query: '{ __typename }' });
    if (typename.status !== 200 || typename.body?.data?.__typename !== 'Query') return `{ __typename } answered ${typename.status} ${clip(typename.text, 200)}${typename.failure ?? ''}`;
    const me = await this.send({ query: '{ me { role } }' }, { token });
    if (me.status !== 200 || !me.body?.data?.me?.role) return `{ me { role } } answered ${me.status} ${clip(me.text, 200)}${me.failure ?? ''}`;
    return null;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

// ---- a seeded generator of operations, driven by the schema ---------------------------------

/** mulberry32: small, fast, deterministic for a seed. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length) out.push(pool.splice(this.int(pool.length), 1)[0]);
    return out;
  }
  bytes(length: number): Buffer {
    return Buffer.from(Array.from({ length }, () => this.int(256)));
  }
}

/** Real values the generator mixes in: ids of each type, of this tenant and another, and cursors. */
export interface FuzzPools {
  /** Global ids by type name, of the caller's tenant. */
  ids: Record<string, string[]>;
  /** Global ids by type name, of another tenant. */
  foreignIds: Record<string, string[]>;
  /** Cursors of several connections, orders and tenants. */
  cursors: string[];
}

/** An enum value: a bare name in a literal, a string in the variables. */
class EnumValue {
  constructor(readonly name: string) {}
  toJSON() {
    return this.name;
  }
}

/** A variable used inside a literal (`{ eq: $v3 }`): its name in the document. */
class VariableRef {
  constructor(readonly name: string) {}
}

export interface GeneratedOperation {
  kind: 'query' | 'mutation';
  query: string;
  variables: Record<string, unknown>;
  /** The hostile values it carries, for reading a failure. */
  tags: string[];
}

const SQL_TEXT = ['(SELECT 1 FROM pg_sleep(2))', '1; DROP TABLE patients', "'; DROP TABLE patients; --", '1) OR (1=1', '$1', 'NULL'];
const NUL = 'a\u0000b';
/** Type each `…Id` input field refers to. */
const ID_TYPES: Record<string, string> = { patientId: 'Patient', careProfessionalId: 'CareProfessional', appointmentId: 'Appointment', categoryId: 'ClinicalNoteCategory', siteId: 'Site' };

/**
 * Builds random operations from the schema: root fields, nested selections to a bounded depth
 * (aliases, inline and named fragments, directives), arguments as literals or variables, with
 * valid values and hostile ones (wrong types, nulls, missing variables, out-of-range numbers,
 * SQL text, NUL characters, impossible dates, huge strings and lists, deep filters, ids of the
 * wrong type or tenant, foreign cursors, unknown enum values, unknown variables).
 */
export class OperationGenerator {
  private variables: Record<string, unknown> = {};
  private definitions: string[] = [];
  private fragments: string[] = [];
  private tags = new Set<string>();
  private counter = 0;
  private innerVariables = false;
  /** A third of the operations are well-formed throughout, so that they reach the resolvers and the database. */
  private clean = false;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly pools: FuzzPools,
    private readonly random: Random,
  ) {}

  next(): GeneratedOperation {
    const r = this.random;
    this.variables = {};
    this.definitions = [];
    this.fragments = [];
    this.tags = new Set();
    this.counter = 0;
    this.clean = r.chance(0.35);
    const kind = r.chance(0.25) ? 'mutation' : 'query';
    const root = kind === 'query' ? this.schema.getQueryType()! : this.schema.getMutationType()!;
    // bcrypt makes login slow: rarely.
    const fields = Object.values(root.getFields()).filter((f) => f.name !== 'login' || r.chance(0.15));
    const selections = r.sample(fields, 1 + (r.chance(0.3) ? r.int(3) : 0)).map((f) => this.fieldSelection(f, 0, 1 + r.int(5)));
    if (this.hostile(0.04)) {
      this.variables[`unknown${r.int(100)}`] = r.pick([1, 'x', null, { a: [1] }]);
      this.tags.add('unknown-variable');
    }
    const definitions = this.definitions.length ? `(${this.definitions.join(', ')})` : '';
    const query = `${kind} Fuzz${definitions} { ${selections.join(' ')} }${this.fragments.map((f) => ` ${f}`).join('')}`;
    return { kind, query, variables: this.variables, tags: [...this.tags] };
  }

  private hostile(p: number): boolean {
    return !this.clean && this.random.chance(p);
  }

  // -- selections

  private fieldSelection(field: GraphQLField<unknown, unknown>, depth: number, maxDepth: number): string {
    const r = this.random;
    const alias = r.chance(0.15) ? `a${this.counter++}: ` : '';
    const args = field.args
      .filter((a) => (isNonNullType(a.type) ? r.chance(0.97) : r.chance(0.45)))
      .map((a) => `${a.name}: ${this.argument(a.type, a.name, field.name)}`);
    if (this.hostile(0.01)) {
      args.push('bogus: 1');
      this.tags.add('unknown-argument');
    }
    const directive = r.chance(0.03) ? this.directive() : '';
    const head = `${alias}${field.name}${args.length ? `(${args.join(', ')})` : ''}${directive}`;
    const type = getNamedType(field.type);
    if (isLeafType(type)) return head;
    return `${head} { ${this.selectionSet(type, depth + 1, maxDepth)} }`;
  }

  private selectionSet(type: GraphQLNamedType, depth: number, maxDepth: number): string {
    const r = this.random;
    if (isAbstractType(type)) {
      const possible = this.schema.getPossibleTypes(type);
      const parts = r.sample(possible, 1 + r.int(3)).map((t) => `... on ${t.name} { ${this.selectionSet(t, depth, maxDepth)} }`);
      return [r.chance(0.7) ? 'id' : '__typename', ...parts].join(' ');
    }
    const object = type as GraphQLObjectType;
    const fields = Object.values(object.getFields());
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
    const objects = fields.filter((f) => !isLeafType(getNamedType(f.type)));
    const chosen = depth >= maxDepth || !objects.length ? r.sample(leaves.length ? leaves : fields, 1 + r.int(3)) : [...r.sample(leaves, r.int(3)), ...r.sample(objects, 1 + r.int(2))];
    let parts = chosen.map((f) => this.fieldSelection(f, depth, depth >= maxDepth ? depth : maxDepth));
    if (!parts.length) parts = ['__typename'];
    if (r.chance(0.1)) parts.push('__typename');
    if (r.chance(0.08)) {
      const name = `F${this.counter++}`;
      this.fragments.push(`fragment ${name} on ${object.name} { ${parts.join(' ')} }`);
      return `...${name}`;
    }
    if (r.chance(0.06)) return `... on ${object.name} { ${parts.join(' ')} }`;
    return parts.join(' ');
  }

  private directive(): string {
    const r = this.random;
    this.tags.add('directive');
    if (r.chance(0.5)) return ` @${r.pick(['include', 'skip'])}(if: ${r.pick(['true', 'false'])})`;
    return ` @include(if: ${this.argument(this.schema.getType('Boolean') as GraphQLInputType, 'if', 'include')})`;
  }

  // -- arguments: a literal, or a variable (declared with its type, now and then a wrong one)

  private argument(type: GraphQLInputType, name: string, field: string): string {
    const r = this.random;
    // Variables may appear inside a literal (`{ eq: $v3 }`), never inside a variable's value.
    this.innerVariables = r.chance(0.5);
    const value = this.value(type, name, field, 0);
    if (this.innerVariables) return this.literal(value);
    const variable = `v${this.counter++}`;
    let declared = String(type);
    if (this.hostile(0.04)) {
      declared = r.pick(['String', 'Int', 'ID', 'Boolean', `${declared.replace(/!$/, '')}`, `[${declared}]`]);
      this.tags.add('variable-of-another-type');
    }
    const defaultValue = !isNonNullType(type) && r.chance(0.05) ? ` = ${this.literal(this.value(type, name, field, 0))}` : ''; // innerVariables is false here
    this.definitions.push(`$${variable}: ${declared}${defaultValue}`);
    if (this.hostile(0.04)) this.tags.add('missing-variable');
    else this.variables[variable] = value;
    return `$${variable}`;
  }

  /** A value for an input position, valid most of the time, hostile otherwise. */
  private value(type: GraphQLInputType, name: string, field: string, depth: number): unknown {
    const r = this.random;
    if (isNonNullType(type)) {
      if (this.hostile(0.03)) {
        this.tags.add('null-for-non-null');
        return null;
      }
      return this.nonNullValue(type.ofType, name, field, depth);
    }
    if (r.chance(0.03)) return null;
    return this.nonNullValue(type, name, field, depth);
  }

  private nonNullValue(type: GraphQLInputType, name: string, field: string, depth: number): unknown {
    const r = this.random;
    if (isListType(type)) {
      if (r.chance(0.05)) return this.value(type.ofType, name, field, depth + 1); // one value where a list is expected
      if (this.hostile(0.02)) {
        // Past the 500 items `in` takes: one item, repeated.
        this.tags.add('huge-list');
        return new Array(501 + r.int(300)).fill(this.value(type.ofType, name, field, depth + 1));
      }
      return Array.from({ length: r.int(4) }, () => this.value(type.ofType, name, field, depth + 1));
    }
    if (isInputObjectType(type)) return this.inputObject(type, field, depth);
    if (isEnumType(type)) {
      if (this.hostile(0.06)) {
        this.tags.add('unknown-enum');
        return new EnumValue(r.pick(['ROBOT', 'active', 'ASC; DROP TABLE patients', 'LAST_NAME)']));
      }
      if (this.hostile(0.02)) return r.pick(type.getValues()).name; // a string literal where an enum is expected
      return new EnumValue(r.pick(type.getValues()).name);
    }
    if (isScalarType(type)) {
      if (this.innerVariables && depth > 0 && r.chance(0.05)) return this.innerVariable(type, name, field);
      return this.scalar(type.name, name, field);
    }
    return null;
  }

  private inputObject(type: GraphQLInputObjectType, field: string, depth: number): unknown {
    const r = this.random;
    const fields = type.getFields();
    const isFilter = 'not' in fields && 'or' in fields;
    if (isFilter && this.hostile(0.03)) return this.hostileFilter(type);
    const out: Record<string, unknown> = {};
    for (const [name, f] of Object.entries(fields)) {
      const combinator = name === 'and' || name === 'or' || name === 'not';
      const p = isNonNullType(f.type) ? 0.97 : combinator ? (depth < 3 ? 0.15 : 0) : 0.3;
      if (r.chance(p)) out[name] = this.value(f.type, name, `${field}.${type.name}`, depth + 1);
    }
    if (this.hostile(0.02)) {
      out.bogusField = 1;
      this.tags.add('unknown-input-field');
    }
    return out;
  }

  /** Filters far beyond their limits: `not` chains, wide `or` / `and` lists. */
  private hostileFilter(type: GraphQLInputObjectType): unknown {
    const r = this.random;
    const leaf = Object.keys(type.getFields()).includes('id') ? { id: { isNull: false } } : {};
    if (r.chance(0.5)) {
      const levels = 7 + r.int(60);
      this.tags.add(`not-chain-${levels}`);
      let filter: Record<string, unknown> = leaf;
      for (let i = 0; i < levels; i++) filter = { not: filter };
      return filter;
    }
    const width = 50 + r.int(1500);
    this.tags.add(`wide-or-${width}`);
    return { [r.pick(['or', 'and'])]: Array.from({ length: width }, () => leaf) };
  }

  private innerVariable(type: GraphQLNamedType, name: string, field: string): VariableRef {
    const variable = `v${this.counter++}`;
    this.definitions.push(`$${variable}: ${type.name}`);
    this.variables[variable] = this.scalar(type.name, name, field);
    this.tags.add('variable-inside-literal');
    return new VariableRef(variable);
  }

  private scalar(typeName: string, name: string, field: string): unknown {
    const r = this.random;
    const hostile = this.hostile(0.3);
    const tag = (t: string, value: unknown) => {
      this.tags.add(t);
      return value;
    };
    switch (typeName) {
      case 'Int':
        if (!hostile) return r.pick([0, 1, 2, 3, 5, 10, 20, 50, 100, 500]);
        return tag(
          'hostile-int',
          r.pick([501, -1, -2147483648, 2147483647, 2147483648, 1e20, 99999999999999999999, 2.5, -0.5, 'abc', '5', true, [1], { n: 1 }, ...SQL_TEXT]),
        );
      case 'Boolean':
        return hostile ? tag('hostile-boolean', r.pick(['true', 0, 1, 'yes'])) : r.chance(0.5);
      case 'ID':
        return this.id(name, field, hostile);
      case 'DateTime':
        if (!hostile) return r.pick(['2030-03-01T10:00:00Z', '2024-01-01T00:00:00.000Z', '2020-02-29T12:00:00+01:00', '2026-11-22T08:30:00Z']);
        return tag(
          'hostile-datetime',
          r.pick(['0000-01-01T00:00:00Z', '99999-01-01T00:00:00Z', '1900-02-30T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2024-01-01', 'yesterday', 0, '2024-01-01T25:00:00Z', NUL]),
        );
      case 'Date':
        if (!hostile) return r.pick(['1990-05-01', '2000-02-29', '1948-07-05', '2030-01-01']);
        return tag('hostile-date', r.pick(['0000-01-01', '99999-01-01', '1900-02-30', '2024-13-01', '0001-01-01', '9999-12-31', '1990-05-01T00:00:00Z', 19900501, NUL]));
      default: {
        if ((name === 'after' || name === 'before') && !hostile) return r.chance(0.8) && this.pools.cursors.length ? r.pick(this.pools.cursors) : r.bytes(40 + r.int(60)).toString('base64url');
        if (!hostile) {
          if (name === 'email') return r.pick(['admin@acme-care.test', 'clinician@acme-care.test', 'nobody@example.com']);
          if (name === 'password') return r.pick(['demo-password', 'wrong']);
          if (name === 'tenantSlug') return r.pick(['acme-care', 'northwind-clinic', 'nowhere']);
          if (name === 'nhsNumber') return r.pick(['9434765919', '9434765918', '123']);
          return r.pick(['Smith', 'a', 'Ann', 'Check-up', 'Note text', 'M000001', 'https://meet.example.com/x', '+44 20 7946 0000']);
        }
        return tag(
          'hostile-string',
          r.pick([NUL, '', ' ', 'x'.repeat(501), 'x'.repeat(20_001), 'y'.repeat(100_000), '%_\\', '😀', '\ud800', 'Ω'.repeat(300), 5, 2.5, false, ['a'], ...SQL_TEXT]),
        );
      }
    }
  }

  private id(name: string, field: string, hostile: boolean): unknown {
    const r = this.random;
    const { ids, foreignIds } = this.pools;
    const types = Object.keys(ids);
    const expected = ID_TYPES[name];
    if (!hostile) {
      const type = expected && r.chance(0.6) ? expected : r.pick(types);
      if (r.chance(0.85)) return r.pick(ids[type]);
      this.tags.add('id-of-another-tenant');
      return r.pick(foreignIds[type]);
    }
    this.tags.add('hostile-id');
    return r.pick([
      r.bytes(8 + r.int(48)).toString('base64url'),
      r.bytes(8 + r.int(48)).toString('base64'),
      toGlobalId(expected ?? 'Patient', 'not-a-uuid'),
      toGlobalId('Bogus', '00000000-0000-4000-8000-000000000000'),
      toGlobalId(expected ?? r.pick(types), '00000000-0000-4000-8000-000000000000'),
      toGlobalId('Patient\u0000', '00000000-0000-4000-8000-000000000000'),
      'not-an-id',
      '',
      'x'.repeat(300),
      NUL,
      12345,
      1.5,
      true,
      ...SQL_TEXT,
    ]);
  }

  // -- printing a JavaScript value as a GraphQL literal

  private literal(value: unknown): string {
    if (value instanceof EnumValue) return value.name;
    if (value instanceof VariableRef) return `$${value.name}`;
    if (value === null || value === undefined) return 'null';
    if (Array.isArray(value)) return `[${value.map((v) => this.literal(v)).join(', ')}]`;
    if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}: ${this.literal(v)}`).join(', ')}}`;
    if (typeof value === 'string') return JSON.stringify(value);
    return String(value);
  }
}
