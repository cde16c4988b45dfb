// One timed run: autocannon load against one system, with the database's own account of it
// (pg_stat_statements, reset before each run) and the server's resident memory.
import fs from 'node:fs';
import autocannon from 'autocannon';
import { APP_ROLE } from './database.mjs';

/** Peak and current resident set of a process, in MB (Linux /proc). */
export function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMb: kb('VmHWM') / 1024, currentMb: kb('VmRSS') / 1024 };
}

export async function resetStatements(owner) {
  await owner.query('SELECT pg_stat_statements_reset()');
}

/** Waits (up to 10 s) until no session of the request role is running a statement or transaction. */
async function quiesce(owner) {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const { rows } = await owner.query(`SELECT count(*)::int AS busy FROM pg_stat_activity WHERE usename = $1 AND state <> 'idle'`, [APP_ROLE]);
    if (rows[0].busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Top-level statements the request role ran since the last reset, and their execution time. */
export async function readStatements(owner) {
  const { rows } = await owner.query(
    `SELECT coalesce(sum(calls), 0)::bigint AS calls, coalesce(sum(total_exec_time), 0)::float8 AS ms
       FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = $1 AND s.toplevel`,
    [APP_ROLE],
  );
  return { calls: Number(rows[0].calls), ms: rows[0].ms };
}

/** The request role's top-level statements with the most execution time since the last reset. */
export async function readStatementBreakdown(owner, limit) {
  const { rows } = await owner.query(
    `SELECT s.query, s.calls::bigint AS calls, s.total_exec_time::float8 AS ms
       FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = $1 AND s.toplevel
      ORDER BY s.total_exec_time DESC LIMIT $2`,
    [APP_ROLE, limit],
  );
  return rows.map((row) => ({ query: row.query, calls: Number(row.calls), ms: row.ms }));
}

/**
 * Runs `connections` concurrent keep-alive clients for `duration` seconds (or `amount`
 * requests). Every response must equal `expectBody` when given, or satisfy `verify`; a single
 * failure aborts the benchmark, since numbers from wrong answers are meaningless.
 */
export async function timedRun({ owner, server, path, headers, body, connections, duration, amount, expectBody, verify, warmup = false }) {
  await resetStatements(owner);
  const result = await autocannon({
    url: server.base + path,
    method: 'POST',
    headers,
    body,
    connections,
    ...(amount ? { amount } : { duration }),
    timeout: 30,
    ...(expectBody !== undefined ? { expectBody } : {}),
    ...(verify ? { verifyBody: verify } : {}),
  });
  // Requests still in flight when the load stopped finish on the server: wait for them, and
  // count every request sent (not only those answered in time) against the statements.
  await quiesce(owner);
  const statements = await readStatements(owner);
  const ok = result['2xx'];
  const sent = Math.max(result.requests.sent ?? ok, ok);
  const failures = result.non2xx + result.errors + result.timeouts + (result.mismatches ?? 0);
  if (failures > 0 || (ok === 0 && !warmup)) {
    throw new Error(
      `${server.label}: ${failures} failed responses of ${ok + failures} (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}, wrong body ${result.mismatches ?? 0})\n` +
        server.output.slice(-20).join(''),
    );
  }
  return {
    requests: ok,
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statementsPerRequest: statements.calls / sent,
    dbMsPerRequest: statements.ms / sent,
    rssMb: memoryOf(server.pid).currentMb,
    peakRssMb: memoryOf(server.pid).peakMb,
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median and spread (min–max as ± per cent of the median) of one metric over the runs. */
export function summarize(runs, metric) {
  const values = runs.map((r) => r[metric]);
  const med = median(values);
  const spread = med ? (Math.max(...values) - Math.min(...values)) / 2 / med : 0;
  return { median: med, spread, values };
}
