import http from 'node:http';
import fs from 'node:fs';
import { Kind, parse, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from './support/harness';
import { freePort, waitFor } from './support/process';
import { chromiumPath } from './support/chromium';
import { DEMO_PASSWORD } from '../src/demo/demo-data';
import { parseCsv } from './support/csv';

// The IDE in a real headless Chromium against the real server: sign-in, examples, explorer,
// a query, the CSV download, the session's end; and, all along, no request to any other
// host, no CSP violation and no console error.

jest.setTimeout(120_000);

interface Sent {
  url: string;
  method: string;
  authorization?: string;
  operationName?: string;
}

interface Browsing {
  page: Page;
  context: BrowserContext;
  requests: Sent[];
  problems: string[];
  origin: string;
}

/** What the callbacks run in the page use of it (the project's TypeScript has no DOM library: the server has no DOM). */
interface InPage {
  document: {
    querySelector(selector: string): { CodeMirror: { getValue(): string } } | null;
    addEventListener(type: 'securitypolicyviolation', listener: (event: { violatedDirective: string; blockedURI: string }) => void): void;
  };
  reportCspViolation(text: string): void;
}

/** The text of one of GraphiQL's CodeMirror editors (`.graphiql-query-editor`, `.graphiql-response`). */
const editorText = (page: Page, selector: string) =>
  page.evaluate((sel) => (globalThis as unknown as InPage).document.querySelector(`${sel} .CodeMirror`)!.CodeMirror.getValue(), selector);

/** The fields selected on `appointments { nodes { … } }` in the editor's AppointmentsByStatus. */
function appointmentFields(text: string): string[] {
  const operation = parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === 'AppointmentsByStatus');
  const field = (set: SelectionSetNode | undefined, name: string) => set?.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === name);
  const nodes = field(field(operation?.selectionSet, 'appointments')?.selectionSet, 'nodes');
  return (nodes?.selectionSet?.selections ?? []).map((s) => (s as FieldNode).name.value);
}


interface Serving {
  app: TestApp;
  server: http.Server;
  origin: string;
}

/** The real server, listening on a loopback port of its own. */
async function serve(options: Parameters<typeof startTestApp>[0] = {}): Promise<Serving> {
  const app = await startTestApp(options);
  const server = http.createServer(app.server.requestListener);
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { app, server, origin: `http://127.0.0.1:${port}` };
}

async function stop(serving: Serving | undefined) {
  if (!serving) return;
  await new Promise((resolve) => serving.server.close(resolve));
  await serving.app.stop();
}

