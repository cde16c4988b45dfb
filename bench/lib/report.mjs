// Turns a run's measurements into Markdown: one table per scenario, the targets of issue 3
// evaluated as ratios from this same run, and the machine, versions and data it ran on.
import fs from 'node:fs';

const fmt = (value, digits = 0) => (value == null || Number.isNaN(value) ? '–' : value.toFixed(digits));
const spread = (s) => `±${Math.round(s.spread * 100)}%`;

function scenarioTable({ scenario, bytes, systems }) {
  const caregraph = systems.find((s) => s.key === 'caregraph');
  const lines = [
    `### ${scenario.title}`,
    '',
    ...(bytes ? [`Response: ${fmt(bytes / 1024, 1)} KB of JSON (CareGraph).`, ''] : []),
    '| system | req/s (spread) | p50 ms | p99 ms | SQL statements / request | DB ms / request | req/s ÷ CareGraph |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const s of systems) {
    const ratio = caregraph ? s.rps.median / caregraph.rps.median : null;
    lines.push(
      `| ${s.label} | ${fmt(s.rps.median)} (${spread(s.rps)}) | ${fmt(s.p50.median, 1)} | ${fmt(s.p99.median, 1)} | ${fmt(s.statementsPerRequest.median, 2)} | ${fmt(s.dbMsPerRequest.median, 2)} | ${fmt(ratio, 2)} |`,
    );
    if (s.writes) lines.push('', `Creates acknowledged: ${s.writes.acknowledged}; audit rows written for them: ${s.writes.auditRows}.`);
  }
  return lines.join('\n');
}

/** Every target of the issue, computed from the medians of this run. */
export function evaluateTargets(results, peakRss) {
  const get = (scenario, system) => results.find((r) => r.scenario.key === scenario)?.systems.find((s) => s.key === system);
  const targets = [];
  const add = (name, value, rule, pass) => targets.push({ name, value, rule, pass });
  const ratio = (a, b) => (a && b ? a / b : null);

  const cg = get('headline', 'caregraph');
  if (cg) {
    const pg5 = get('headline', 'postgraphile5');
    const pg3 = get('headline', 'pg3');
    const r1 = ratio(cg.rps.median, pg5?.rps.median);
    const r2 = ratio(cg.rps.median, pg3?.rps.median);
    if (r1 != null) add('Headline req/s, CareGraph ÷ PostGraphile 5', fmt(r1, 2), '≥ 1.2', r1 >= 1.2);
    if (r2 != null) add('Headline req/s, CareGraph ÷ pg 3 statements', fmt(r2, 2), '≥ 0.7', r2 >= 0.7);
  }
  const cg1 = get('headline-1', 'caregraph');
  const pg31 = get('headline-1', 'pg3');
  if (cg1 && pg31) {
    const r = cg1.p99.median / pg31.p99.median;
    add('Headline at 1 connection, p99 CareGraph ÷ pg 3 statements', fmt(r, 2), '≤ 1.5', r <= 1.5);
  }
  const sizes = ['headline', 'page-100', 'page-500'].map((key) => get(key, 'caregraph')).filter(Boolean);
  if (sizes.length === 3) {
    const counts = sizes.map((s) => s.statementsPerRequest.median);
    add('CareGraph statements / request at 20, 100, 500 patients', counts.map((c) => fmt(c, 2)).join(', '), 'do not grow', counts[2] <= counts[0] + 0.01 && counts[1] <= counts[0] + 0.01);
  }
  const cg500 = get('page-500', 'caregraph');
  const pg5500 = get('page-500', 'postgraphile5');
  if (cg500 && pg5500) {
    add('p50 at 500 patients, CareGraph ÷ PostGraphile 5', fmt(cg500.p50.median / pg5500.p50.median, 2), '≤ 1', cg500.p50.median <= pg5500.p50.median);
  }
  const cgNode = get('node', 'caregraph');
  const pg5Node = get('node', 'postgraphile5');
  if (cgNode && pg5Node) {
    const r = cgNode.rps.median / pg5Node.rps.median;
    add('node(id) req/s, CareGraph ÷ PostGraphile 5', fmt(r, 2), '≥ 1', r >= 1);
  }
  for (const [key, name] of [
    ['professional-appointments', "A professional's appointments with patients and totalCount"],
    ['patient-notes', "A patient's latest notes with author and patient"],
    ['last-name', 'Patients by exact last name with totalCount'],
  ]) {
    const cgQuery = get(key, 'caregraph');
    const pg5Query = get(key, 'postgraphile5');
    if (cgQuery && pg5Query) {
      const r = cgQuery.rps.median / pg5Query.rps.median;
      add(`${name}: req/s, CareGraph ÷ PostGraphile 5 (DB ms / request ${fmt(cgQuery.dbMsPerRequest.median, 2)} vs ${fmt(pg5Query.dbMsPerRequest.median, 2)})`, fmt(r, 2), '≥ 1.2', r >= 1.2);
    }
  }
  for (const key of ['headline', 'node', 'last-name']) {
    const full = get(key, 'caregraph');
    const persisted = get(key, 'caregraph-persisted');
    if (full && persisted) {
      const r = persisted.rps.median / full.rps.median;
      // "At least as fast": not slower by more than the run-to-run spread measured for the two (the same server, the same query).
      const noise = Math.max(full.rps.spread, persisted.rps.spread);
      add(`${key}: req/s by documentId ÷ the same request sent in full`, fmt(r, 2), `≥ 1 − spread (${fmt(1 - noise, 2)})`, r >= 1 - noise);
    }
  }
  const first = get('deep-first', 'caregraph');
  const deep = get('deep-30000', 'caregraph');
  if (first && deep) {
    const db = deep.dbMsPerRequest.median / first.dbMsPerRequest.median;
    const p50 = deep.p50.median / first.p50.median;
    add('Page after 30,000 rows ÷ first page, CareGraph DB ms / request', fmt(db, 2), '≤ 1.5', db <= 1.5);
    add('Page after 30,000 rows ÷ first page, CareGraph p50', fmt(p50, 2), '≤ 1.5', p50 <= 1.5);
  }
  const writes = get('writes', 'caregraph');
  if (writes) {
    add('createClinicalNote: audit rows ÷ acknowledged creates', `${writes.writes.auditRows} / ${writes.writes.acknowledged}`, 'equal', writes.writes.auditRows === writes.writes.acknowledged);
  }
  if (peakRss.caregraph != null) add('CareGraph server peak RSS (MB)', fmt(peakRss.caregraph), '< 250', peakRss.caregraph < 250);
  return targets;
}

