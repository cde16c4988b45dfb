import express from 'express';
import request from 'supertest';
import { getIntrospectionQuery } from 'graphql';
import { mountGraphiql } from '../src/http/graphiql';
import { startTestApp, TestApp } from './support/harness';

// A bare app: GraphiQL in front, a stand-in for Apollo behind it. No database needed.
function buildApp() {
  const app = express();
  mountGraphiql(app, '/graphql');
  app.get('/graphql', (_req, res) => {
    res.json({ fellThrough: true });
  });
  app.post('/graphql', (_req, res) => {
    res.json({ data: { __typename: 'Query' } });
  });
  return app;
}

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

async function fetchPage(app: express.Express) {
  return request(app).get('/graphql').set('Accept', BROWSER_ACCEPT);
}

/** The settings the page hands to graphiql-init.js. */
function pageConfig(html: string): { url: string; defaultQuery: string; headers?: string } {
  const match = /<script id="graphiql-config" type="application\/json">([^<]*)<\/script>/.exec(html);
  return JSON.parse(match![1]);
}

/** The headers GraphiQL sends as it opens: the page's preset ones, if any. */
function presetHeaders(html: string): Record<string, string> {
  return JSON.parse(pageConfig(html).headers ?? '{}');
}

function referencedAssets(html: string): string[] {
  return [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]);
}

describe('GraphiQL served offline', () => {
  const app = buildApp();

  it('serves the IDE page to a browser GET, locked to its own origin by CSP', async () => {
    const res = await fetchPage(app);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<div id="graphiql">');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:/);
  });

  it('references no external URL (hospital networks are offline)', async () => {
    const res = await fetchPage(app);
    expect(res.text).not.toMatch(/https?:\/\//i);
    expect(res.text).not.toMatch(/(src|href)="\/\//); // protocol-relative URLs are external too
  });

  it('serves every referenced asset locally with the right type and a long cache', async () => {
    const assets = referencedAssets((await fetchPage(app)).text);
    // React, ReactDOM, GraphiQL JS + CSS, and our bootstrap script.
    expect(assets).toHaveLength(5);
    for (const path of assets) {
      expect(path.startsWith('/graphiql-assets/')).toBe(true);
      const res = await request(app).get(path).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(res.status).toBe(200);
      expect((res.body as Buffer).length).toBeGreaterThan(0);
      const type = path.endsWith('.css') ? 'text/css' : 'text/javascript';
      expect(res.headers['content-type']).toBe(`${type}; charset=utf-8`);
      expect(res.headers['cache-control']).toBe('public, max-age=86400');
    }
  });

  it('does not expose other files from node_modules', async () => {
    for (const path of ['/graphiql-assets/package.json', '/graphiql-assets/..%2Fpackage.json', '/graphiql-assets/index.umd.js.map']) {
      expect((await request(app).get(path)).status).toBe(404);
    }
  });

  it('passes GraphQL-over-GET and non-browser GETs through to the GraphQL server', async () => {
    const withQuery = await request(app).get('/graphql').query({ query: '{ __typename }' }).set('Accept', BROWSER_ACCEPT);
    expect(withQuery.body).toEqual({ fellThrough: true });
    const jsonClient = await request(app).get('/graphql').set('Accept', 'application/json');
    expect(jsonClient.body).toEqual({ fellThrough: true });
    const post = await request(app).post('/graphql').send({ query: '{ __typename }' });
    expect(post.body).toEqual({ data: { __typename: 'Query' } });
  });
});

// What the page does as it opens, against the real server: fetch the schema, then run the
// default query (login), with no Authorization header (a placeholder one made both 401).
describe('GraphiQL as it opens', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  const page = async () => (await request(app.server.requestListener).get('/graphql').set('Accept', BROWSER_ACCEPT)).text;

  it('sets no headers, so nothing is sent but what the user pastes', async () => {
    const config = pageConfig(await page());
    expect(Object.keys(config).sort()).toEqual(['defaultQuery', 'url']);
    const init = await request(app.server.requestListener).get('/graphiql-assets/graphiql-init.js');
    expect(init.text).not.toMatch(/\b(default)?headers:/i); // neither `headers` nor `defaultHeaders` props
  });

  it('loads the schema anonymously (introspection)', async () => {
    const headers = presetHeaders(await page());
    const response = await app.graphql<{ __schema: { queryType: { name: string } } }, unknown>(getIntrospectionQuery(), undefined, undefined, headers);
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data!.__schema.queryType.name).toBe('Query');
  });

  it('runs its default query, the login mutation, anonymously, and explains where the token goes', async () => {
    const html = await page();
    const { defaultQuery } = pageConfig(html);
    expect(defaultQuery).toMatch(/Headers tab/);
    expect(defaultQuery).toContain('"Authorization": "Bearer <accessToken>"');
    const response = await app.graphql<{ login: { accessToken: string } }, unknown>(defaultQuery, undefined, undefined, presetHeaders(html));
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    const token = response.data!.login.accessToken;
    const me = await app.graphql<{ patients: { totalCount: number } }, unknown>('{ patients(first: 1) { totalCount } }', undefined, token);
    expect(me.data!.patients.totalCount).toBeGreaterThan(0);
  });
});