describe('the IDE in a headless browser', () => {
  let browser: Browser;
  let main: Serving;
  /** Over the same database, access tokens of 20 s: under the page's 30 s margin, so every request renews its token first. */
  let shortLived: Serving;

  beforeAll(async () => {
    const executablePath = chromiumPath(); // fails here, saying how to install it, when Chromium is missing
    main = await serve();
    shortLived = await serve({ db: main.app.db, config: { jwtTtlSeconds: 20 } });
    browser = await chromium.launch({ executablePath, headless: true });
  });

  afterAll(async () => {
    await browser?.close();
    await stop(shortLived);
    await stop(main);
  });

  async function open({ origin }: Serving): Promise<Browsing> {
    const context = await browser.newContext({ acceptDownloads: true });
    const requests: Sent[] = [];
    const problems: string[] = [];
    context.on('request', (request) => {
      const body = request.postData();
      let operationName: string | undefined;
      try {
        operationName = body ? (JSON.parse(body) as { operationName?: string }).operationName ?? undefined : undefined;
      } catch {
        operationName = undefined;
      }
      requests.push({ url: request.url(), method: request.method(), authorization: request.headers().authorization, operationName });
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // CSP violations, reported by the page itself (scripts injected this way are not subject to the page's CSP).
    await page.exposeFunction('reportCspViolation', (text: string) => problems.push(`CSP: ${text}`));
    await page.addInitScript(() => {
      const page = globalThis as unknown as InPage;
      page.document.addEventListener('securitypolicyviolation', (event) => page.reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI}`));
    });
    await page.goto(`${origin}/graphql`);
    // A page that does not come up says why (a script error, a CSP refusal) rather than only timing out.
    await page.locator('#cg-signin').waitFor({ timeout: 15_000 }).catch((error: Error) => {
      throw new Error(`${error.message}\n${problems.join('\n')}`);
    });
    return { page, context, requests, problems, origin };
  }

  async function signIn(page: Page, password: string) {
    await page.fill('#cg-tenantSlug', 'acme-care');
    await page.fill('#cg-email', 'analyst@acme-care.test');
    await page.fill('#cg-password', password);
    await page.click('#cg-signin');
  }

  it('signs an analyst in, runs an example, downloads its rows as CSV, signs out; only this server is asked, with no CSP violation or console error', async () => {
    const { page, context, requests, problems, origin } = await open(main);
    try {
      // A wrong password: the API's own message, and still signed out.
      await signIn(page, 'not-the-password');
      await expectText(page, '#cg-error', 'Invalid email, password or tenant');
      expect(await page.locator('#cg-whoami').count()).toBe(0);

      await signIn(page, DEMO_PASSWORD);
      await expectText(page, '#cg-whoami', 'analyst@acme-care.test');
      const whoami = await page.textContent('#cg-whoami');
      expect(whoami).toContain('ANALYST');
      expect(whoami).toContain('(acme-care)');

      // The role's examples open in a new tab, and the explorer lists the schema's queries.
      await page.waitForFunction(() => (globalThis as unknown as InPage).document.querySelector('.graphiql-query-editor .CodeMirror') !== null);
      await waitFor('the examples in the editor', async () => (await editorText(page, '.graphiql-query-editor')).includes('query AppointmentsByStatus'), 10_000);
      expect(await editorText(page, '.graphiql-query-editor')).toContain('query PatientsPerSite');
      const explorer = page.locator('.graphiql-explorer-root');
      await explorer.locator('[data-field-name="appointments"]').first().waitFor();
      expect((await explorer.first().boundingBox())!.width).toBeGreaterThan(150);

      // Run the first example from the run button's menu of operations.
      await run(page, 'AppointmentsByStatus');
      await waitFor('the result', async () => (await editorText(page, '.graphiql-response')).includes('"totalCount"'), 15_000);
      const result = JSON.parse(await editorText(page, '.graphiql-response')) as {
        data: { appointments: { totalCount: number; nodes: Array<{ startTime: string; endTime: string; status: string; title: string; site: { name: string } | null; careProfessional: { lastName: string } | null }> } };
        errors?: unknown;
      };
      expect(result.errors).toBeUndefined();
      const nodes = result.data.appointments.nodes;
      expect(nodes.length).toBeGreaterThan(0);

      // The CSV: a header of dotted columns and one record per row of the result, as shown.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cg-csv')]);
      expect(download.suggestedFilename()).toMatch(/^caregraph-appointments-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = fs.readFileSync((await download.path())!, 'utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const [header, ...rows] = parseCsv(text.slice(1));
      expect(header).toEqual(['startTime', 'endTime', 'status', 'title', 'site.name', 'careProfessional.lastName']);
      expect(rows).toEqual(nodes.map((n) => [n.startTime, n.endTime, n.status, n.title, n.site?.name ?? '', n.careProfessional?.lastName ?? '']));
      expect(new Set(rows.map((row) => row[2]))).toEqual(new Set(['COMPLETED']));
      await expectText(page, '#cg-csv-status', `Saved ${nodes.length} rows of appointments.nodes`);

      // An aggregate: appointments per status, site and month, its groups downloaded as CSV.
      await run(page, 'AppointmentsPerStatusSiteMonth');
      await waitFor('the aggregate', async () => (await editorText(page, '.graphiql-response')).includes('"appointmentsAggregate"'), 15_000);
      const aggregate = JSON.parse(await editorText(page, '.graphiql-response')) as {
        data: { appointmentsAggregate: { count: number; groups: { totalCount: number; nodes: Array<{ keys: { status: string; site: { name: string } | null; startTime: string }; count: number | null; patients: number | null; suppressed: boolean }> } } };
        errors?: unknown;
      };
      expect(aggregate.errors).toBeUndefined();
      const groups = aggregate.data.appointmentsAggregate.groups.nodes;
      expect(groups.length).toBeGreaterThan(0);
      // Shown groups hold at least 5 patients or none (rows about leads; small cells are suppressed for an analyst), and they add up to at most the total.
      expect(groups.filter((g) => !g.suppressed).every((g) => g.patients === 0 || g.patients! >= 5)).toBe(true);
      expect(groups.reduce((n, g) => n + (g.count ?? 0), 0)).toBeLessThanOrEqual(aggregate.data.appointmentsAggregate.count);
      const [groupDownload] = await Promise.all([page.waitForEvent('download'), page.click('#cg-csv')]);
      const [groupHeader, ...groupRows] = parseCsv(fs.readFileSync((await groupDownload.path())!, 'utf8').slice(1));
      expect(groupHeader).toEqual(['keys.status', 'keys.site.name', 'keys.startTime', 'count', 'patients', 'suppressed']);
      expect(groupRows).toEqual(groups.map((g) => [g.keys.status, g.keys.site?.name ?? '', g.keys.startTime, g.count === null ? '' : String(g.count), g.patients === null ? '' : String(g.patients), String(g.suppressed)]));
      await expectText(page, '#cg-csv-status', `Saved ${groups.length} rows of appointmentsAggregate.groups.nodes`);

      // The explorer builds queries by clicking: a field ticked there is added to the operation.
      expect(appointmentFields(await editorText(page, '.graphiql-query-editor'))).toEqual(['startTime', 'endTime', 'status', 'title', 'site', 'careProfessional']);
      await explorer.locator('[data-field-name="reason"]').first().click();
      await waitFor('the field the explorer added', async () => appointmentFields(await editorText(page, '.graphiql-query-editor')).includes('reason'), 5_000);

      // One tab of examples per sign-in, whatever is clicked since; the Examples button opens another.
      expect(await page.locator('.graphiql-tab').count()).toBe(2);
      await page.click('#cg-examples');
      await waitFor('a third tab', async () => (await page.locator('.graphiql-tab').count()) === 3, 5_000);
      await waitFor('the examples, as written, in the new tab', async () => appointmentFields(await editorText(page, '.graphiql-query-editor')).join() === 'startTime,endTime,status,title,site,careProfessional', 5_000);

      // Signing out ends the session on the server too, and later requests go without a token.
      await page.click('#cg-signout');
      await page.locator('#cg-signin').waitFor();
      await waitFor('the sign-out request', () => requests.some((r) => r.operationName === 'SignOut'), 5_000);

      const posts = graphqlPosts(requests);
      const signInAt = posts.findIndex((r) => r.operationName === 'SignIn');
      // Before sign-in (the schema) and the credential mutations themselves: no token.
      expect(signInAt).toBeGreaterThan(0); // the schema was asked for before
      for (const r of posts.slice(0, signInAt + 1)) expect(r.authorization).toBeUndefined();
      for (const r of posts.filter((p) => ['SignIn', 'Refresh', 'SignOut'].includes(p.operationName ?? ''))) expect(r.authorization).toBeUndefined();
      // The query ran with the session's token, which needed no renewal yet (15 minutes).
      const query = posts.find((r) => r.operationName === 'AppointmentsByStatus')!;
      expect(query.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      expect(posts.some((r) => r.operationName === 'Refresh')).toBe(false);

      // Nothing the page showed is left in the browser's storage (queries and results may hold patients' details).
      const stored = await page.evaluate(() => {
        const w = globalThis as unknown as { localStorage: { length: number; key(i: number): string | null }; sessionStorage: { length: number } };
        return { local: Array.from({ length: w.localStorage.length }, (_, i) => w.localStorage.key(i)), session: w.sessionStorage.length };
      });
      expect(stored).toEqual({ local: [], session: 0 });

      // Nothing but this server: every request the page made, scripts, styles and the download included.
      const elsewhere = requests.filter((r) => !r.url.startsWith(`${origin}/`) && !r.url.startsWith('data:') && !r.url.startsWith(`blob:${origin}/`));
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  /** Runs one of the editor's operations from the run button's menu. */
  async function run(page: Page, operation: string) {
    await page.click('.graphiql-execute-button');
    await page.getByRole('menuitem', { name: operation }).click();
  }

  const graphqlPosts = (requests: Sent[]) => requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/graphql');

  it('renews the token when the member’s access changed, and runs the query again: the bar shows the new role', async () => {
    const { page, context, requests, problems } = await open(main);
    const analyst = `SELECT id FROM users WHERE email = 'analyst@acme-care.test'`;
    try {
      await signIn(page, DEMO_PASSWORD);
      await expectText(page, '#cg-whoami', '· ANALYST ·');
      await waitFor('the examples in the editor', async () => (await editorText(page, '.graphiql-query-editor')).includes('query PatientsPerSite'), 10_000);
      // An admin makes the analyst a coordinator: the token in hand is refused once (ACCESS_CHANGED).
      await main.app.db.owner(`UPDATE memberships SET role = 'COORDINATOR' WHERE user_id = (${analyst})`);
      await run(page, 'PatientsPerSite');
      await waitFor('the result', async () => (await editorText(page, '.graphiql-response')).includes('"sites"'), 15_000);
      const result = JSON.parse(await editorText(page, '.graphiql-response')) as { data?: { sites: { nodes: unknown[] } }; errors?: unknown };
      expect(result.errors).toBeUndefined();
      expect(result.data!.sites.nodes.length).toBeGreaterThan(0);
      await expectText(page, '#cg-whoami', '· COORDINATOR ·');
      const sent = graphqlPosts(requests).filter((r) => ['PatientsPerSite', 'Refresh'].includes(r.operationName ?? ''));
      expect(sent.map((r) => r.operationName)).toEqual(['PatientsPerSite', 'Refresh', 'PatientsPerSite']);
      expect(sent[2].authorization).toMatch(/^Bearer /);
      expect(sent[2].authorization).not.toBe(sent[0].authorization);
      expect(problems).toEqual([]);
    } finally {
      await main.app.db.owner(`UPDATE memberships SET role = 'ANALYST' WHERE user_id = (${analyst})`);
      await context.close();
    }
  });

  it('renews a token about to expire before sending a request with it', async () => {
    const { page, context, requests, problems } = await open(shortLived);
    try {
      await signIn(page, DEMO_PASSWORD);
      await expectText(page, '#cg-whoami', 'analyst@acme-care.test');
      await waitFor('the examples in the editor', async () => (await editorText(page, '.graphiql-query-editor')).includes('query PatientsPerSite'), 10_000);
      await run(page, 'PatientsPerSite');
      await waitFor('the result', async () => (await editorText(page, '.graphiql-response')).includes('"sites"'), 15_000);
      expect(JSON.parse(await editorText(page, '.graphiql-response')).errors).toBeUndefined();
      const sent = graphqlPosts(requests).filter((r) => ['PatientsPerSite', 'Refresh'].includes(r.operationName ?? ''));
      expect(sent.map((r) => r.operationName)).toEqual(['Refresh', 'PatientsPerSite']);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the API’s word when the refresh token is no longer valid, and asks to sign in again', async () => {
    const { page, context, problems } = await open(shortLived);
    try {
      await signIn(page, DEMO_PASSWORD);
      await expectText(page, '#cg-whoami', 'analyst@acme-care.test');
      await waitFor('the examples in the editor', async () => (await editorText(page, '.graphiql-query-editor')).includes('query PatientsPerSite'), 10_000);
      // Every session ended elsewhere (an admin, another device): the refresh token is revoked.
      await shortLived.app.db.owner(`UPDATE refresh_tokens SET revoked_at = now() WHERE revoked_at IS NULL`);
      await run(page, 'PatientsPerSite');
      await expectText(page, '#cg-error', 'Your session has ended (This refresh token is not valid');
      expect(await page.locator('#cg-whoami').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/** Waits until the element holds the text; a timeout says what it held instead. */
async function expectText(page: Page, selector: string, text: string) {
  await page.locator(selector, { hasText: text }).first().waitFor({ timeout: 10_000 }).catch(async (error: Error) => {
    const shown = (await page.locator(selector).count()) ? await page.locator(selector).first().textContent() : '(no such element)';
    throw new Error(`${selector} should hold "${text}", holds "${shown}": ${error.message}`);
  });
}
