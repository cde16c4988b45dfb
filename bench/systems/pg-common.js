// Shared plumbing of the two hand-written `pg` reference servers: a pool logging in as the
// request role, one transaction per request with the tenant set transaction-locally (the same
// RLS contract CareGraph and PostGraphile run under), and a tiny JSON-over-HTTP router.
'use strict';
const http = require('node:http');
const { Pool, types } = require('pg');

// Dates stay `YYYY-MM-DD` strings, as in CareGraph (a JS Date would shift them by time zone).
types.setTypeParser(1082, (value) => value);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function createPool() {
  return new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE || 10) });
}

/** Runs `work(client)` inside BEGIN … COMMIT with app.tenant_id set for this transaction only. */
async function inTenant(pool, tenantId, work) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(error);
    throw error;
  }
}

/** `routes[path](body, tenantId)` returns a string (already JSON) or a value to stringify. */
function serve(name, routes) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', async () => {
      const route = routes[req.url];
      const tenantId = req.headers['x-tenant-id'];
      if (!route || req.method !== 'POST') return send(res, 404, { error: 'not found' });
      if (typeof tenantId !== 'string' || !UUID.test(tenantId)) return send(res, 400, { error: 'x-tenant-id must be a uuid' });
      try {
        const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        const result = await route(body, tenantId);
        send(res, 200, result);
      } catch (error) {
        console.error(error);
        send(res, 500, { error: 'internal error' });
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  const port = Number(process.env.PORT || 5000);
  server.listen(port, () => console.log(`${name} listening on ${port}`));
}

function send(res, status, payload) {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Page size from the body: 1..500, like the GraphQL servers' limit. */
function pageSize(body) {
  const first = Number(body.first ?? 20);
  if (!Number.isInteger(first) || first < 1 || first > 500) throw new Error('first must be 1..500');
  return first;
}

module.exports = { createPool, inTenant, serve, pageSize };
