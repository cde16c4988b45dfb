import { createHash } from 'node:crypto';
import request from 'supertest';
import { ACME, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { parse } from 'graphql';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { redisAvailable, startRedis, TestRedis } from './support/redis';
import { parsedDocumentCache } from '../src/graphql/persisted-queries';

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
    app = await startTestApp({ config: { persistedQueries: { maxEntries: 2, maxBytes: 1_048_576, ttlSeconds: 60, maxDocumentLength: 2_000 } } });
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

  it('are registered by signed-in callers only, and only up to APQ_MAX_DOCUMENT_LENGTH; either way the document sent is answered', async () => {
    const token = await app.login(Role.CLINICIAN, ACME);
    const anonymous = '{ __typename }';
    const post = (body: Data) => request(app.server.requestListener).post('/graphql').set('content-type', 'application/json').send(body);
    expect((await post({ query: anonymous, extensions: persisted(anonymous) })).body).toEqual({ data: { __typename: 'Query' } });
    expect((await post({ extensions: persisted(anonymous) })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // Over GET too.
    const viaGet = await request(app.server.requestListener).get('/graphql').query({ query: anonymous, extensions: JSON.stringify(persisted(anonymous)) }).set('apollo-require-preflight', 'true');
    expect(viaGet.body).toEqual({ data: { __typename: 'Query' } });
    expect((await post({ extensions: persisted(anonymous) })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // Longer than the cap (2,000 characters here): answered, not kept.
    const long = `{ __typename } # ${'x'.repeat(2_100)}`;
    expect((await send(app, token, { query: long, extensions: persisted(long) })).body).toEqual({ data: { __typename: 'Query' } });
    expect((await send(app, token, { extensions: persisted(long) })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

it('parsed documents are counted with the text they keep: padding (comments and blanks, which are not tokens) does not escape the budget', async () => {
  const cache = parsedDocumentCache(1_000_000) as InMemoryLRUCache<ReturnType<typeof parse>>;
  for (let i = 0; i < 20; i++) await cache.set(`doc${i}`, parse(`{ __typename } # ${String(i).repeat(1)}${'x'.repeat(100_000)}`));
  // 20 documents of 100 KB of text in a 1 MB budget: only what fits stays (Apollo's own estimate would keep all 20).
  expect(cache.keys().length).toBeLessThanOrEqual(5);
  expect(await cache.get('doc19')).toBeDefined();
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