function targetTable(targets) {
  return [
    '| target | this run | rule | met |',
    '|---|---|---|---|',
    ...targets.map((t) => `| ${t.name} | ${t.value} | ${t.rule} | ${t.pass ? 'yes' : '**no**'} |`),
  ].join('\n');
}

export function renderReport({ environment, results, peakRss, labels }) {
  const e = environment;
  const d = e.dataset;
  const targets = evaluateTargets(results, peakRss);
  const headline = results.find((r) => r.scenario.key === 'headline');
  const about =
    `${e.date.slice(0, 10)}, ${e.mode} mode (${e.runs} interleaved runs of ${e.duration} s per system; medians), ` +
    `${e.cpus}, ${e.memoryGb} GiB, PostgreSQL ${e.postgres}, Node ${e.node} (PostGraphile 5 on ${e.node22}), CareGraph ${e.commit}.`;
  const summary = [
    `Measured ${about}`,
    '',
    ...(headline ? [scenarioTable(headline).split('\n').slice(2).join('\n'), ''] : []),
    targetTable(targets),
  ].join('\n');
  const markdown = [
    `# CareGraph benchmark, ${e.date.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${about}`,
    '',
    `Data (generator seed ${d.seed}, scale ${d.scale}): ${d.tenants} tenants, ${d.patients} patients, ${d.appointments} appointments, ${d.notes} clinical notes, a few per cent soft-deleted. ` +
      `All systems query tenant ${d.benchTenant.slug} as the same non-owner role (caregraph_app) under the same forced RLS policies, with the tenant set per request.`,
    '',
    `Versions: ${Object.entries(e.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    '',
    'Statements and DB time come from pg_stat_statements (top-level statements of the request role, BEGIN/COMMIT included), reset before each run. Spread is (max − min) / 2 over the runs, relative to the median.',
    '',
    '## Targets',
    '',
    targetTable(targets),
    '',
    '## Scenarios',
    '',
    ...results.map((r) => scenarioTable(r) + '\n'),
    '## Server peak RSS (MB)',
    '',
    'Peak resident set of each server process since it started, read after each scenario (scenarios run in the order below).',
    '',
    `| system | ${results.map((r) => r.scenario.key).join(' | ')} | whole run |`,
    `|---|${results.map(() => '---|').join('')}---|`,
    ...Object.entries(peakRss).map(
      ([key, mb]) => `| ${labels[key]} | ${results.map((r) => fmt(r.systems.find((s) => s.key === key)?.runs.at(-1)?.peakRssMb)).join(' | ')} | ${fmt(mb)} |`,
    ),
    '',
  ].join('\n');
  return { markdown, summary, targets };
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the README's quoted benchmark table (between the bench markers) with this run's. */
export function updateReadme(readmePath, summary, resultFile) {
  const readme = fs.readFileSync(readmePath, 'utf8');
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README has no ${START} … ${END} block to update`);
  const block = `${START}\n${summary}\n\nFull table: [${resultFile}](${resultFile}).\n${END}`;
  fs.writeFileSync(readmePath, readme.slice(0, from) + block + readme.slice(to + END.length));
}
