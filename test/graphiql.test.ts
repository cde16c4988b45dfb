import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { getIntrospectionQuery } from 'graphql';
import { mountGraphiql } from '../src/http/graphiql';
import { Role } from '../src/entities/enums';
import { examplesFor } from '../src/http/ide/examples';
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

/** The settings the page hands to caregraph-ide.js. */
function pageConfig(html: string): { url: string; defaultQuery: string; examples: Record<string, string>; headers?: string } {
  const match = /<script id="graphiql-config" type="application\/json">([^<]*)<\/script>/.exec(html);
  return JSON.parse(match![1]);
}

/** The headers GraphiQL sends as it opens: the page's preset ones, if any. */
function presetHeaders(html: string): Record<string, string> {
  return JSON.parse(pageConfig(html).headers ?? '{}');
}

/** The files the page loads (its icon is an empty `data:` URL, so that no /favicon.ico is asked for). */
function referencedAssets(html: string): string[] {
  return [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]).filter((url) => url !== 'data:,');
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
    // React, ReactDOM, GraphiQL JS + CSS, the explorer plugin JS + CSS, and our two scripts.
    expect(assets.map((url) => url.split('?')[0]).sort()).toEqual(
      ['caregraph-csv.js', 'caregraph-ide.js', 'graphiql.min.css', 'graphiql.min.js', 'plugin-explorer.css', 'plugin-explorer.umd.js', 'react-dom.production.min.js', 'react.production.min.js'].map((name) => `/graphiql-assets/${name}`),
    );
    // A digest of the file in each URL, so that a day's cache never mixes two releases.
    for (const url of assets) expect(url).toMatch(/\?v=[0-9a-f]{12}$/);
    for (const path of assets) {
      expect(path.startsWith('/graphiql-assets/')).toBe(true);
      const res = await request(app).get(path).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(res.status).toBe(200);
      expect((res.body as Buffer).length).toBeGreaterThan(0);
      const type = path.split('?')[0].endsWith('.css') ? 'text/css' : 'text/javascript';
      expect(res.headers['content-type']).toBe(`${type}; charset=utf-8`);
      expect(res.headers['cache-control']).toBe('public, max-age=86400');
    }
  });

  it('does not expose other files from node_modules', async () => {
    for (const path of ['/graphiql-assets/package.json', '/graphiql-assets/..%2Fpackage.json', '/graphiql-assets/index.umd.js.map', '/graphiql-assets/csv.js', '/graphiql-assets/examples.ts', '/graphiql-assets/ide%2Fide.js']) {
      expect((await request(app).get(path)).status).toBe(404);
    }
  });

  it('serves the same CSV rules the Node tests run (src/http/ide/csv.js), and the IDE script that uses them', async () => {
    const csv = await request(app).get('/graphiql-assets/caregraph-csv.js');
    expect(csv.text).toBe(fs.readFileSync(path.join(__dirname, '../src/http/ide/csv.js'), 'utf8'));
    const ide = await request(app).get('/graphiql-assets/caregraph-ide.js');
    expect(ide.text).toContain('CareGraphCsv.resultToCsv');
    // Nothing evaluated from text (script-src 'self' without 'unsafe-eval' would refuse it anyway).
    for (const script of [csv.text, ide.text]) expect(script).not.toMatch(/\beval\(|new Function\(/);
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

// What the page does as it opens, against the real server: fetch the schema anonymously, the
// welcome query asking to sign in first; the examples of each role. Signing in from the page
// itself, in a real browser: test/ide-browser.test.ts.
describe('GraphiQL as it opens', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  const page = async () => (await request(app.server.requestListener).get('/graphql').set('Accept', BROWSER_ACCEPT)).text;

  it('presets no headers: the page’s script adds the signed-in token itself', async () => {
    const config = pageConfig(await page());
    expect(Object.keys(config).sort()).toEqual(['defaultQuery', 'examples', 'url']);
  });

  it('loads the schema anonymously (introspection)', async () => {
    const headers = presetHeaders(await page());
    const response = await app.graphql<{ __schema: { queryType: { name: string } } }, unknown>(getIntrospectionQuery(), undefined, undefined, headers);
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data!.__schema.queryType.name).toBe('Query');
  });

  it('opens on a query that asks to sign in first, and answers who is signed in once they are', async () => {
    const { defaultQuery } = pageConfig(await page());
    expect(defaultQuery).toMatch(/Sign in with the bar above/);
    const anonymous = await app.graphql<unknown, unknown>(defaultQuery);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const token = await app.login(Role.ANALYST);
    const me = await app.graphql<{ me: { user: { email: string }; role: string; tenant: { slug: string } } }, unknown>(defaultQuery, undefined, token);
    expect(me.errors).toBeUndefined();
    expect(me.data!.me).toMatchObject({ user: { email: 'analyst@acme-care.test' }, role: 'ANALYST', tenant: { slug: 'acme-care' } });
  });

  it('carries every role’s examples, as examples.ts writes them', async () => {
    const { examples } = pageConfig(await page());
    expect(Object.keys(examples).sort()).toEqual(Object.values(Role).sort());
    for (const role of Object.values(Role)) {
      for (const example of examplesFor(role)) expect(examples[role]).toContain(`query ${example.name}`);
    }
  });
});
