// CPU profile of CareGraph under one scenario's load: where the server's and the database's time goes.
//
//   npm run bench:profile [-- --seconds 15 --first 20 --connections 8 --scenario patient-notes --no-profile]
//
// Writes a .cpuprofile (open it in Chrome DevTools → Performance, or speedscope) under
// bench/.data/profiles and prints the functions and packages with the most self time, then the
// request role's statements by database time (pg_stat_statements), per request.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { BENCH, OWNER_URL, prepareSchema, rootModule, startDatabase } from './lib/database.mjs';
import { generate } from './lib/generate.mjs';
import { SYSTEMS, startSystem } from './lib/systems.mjs';
import { readStatementBreakdown, resetStatements } from './lib/measure.mjs';
import { queryScenarioArguments } from './lib/scenario-arguments.mjs';

/** The query scenarios: client entry and the argument picked from the data (as in run.mjs). */
const QUERY_SCENARIOS = {
  'professional-appointments': ['professionalAppointments', 'professionalId'],
  'patient-notes': ['patientNotes', 'notesPatientId'],
  'last-name': ['patientsByLastName', 'lastName'],
};

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    first: { type: 'string', default: '20' },
    connections: { type: 'string', default: '8' },
    top: { type: 'string', default: '35' },
    'no-profile': { type: 'boolean', default: false },
    /** headline, node-id, or a query scenario of run.mjs: professional-appointments, patient-notes, last-name. */
    scenario: { type: 'string', default: 'headline' },
    /** Same as --scenario node-id (kept for old notes). */
    'node-id': { type: 'boolean', default: false },
  },
});

const profileDir = path.join(BENCH, '.data/profiles');

async function main() {
  const database = await startDatabase();
  let server;
  try {
    await prepareSchema();
    const dataset = await generate({ ownerUrl: OWNER_URL, log: console.log });
    fs.rmSync(profileDir, { recursive: true, force: true });
    const system = SYSTEMS.find((s) => s.key === 'caregraph');
    const profiler = process.env.HEAP_PROFILE ? ['--heap-prof', `--heap-prof-dir=${profileDir}`] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
    server = await startSystem(options['no-profile'] ? system : { ...system, args: [...profiler, ...system.args] });
    const login = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
        variables: { input: { email: dataset.benchTenant.email, password: dataset.benchTenant.password, tenantSlug: dataset.benchTenant.slug } },
      }),
    }).then((r) => r.json());
    const session = { token: login.data.login.accessToken };
    const owner = new (rootModule('pg').Client)({ connectionString: OWNER_URL });
    await owner.connect();
    try {
      const body = await scenarioBody(system, dataset, owner);
      await resetStatements(owner);
      const result = await autocannon({
        url: server.base + system.client.path,
        method: 'POST',
        headers: system.client.headers(session),
        body,
        connections: Number(options.connections),
        duration: Number(options.seconds),
      });
      const answered = result['2xx'];
      console.log(`${options.scenario}: ${answered} responses (${result.non2xx} non-2xx, ${result.errors} errors), ${(answered / result.duration).toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
      console.log(`\ndatabase time per request by statement (pg_stat_statements, request role):`);
      for (const s of await readStatementBreakdown(owner, 12)) {
        console.log(`${(s.ms / answered).toFixed(3).padStart(8)} ms  ${(s.calls / answered).toFixed(2).padStart(5)} calls  ${s.query.replace(/\s+/g, ' ').slice(0, 150)}`);
      }
    } finally {
      await owner.end();
    }
  } finally {
    await server?.stop(); // SIGTERM: CareGraph exits cleanly and Node writes the profile
    await database.stop();
  }
  if (options['no-profile']) return;
  const [file] = fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no profile was written');
  summarize(path.join(profileDir, file), Number(options.top));
}

/** The request body of the chosen scenario, with its arguments picked from the data as run.mjs picks them. */
async function scenarioBody(system, dataset, owner) {
  const scenario = options['node-id'] ? 'node-id' : options.scenario;
  if (scenario === 'headline') return system.client.headline.body(Number(options.first));
  if (scenario === 'node-id') {
    const { rows } = await owner.query(
      `SELECT id FROM patients WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY last_name DESC, first_name DESC, id DESC LIMIT 1`,
      [dataset.benchTenant.id],
    );
    return system.client.nodeById.body(rows[0].id);
  }
  const query = QUERY_SCENARIOS[scenario];
  if (!query) throw new Error(`--scenario: one of headline, node-id, ${Object.keys(QUERY_SCENARIOS).join(', ')}`);
  const [client, argument] = query;
  return system.client[client].body((await queryScenarioArguments(owner, dataset.benchTenant.id, console.log))[argument]);
}

/** Self time per function and per package (node_modules name, or project file). */
function summarize(file, top) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfTime = new Map();
  profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map();
  const byPackage = new Map();
  let busy = 0;
  for (const [id, micros] of selfTime) {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    if (functionName === '(idle)') continue;
    busy += micros;
    const where = url.includes('node_modules/') ? url.replace(/.*node_modules\//, '') : url.replace(/^file:\/\/.*?\/(dist\/)/, '$1');
    const fn = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
    const pkg = url.includes('node_modules/') ? url.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1') : url ? url.replace(/^file:\/\/.*?\/(dist\/)/, '$1') : functionName;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
  }
  const show = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((v / busy) * 100).toFixed(1).padStart(5)}%  ${k}`).join('\n');
  console.log(`\nprofile: ${file}\nbusy CPU ${(busy / 1e6).toFixed(1)} s\n\nself time by function:\n${show(byFunction, top)}\n\nself time by package or file:\n${show(byPackage, 25)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
