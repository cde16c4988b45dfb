import { createHash } from 'node:crypto';
import request from 'supertest';
import { ACME, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { redisAvailable, startRedis, TestRedis } from './support/redis';

/**
 * Automatic persisted queries for first-party apps (issue 15): the hash first, the document once
 * after PERSISTED_QUERY_NOT_FOUND; the cache is bounded in entries and bytes, or shared by every
 * instance through Redis.
 */

type Data = Record<string, any>;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });
const send = (on: TestApp, token: string, body: Data) => request(on.server.requestListener).post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${token}`).send(body);
/** Three different documents, each a few hundred bytes. */
const documents = ['patients', 'sites', 'careProfessionals'].map((list) => `query ${list}Count { ${list}(first: 1) { totalCount } }`);

describe('automatic persisted queries', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Room for two documents only: the third pushes the oldest out.
    app = await startTestApp({ config: { persistedQueries: { maxEntries: 2, maxBytes: 1_048_576, ttlSeconds: 60 } } });
  });
  afterAll(() => app?.stop());

  it('run a registered document by its hash, ask for the document once, and keep at most the configured number', async () => {
    const token = await app.login(Role.CLINICIAN, ACME);
    const [first, second, third] = documents;
    const unknown = await send(app, token, { extensions: persisted(first) });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await send(app, token, { query: first, extensions: persisted(first) });
    expect(registered.body.errors).toBeUndefined();
    const byHash = await send(app, token, { extensions: persisted(first) });
    expect(byHash.body).toEqual(registered.body);
    // A hash that is not the document's: refused, nothing run.
    const mismatched = await send(app, token, { query: second, extensions: persisted(first) });
    expect(mismatched.status).toBe(400);
    // Two more: the first is evicted (at most 2 entries), the later ones stay.
    for (const query of [second, third]) expect((await send(app, token, { query, extensions: persisted(query) })).body.errors).toBeUndefined();
    expect((await send(app, token, { extensions: persisted(first) })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await send(app, token, { extensions: persisted(third) })).body.errors).toBeUndefined();
  });
});

(redisAvailable() ? describe : describe.skip)('automatic persisted queries shared through Redis', () => {
  let redis: TestRedis;
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    redis = await startRedis();
    first = await startTestApp({ config: { redisUrl: redis.url } });
    second = await startTestApp({ db: first.db, config: { redisUrl: redis.url } });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await redis?.stop();
  });

  it('register on one instance and run on another; while Redis is down a hash is a miss, never an error', async () => {
    const token = await first.login(Role.CLINICIAN, ACME);
    const [query] = documents;
    expect((await send(first, token, { query, extensions: persisted(query) })).body.errors).toBeUndefined();
    const elsewhere = await send(second, token, { extensions: persisted(query) });
    expect(elsewhere.body.errors).toBeUndefined();
    expect(elsewhere.body.data.patients.totalCount).toEqual(expect.any(Number));

    await redis.stop();
    expect((await send(second, token, { extensions: persisted(query) })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // The document sent again is answered (it cannot be kept until Redis is back).
    const again = await send(second, token, { query, extensions: persisted(query) });
    expect(again.body.errors).toBeUndefined();
  });
});
