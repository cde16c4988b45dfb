// CareGraph's benchmark, side by side with PostGraphile 5, PostGraphile 4 and two hand-written
// `pg` servers over the same database, RLS policies and request role. See bench/README.md.
//
//   npm run bench                 quick mode (3 interleaved runs of 4 s per system and scenario)
//   npm run bench -- --full       5 runs of 10 s
//   options: --scale N (data size, default 1), --runs N, --duration S, --only a,b (scenario keys),
//            --update-readme (copy the result table into the project README)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { BENCH, OWNER_URL, ROOT, prepareSchema, startDatabase } from './lib/database.mjs';
import { generate } from './lib/generate.mjs';
import { CAREGRAPH_QUERIES, DATA_ENCRYPTION_KEY, NODE22, SYSTEMS, startSystem } from './lib/systems.mjs';
import { registerClientDocuments } from './lib/trusted.mjs';
import { memoryOf, summarize, timedRun } from './lib/measure.mjs';
import { queryScenarioArguments } from './lib/scenario-arguments.mjs';
import { renderReport, updateReadme } from './lib/report.mjs';

const { values: options } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    scale: { type: 'string', default: '1' },
    runs: { type: 'string' },
    duration: { type: 'string' },
    only: { type: 'string' },
    'update-readme': { type: 'boolean', default: false },
  },
});
const mode = options.full ? 'full' : 'quick';
const RUNS = Number(options.runs ?? (options.full ? 5 : 3));
const DURATION = Number(options.duration ?? (options.full ? 10 : 4));
const WARMUP = options.full ? 3 : 1;
const WRITES = options.full ? 4000 : 1500;
const SCALE = Number(options.scale);
if (!(RUNS >= 3)) throw new Error('--runs must be at least 3 (medians need them)');
if (!(DURATION > 0) || !(SCALE > 0)) throw new Error('--duration and --scale must be positive');

