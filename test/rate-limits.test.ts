import request from 'supertest';
import { NORTHWIND, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { demoEmail, DEMO_PASSWORD } from '../src/demo/demo-data';
import { redisAvailable, startRedis, TestRedis } from './support/redis';
import { addressKey } from '../src/http/rate-limits';

/**
 * Request rate limits (issue 15, in memory): per member, and per client address without a
 * token; an excess request is 429 with Retry-After and a GraphQL error code, and costs no
 * database work.
 */

type Data = Record<string, any>;
let app: TestApp;
let proxied: TestApp;

beforeAll(async () => {
  app = await startTestApp({ config: { rateLimits: { member: { perMinute: 3, burst: 2 }, anonymous: { perMinute: 4, burst: 1 }, trustProxyHops: 0, accountFailures: 1000 } } });
  proxied = await startTestApp({ db: app.db, config: { rateLimits: { member: { perMinute: 100, burst: 1 }, anonymous: { perMinute: 1, burst: 1 }, trustProxyHops: 1, accountFailures: 1000 } } });
});
afterAll(async () => {
  await proxied?.stop();
  await app?.stop();
});

const post = (on: TestApp, body: Data, headers: Record<string, string> = {}) => {
  let call = request(on.server.requestListener).post('/graphql').set('content-type', 'application/json');
  for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
  return call.send(body);
};
const login = (on: TestApp, role: Role, password = DEMO_PASSWORD, headers: Record<string, string> = {}) =>
  post(on, { query: `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, variables: { input: { email: demoEmail(role, NORTHWIND), password, tenantSlug: NORTHWIND } } }, headers);
const expectLimited = (response: request.Response) => {
  expect(response.status).toBe(429);
  expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(response.body.errors[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: Number(response.headers['retry-after']) });
};

describe('rate limits', () => {
  it('give each member a steady rate and a burst, then answer 429 with Retry-After, before any database work', async () => {
    // Two logins: anonymous requests of this address (4 a minute, 1 of burst).
    const clinician = (await login(app, Role.CLINICIAN)).body.data.login.accessToken as string;
    const admin = (await login(app, Role.ADMIN)).body.data.login.accessToken as string;
    const ask = (token: string) => post(app, { query: '{ me { role } }' }, { authorization: `Bearer ${token}` });
    // 3 a minute and 2 of burst: five answered (the first gives a download link), the sixth refused.
    const linked = await post(app, { query: '{ documents(first: 1) { nodes { versions(first: 1) { nodes { download { url } } } } } }' }, { authorization: `Bearer ${clinician}` });
    expect(linked.status).toBe(200);
    const url: string = linked.body.data.documents.nodes[0].versions.nodes[0].download.url;
    for (let i = 0; i < 4; i++) expect((await ask(clinician)).status).toBe(200);
    const finished = app.statements.size;
    const refused = await ask(clinician);
    expectLimited(refused);
    // Nothing reached the database: no request transaction was opened or ended.
    expect(app.statements.size).toBe(finished);
    // A download link counts as its member's request too.
    expectLimited(await request(app.server.requestListener).get(url));
    // Another member has a bucket of their own.
    expect((await ask(admin)).status).toBe(200);
  });

  it('count requests without a token by client address, wrong passwords and bad tokens included', async () => {
    // This address made two logins in the test before: two more anonymous requests fit, then the burst's one.
    expect((await login(app, Role.CARE_WORKER, 'wrong password')).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await post(app, { query: '{ me { role } }' }, { authorization: 'Bearer not.a.token' })).status).toBe(401);
    expect((await login(app, Role.CARE_WORKER)).status).toBe(200);
    expectLimited(await login(app, Role.CARE_WORKER));
  });

  it('count credential mutations by client address whatever token comes with them, fragments included', async () => {
    const guesser = await startTestApp({ db: app.db, config: { rateLimits: { member: { perMinute: 100, burst: 1 }, anonymous: { perMinute: 3, burst: 0 }, trustProxyHops: 0, accountFailures: 1000 } } });
    try {
      // One login for a token: one request of the address, one credential attempt.
      const token = (await login(guesser, Role.ANALYST)).body.data.login.accessToken as string;
      const guess = (query: string) => post(guesser, { query, variables: { input: { email: demoEmail(Role.ADMIN, NORTHWIND), password: 'guess', tenantSlug: NORTHWIND } } }, { authorization: `Bearer ${token}` });
      const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';
      const VIA_FRAGMENT = 'mutation($input: LoginInput!) { ...Guess } fragment Guess on Mutation { attempt: login(input: $input) { accessToken } }';
      expect((await guess(LOGIN)).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await guess(VIA_FRAGMENT)).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      // The member's own budget is far from spent: the address's credential attempts are.
      expectLimited(await guess(LOGIN));
      expectLimited(await guess(VIA_FRAGMENT));
      // Other requests of the member go on.
      expect((await post(guesser, { query: '{ me { role } }' }, { authorization: `Bearer ${token}` })).status).toBe(200);
    } finally {
      await guesser.stop();
    }
  });

  it('hold back an account’s logins after repeated failures from any addresses, the right password included, and only that account’s', async () => {
    const guarded = await startTestApp({ db: app.db, config: { rateLimits: { member: { perMinute: 100, burst: 1 }, anonymous: { perMinute: 100, burst: 1 }, trustProxyHops: 1, accountFailures: 3 } } });
    try {
      const from = (address: string, role: Role, password: string) => login(guarded, role, password, { 'x-forwarded-for': address });
      // Three failures from three addresses: the account waits, whatever the next address or password.
      for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) expect((await from(address, Role.COORDINATOR, 'guess')).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expectLimited(await from('203.0.113.4', Role.COORDINATOR, DEMO_PASSWORD));
      // A successful login counts nothing, and another account is not held back.
      expect((await from('203.0.113.5', Role.CLINICIAN, DEMO_PASSWORD)).body.data.login.accessToken).toEqual(expect.any(String));
      expect((await from('203.0.113.5', Role.CLINICIAN, DEMO_PASSWORD)).status).toBe(200);
    } finally {
      await guarded.stop();
    }
  });

  it('key client addresses as one subscriber: IPv6 by its /64, IPv4-mapped as IPv4, ports left out', () => {
    expect(addressKey('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(addressKey('203.0.113.5:1234')).toBe('203.0.113.5');
    expect(addressKey('2001:db8:0:0:1::1')).toBe(addressKey('2001:DB8::ffff:2'));
    expect(addressKey('[2001:db8::1]:443')).toBe(addressKey('2001:db8::1'));
    expect(addressKey('2001:db8:0:1::1')).not.toBe(addressKey('2001:db8::1'));
    expect(addressKey('hello world')).toBe('unparsable');
    expect(addressKey(undefined)).toBe('unknown');
  });

  it('believe X-Forwarded-For only from as many proxies as TRUST_PROXY_HOPS says', async () => {
    // One trusted hop: each forwarded client has its own bucket (1 a minute, 1 of burst).
    const from = (address: string) => login(proxied, Role.ANALYST, DEMO_PASSWORD, { 'x-forwarded-for': address });
    expect((await from('203.0.113.7')).status).toBe(200);
    expect((await from('203.0.113.7')).status).toBe(200);
    expectLimited(await from('203.0.113.7'));
    expect((await from('198.51.100.2')).status).toBe(200);
    // Without trusted proxies (the other server), a forged header changes nothing: the socket's address counts.
    expectLimited(await login(app, Role.ANALYST, DEMO_PASSWORD, { 'x-forwarded-for': '192.0.2.99' }));
  });
});

/** With REDIS_URL, every instance counts in the same Redis: a caller's rate is shared, not multiplied. */
(redisAvailable() ? describe : describe.skip)('rate limits shared through Redis', () => {
  let redis: TestRedis;
  let first: TestApp;
  let second: TestApp;
  const limits = { member: { perMinute: 3, burst: 1 }, anonymous: { perMinute: 100, burst: 1 }, trustProxyHops: 0, accountFailures: 1000 };

  beforeAll(async () => {
    redis = await startRedis();
    first = await startTestApp({ db: app.db, config: { rateLimits: limits, redisUrl: redis.url } });
    second = await startTestApp({ db: app.db, config: { rateLimits: limits, redisUrl: redis.url } });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await redis?.stop();
  });

  it('counts a member’s requests across two instances, and keeps answering (in memory) while Redis is down', async () => {
    const token = (await login(first, Role.COORDINATOR)).body.data.login.accessToken as string;
    const ask = (on: TestApp) => post(on, { query: '{ me { role } }' }, { authorization: `Bearer ${token}` });
    // 3 a minute and 1 of burst, whichever instance answers: four in all, alternating.
    const statuses = [];
    for (const on of [first, second, first, second, first, second]) statuses.push((await ask(on)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);

    // Redis frozen (connections open, nothing answered, as from a hung host): each command
    // gives up after its timeout and the instance counts in memory; no request waits for Redis.
    redis.freeze();
    const frozen = await Promise.all([ask(first), ask(second)]);
    expect(frozen.map((r) => r.status)).toEqual([200, 200]);
    redis.thaw();

    // Redis gone: each instance counts in its own memory (fresh counters), and nothing fails.
    await redis.stop();
    const during = [];
    for (let i = 0; i < 5; i++) during.push((await ask(first)).status);
    // The frozen moment counted one already in this instance's memory.
    expect(during).toEqual([200, 200, 200, 429, 429]);
    expect((await ask(second)).status).toBe(200);
  });
});
