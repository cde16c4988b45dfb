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

/** Top-level statements the request role ran since the last reset, and their execution time. */
export async function readStatements(owner) {
  const { rows } = await owner.query(
    `SELECT coalesce(sum(calls), 0)::bigint AS calls, coalesce(sum(total_exec_time), 0)::float8 AS ms
       FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = $1 AND s.toplevel`,
    [APP_ROLE],
  );
  return { calls: Number(rows[0].calls), ms: rows[0].ms };
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
  const statements = await readStatements(owner);
  const ok = result['2xx'];
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
    statementsPerRequest: statements.calls / ok,
    dbMsPerRequest: statements.ms / ok,
    rssMb: memoryOf(server.pid).currentMb,
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