const started = Date.now();
const log = (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

const ALL = SYSTEMS.filter((s) => !s.sameProcessAs).map((s) => s.key);
const GRAPHQL = ['caregraph', 'postgraphile5', 'postgraphile4'];
/** CareGraph asked by documentId (trusted documents) next to the same request sent in full. */
const PERSISTED = 'caregraph-persisted';
const SCENARIOS = [
  { key: 'headline', title: 'Headline: 20 patients → 5 appointments each → 5 notes each, 8 connections', systems: [...ALL, PERSISTED], connections: 8, kind: 'headline', first: 20 },
  { key: 'headline-1', title: 'Headline at 1 connection', systems: ALL, connections: 1, kind: 'headline', first: 20 },
  { key: 'page-100', title: 'Page of 100 patients (same nesting), 8 connections', systems: ALL, connections: 8, kind: 'headline', first: 100 },
  { key: 'page-500', title: 'Page of 500 patients (same nesting), 8 connections', systems: ALL, connections: 8, kind: 'headline', first: 500 },
  { key: 'node', title: 'One patient by node(id), 5 fields, 8 connections', systems: [...GRAPHQL, PERSISTED], connections: 8, kind: 'node' },
  { key: 'deep-first', title: 'Appointments, first page of 20, 8 connections', systems: GRAPHQL, connections: 8, kind: 'page', offset: 0 },
  { key: 'deep-30000', title: 'Appointments, the page of 20 after a cursor 30,000 rows in, 8 connections', systems: GRAPHQL, connections: 8, kind: 'page', offset: 30_000 },
  // Filters, totalCount and references to one object (issue 10): CareGraph's compiled path against PostGraphile 5.
  { key: 'professional-appointments', title: "A care professional's appointments, first 50 (filter by reference), each with its patient, and totalCount, 8 connections", systems: ['caregraph', 'postgraphile5'], connections: 8, kind: 'query', client: 'professionalAppointments', argument: 'professionalId' },
  { key: 'patient-notes', title: "One patient's 20 latest clinical notes (filter by reference, descending), each with its author and patient, 8 connections", systems: ['caregraph', 'postgraphile5'], connections: 8, kind: 'query', client: 'patientNotes', argument: 'notesPatientId' },
  { key: 'last-name', title: 'Patients by exact last name, first 20, and totalCount, 8 connections', systems: ['caregraph', 'postgraphile5', PERSISTED], connections: 8, kind: 'query', client: 'patientsByLastName', argument: 'lastName' },
  // Aggregates: groups by status, site and month (tenant timezone) against PostGraphile 5 with @graphile/pg-aggregates.
  { key: 'aggregate', title: 'Appointments per status per site per month (tenant timezone), one tenant, 8 connections', systems: ['caregraph', 'postgraphile5', PERSISTED], connections: 8, kind: 'query', client: 'appointmentGroups' },
  { key: 'writes', title: 'createClinicalNote, 8 connections, audit trigger on', systems: ['caregraph'], connections: 8, kind: 'write' },
];
const only = options.only ? new Set(options.only.split(',')) : null;
const scenarios = SCENARIOS.filter((s) => !only || only.has(s.key));
const neededSystems = SYSTEMS.filter((s) => scenarios.some((scenario) => scenario.systems.includes(s.key) || (s.key === 'caregraph' && scenario.systems.includes(PERSISTED))));

function checkPrerequisites() {
  if (!fs.existsSync(path.join(ROOT, 'dist/src/main.js'))) throw new Error('CareGraph is not built: run `npm run build` at the project root (npm run bench does)');
  const version = execFileSync(NODE22, ['--version']).toString().trim();
  if (!version.startsWith('v22.')) throw new Error(`PostGraphile 5 needs Node 22; bench/node_modules/node gave ${version}`);
  return version;
}

async function post(server, headers, body) {
  const response = await fetch(server.base + server.client.path, { method: 'POST', headers, body });
  const text = await response.text();
  if (!response.ok) throw new Error(`${server.label} answered HTTP ${response.status}: ${text.slice(0, 500)}`);
  return text;
}

async function login(server, dataset) {
  const query = `mutation Login($input: LoginInput!) { login(input: $input) { accessToken user { id } } }`;
  const text = await post(server, { 'content-type': 'application/json' }, JSON.stringify({ query, variables: { input: { email: dataset.benchTenant.email, password: dataset.benchTenant.password, tenantSlug: dataset.benchTenant.slug } } }));
  const json = JSON.parse(text);
  if (json.errors) throw new Error(`CareGraph login failed: ${JSON.stringify(json.errors)}`);
  return json.data.login.accessToken;
}

/** The cursor of the row `offset` rows into the appointments, fetched the way each system pages. */
async function cursorAt(server, headers, offset) {
  const client = server.client.appointmentsPage;
  if (offset === 0) return null;
  // `offset - 1` rows skipped: the cursor of the offset-th row, so the page starts at row offset + 1.
  if (client.cursorAt) return client.cursorAt.extract(JSON.parse(await post(server, headers, client.cursorAt.body(offset - 1))));
  let after = null;
  for (let read = 0; read < offset; read += 500) {
    after = client.endCursor(JSON.parse(await post(server, headers, client.body({ first: Math.min(500, offset - read), after }))));
  }
  return after;
}

/** A scenario's request per system, checked to return the same data as every other system. */
async function prepareRequests(scenario, servers, session, context) {
  const requests = new Map();
  let reference = null;
  for (const key of scenario.systems) {
    const server = servers.get(key);
    // A query scenario's client entry may add headers of its own (PostGraphile's timezone for the aggregate).
    const headers = { ...server.client.headers(session), ...(scenario.kind === 'query' ? server.client[scenario.client].headers?.(session) : undefined) };
    let body;
    let normalize;
    if (scenario.kind === 'headline') {
      body = server.client.headline.body(scenario.first);
      normalize = server.client.headline.normalize;
    } else if (scenario.kind === 'node') {
      body = server.client.nodeById.body(context.nodePatientId);
      normalize = server.client.nodeById.normalize;
    } else if (scenario.kind === 'query') {
      body = server.client[scenario.client].body(context[scenario.argument]);
      normalize = server.client[scenario.client].normalize;
    } else if (scenario.kind === 'page') {
      const after = await cursorAt(server, headers, scenario.offset);
      body = server.client.appointmentsPage.body({ first: 20, after });
      normalize = server.client.appointmentsPage.normalize;
    } else {
      requests.set(key, { headers, body: server.client.createNote.body({ patientId: context.writePatientId, content: context.writeContent }) });
      continue;
    }
    const text = await post(server, headers, body);
    const canonical = normalize(JSON.parse(text));
    if (reference === null) {
      reference = { system: server.label, canonical };
      const rows = Array.isArray(canonical) ? canonical : (canonical?.appointments ?? canonical?.patients ?? (canonical?.id ? [canonical] : []));
      assert.ok(rows.length > 0, `${scenario.key}: ${server.label} returned no data`);
    } else {
      try {
        assert.deepStrictEqual(canonical, reference.canonical);
      } catch (error) {
        throw new Error(`${scenario.key}: ${server.label} does not return the same data as ${reference.system}; aborting.\n${error.message.slice(0, 3000)}`);
      }
    }
    const stable = scenario.kind === 'page' ? server.client.appointmentsPage.stable : undefined;
    const expected = stable?.(text);
    requests.set(key, {
      headers,
      body,
      bytes: Buffer.byteLength(text),
      ...(stable ? { verify: (response) => stable(response) === expected } : { expectBody: text }),
    });
  }
  return requests;
}

async function writeScenario(owner, server, request, tenantId, content) {
  let acknowledged = 0;
  const before = await owner.query(`SELECT max(id) AS id FROM audit_logs`);
  const run = await timedRun({
    owner,
    server,
    path: server.client.path,
    headers: request.headers,
    body: request.body,
    connections: 8,
    amount: WRITES,
    verify: (text) => {
      const ok = server.client.createNote.acknowledged(text);
      if (ok) acknowledged++;
      return ok;
    },
  });
  const { rows } = await owner.query(
    `SELECT (SELECT count(*) FROM clinical_notes WHERE tenant_id = $1 AND content = $2)::int AS notes,
            (SELECT count(*) FROM audit_logs a JOIN clinical_notes n ON n.id = a.record_id
              WHERE a.id > coalesce($3, 0) AND a.table_name = 'clinical_notes' AND a.action = 'INSERT' AND n.content = $2)::int AS audit_rows`,
    [tenantId, content, before.rows[0].id],
  );
  // Put the data back as generated, so every run measures the same database.
  await owner.query('BEGIN');
  await owner.query(`SET LOCAL session_replication_role = replica`);
  await owner.query(`DELETE FROM audit_logs WHERE id > coalesce($1, 0) AND table_name = 'clinical_notes'`, [before.rows[0].id]);
  await owner.query(`DELETE FROM clinical_notes WHERE tenant_id = $1 AND content = $2`, [tenantId, content]);
  await owner.query('COMMIT');
  const result = { ...run, acknowledged, notesWritten: rows[0].notes, auditRows: rows[0].audit_rows };
  if (result.auditRows !== acknowledged || result.notesWritten !== acknowledged) {
    throw new Error(`writes: ${acknowledged} creates acknowledged but ${result.notesWritten} notes and ${result.auditRows} audit rows written`);
  }
  return result;
}

async function main() {
  const node22 = checkPrerequisites();
  log(`mode ${mode}: ${RUNS} runs × ${DURATION} s per system and scenario, data scale ${SCALE}`);
  const database = await startDatabase();
  const servers = new Map();
  const owner = new pg.Client({ connectionString: OWNER_URL });
  try {
    await prepareSchema();
    const dataset = await generate({ ownerUrl: OWNER_URL, scale: SCALE, seed: 42, log });
    await owner.connect();
    await owner.query('TRUNCATE access_logs'); // read logging starts empty every run, like the data
    const tenantId = dataset.benchTenant.id;
    const { rows: [user] } = await owner.query(`SELECT id FROM users WHERE lower(email) = lower($1)`, [dataset.benchTenant.email]);
    const { rows: [{ timezone }] } = await owner.query(`SELECT timezone FROM tenants WHERE id = $1`, [tenantId]);
    const { rows: [{ version: postgresVersion }] } = await owner.query(`SELECT current_setting('server_version') AS version`);

    for (const system of neededSystems) {
      if (system.sameProcessAs) {
        // Another client of a server already started (its pid and memory are that server's).
        servers.set(system.key, { ...servers.get(system.sameProcessAs), key: system.key, label: system.label, client: system.client, sameProcessAs: system.sameProcessAs });
        continue;
      }
      log(`starting ${system.label}`);
      servers.set(system.key, await startSystem(system));
    }
    if (servers.has(PERSISTED)) await registerClientDocuments(owner, tenantId, CAREGRAPH_QUERIES, DATA_ENCRYPTION_KEY);
    const session = { tenantId, userId: user.id, timezone, token: servers.has('caregraph') ? await login(servers.get('caregraph'), dataset) : null };
    const { rows: patients } = await owner.query(
      `SELECT id FROM patients WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY last_name DESC, first_name DESC, id DESC LIMIT 2`,
      [tenantId],
    );
    const context = {
      nodePatientId: patients[0].id,
      writePatientId: patients[1].id,
      writeContent: `Bench write ${new Date().toISOString()}: observation recorded during the load test.`,
      ...(await queryScenarioArguments(owner, tenantId, log)),
    };

    const results = [];
    for (const scenario of scenarios) {
      log(`${scenario.key}: checking that every system returns the same data`);
      const requests = await prepareRequests(scenario, servers, session, context);
      const runs = new Map(scenario.systems.map((key) => [key, []]));
      for (const key of scenario.systems) {
        if (scenario.kind === 'write') continue;
        const server = servers.get(key);
        const { headers, body, expectBody, verify } = requests.get(key);
        await timedRun({ owner, server, path: server.client.path, headers, body, connections: scenario.connections, duration: WARMUP, expectBody, verify, warmup: true });
      }
      for (let run = 0; run < RUNS; run++) {
        // Interleaved, rotated so no system always runs first, and reversed every other run so
        // that no system always runs right after another (the two clients of one CareGraph
        // process would otherwise always run in the same order: the second measured faster).
        const rotated = scenario.systems.map((_, i) => scenario.systems[(i + run) % scenario.systems.length]);
        const order = run % 2 ? rotated.reverse() : rotated;
        for (const key of order) {
          const server = servers.get(key);
          const request = requests.get(key);
          const result =
            scenario.kind === 'write'
              ? await writeScenario(owner, server, request, tenantId, context.writeContent)
              : await timedRun({ owner, server, path: server.client.path, headers: request.headers, body: request.body, connections: scenario.connections, duration: DURATION, expectBody: request.expectBody, verify: request.verify });
          runs.get(key).push(result);
        }
        log(`${scenario.key} run ${run + 1}/${RUNS}: ${order.map((key) => `${key} ${runs.get(key).at(-1).rps.toFixed(0)} req/s`).join(', ')}`);
      }
      results.push({
        scenario,
        bytes: requests.get('caregraph')?.bytes ?? null,
        systems: scenario.systems.map((key) => {
          const list = runs.get(key);
          const summary = Object.fromEntries(['rps', 'p50', 'p99', 'statementsPerRequest', 'dbMsPerRequest', 'rssMb'].map((metric) => [metric, summarize(list, metric)]));
          if (scenario.kind === 'write') {
            summary.writes = { acknowledged: list.reduce((n, r) => n + r.acknowledged, 0), auditRows: list.reduce((n, r) => n + r.auditRows, 0) };
          }
          return { key, label: servers.get(key).label, runs: list, ...summary };
        }),
      });
    }

    const peakRss = Object.fromEntries([...servers.values()].filter((s) => !s.sameProcessAs).map((s) => [s.key, memoryOf(s.pid).peakMb]));
    const environment = {
      date: new Date().toISOString(),
      mode,
      runs: RUNS,
      duration: DURATION,
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      kernel: `${os.type()} ${os.release()}`,
      node: process.version,
      node22,
      postgres: postgresVersion,
      commit: gitCommit(),
      versions: packageVersions(),
      dataset,
    };
    const report = renderReport({ environment, results, peakRss, labels: Object.fromEntries(SYSTEMS.map((s) => [s.key, s.label])) });
    fs.mkdirSync(path.join(BENCH, 'results'), { recursive: true });
    const stamp = environment.date.slice(0, 16).replace(/[:T]/g, '-');
    const file = path.join(BENCH, 'results', `${stamp}-${mode}.md`);
    fs.writeFileSync(file, report.markdown);
    fs.writeFileSync(path.join(BENCH, 'results', 'latest.md'), report.markdown);
    fs.writeFileSync(path.join(BENCH, 'results', 'latest.json'), JSON.stringify({ environment, results, peakRss }, null, 1));
    if (options['update-readme']) updateReadme(path.join(ROOT, 'README.md'), report.summary, path.relative(ROOT, file));
    console.log(`\n${report.summary}\n`);
    log(`results written to ${path.relative(ROOT, file)} (and bench/results/latest.md)`);
  } finally {
    await owner.end().catch(() => undefined);
    for (const server of servers.values()) if (!server.sameProcessAs) await server.stop();
    await database.stop();
  }
}

function gitCommit() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bench/run.mjs', 'bench/lib'], { cwd: ROOT }).toString().trim() ? ' + uncommitted changes in src/ or the runner' : '';
    return commit + dirty;
  } catch {
    return 'unknown';
  }
}

function packageVersions() {
  const version = (dir) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  const pkg = (base, name) => version(path.join(base, 'node_modules', name));
  return {
    caregraph: version(ROOT),
    '@apollo/server': pkg(ROOT, '@apollo/server'),
    'type-graphql': pkg(ROOT, 'type-graphql'),
    graphql: pkg(ROOT, 'graphql'),
    pg: pkg(ROOT, 'pg'),
    postgraphile5: pkg(BENCH, 'postgraphile'),
    postgraphile4: pkg(BENCH, 'postgraphile4'),
    autocannon: pkg(BENCH, 'autocannon'),
  };
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
