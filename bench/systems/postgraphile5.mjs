// PostGraphile 5 reference server for the benchmark (run with Node >= 22: bench/node_modules/node/bin/node).
//
//   PORT=4005 DATABASE_URL=postgres://caregraph_app:...@localhost:54339/caregraph_bench \
//     [DB_POOL_SIZE=10] bench/node_modules/node/bin/node bench/systems/postgraphile5.mjs
//
// POST /graphql only. Every request runs in one transaction with `role`, `app.tenant_id`
// (header x-tenant-id) and `app.user_id` (header x-user-id) set LOCAL, so CareGraph's forced
// row-level security applies exactly as it does to CareGraph itself. Stock amber preset, production
// settings: no Ruru/GraphiQL, no watch, no explain, no websockets/subscriptions, no query logging.
// Aggregates come from @graphile/pg-aggregates (its preset), plus the month derivative its README
// shows how to add; header x-timezone, when sent, sets the request's `timezone` LOCAL too.

// Grafast reads GRAPHILE_ENV (falling back to NODE_ENV) once, at import time: "development"/"test"
// turn on expensive planning checks. Pin production mode unless told otherwise, then import.
process.env.GRAPHILE_ENV ??= 'production';

const { createServer } = await import('node:http');
const { postgraphile } = await import('postgraphile');
const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
const { makePgService } = await import('postgraphile/adaptors/pg');
const { grafserv } = await import('postgraphile/grafserv/node');
const { PgAggregatesPreset } = await import('@graphile/pg-aggregates');

const port = Number(process.env.PORT || 4005);
const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('DATABASE_URL is required');
const poolSize = Number(process.env.DB_POOL_SIZE || 10);

/** A header's value, or undefined when absent/empty (undefined settings are not sent to Postgres). */
function header(requestContext, name) {
  const value = requestContext.http?.getHeader(name) ?? requestContext.node?.req?.headers[name];
  return value ? String(value) : undefined;
}

/**
 * `groupedAggregates(groupBy: [..._TRUNCATED_TO_MONTH])`: pg-aggregates ships hour and day
 * derivatives only; this is the "truncated-to-<interval>" spec of its README ("Defining your own
 * grouping derivatives"), for months. date_trunc of a timestamptz truncates in the session's
 * TimeZone: the aggregate scenario sends the tenant's (x-timezone), as CareGraph buckets in it.
 * @type {GraphileConfig.Plugin}
 */
const PgAggregatesMonthPlugin = {
  name: 'BenchPgAggregatesMonthPlugin',
  version: '0.0.0',
  after: ['PgAggregatesSpecsPlugin'],
  schema: {
    hooks: {
      build(build) {
        const { sql, dataplanPg: { TYPES } } = build;
        build.pgAggregateGroupBySpecs.push({
          id: 'truncated-to-month',
          isSuitableType: (codec) => codec === TYPES.timestamp || codec === TYPES.timestamptz,
          sqlWrap: (fragment) => sql`date_trunc('month', ${fragment})`,
          sqlWrapCodec: (codec) => codec,
        });
        return build;
      },
    },
  },
};

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset, PgAggregatesPreset],
  plugins: [PgAggregatesMonthPlugin],
  // Amber hides orderBy/condition on columns, and backward relations, that no NON-partial index
  // covers. CareGraph's ordering/FK indexes are partial (`WHERE deleted_at IS NULL`), so stock amber
  // offers no LAST_NAME_ASC / START_TIME_ASC / NOTE_DATE_ASC orderings, no `deletedAt` condition
  // and no Appointment -> clinical notes relation at all. PostGraphile 4 ignores indexes here by
  // default (ignoreIndexes: true), and v5's own V4 preset does exactly this. Schema shape only: the
  // SQL generated for a given query does not change.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [
    makePgService({
      connectionString,
      schemas: ['public'],
      poolConfig: { max: poolSize },
      // LISTEN/NOTIFY subscriber: only needed for subscriptions/watch, both off.
      pubsub: false,
      pgSettings: (requestContext) => ({
        role: 'caregraph_app',
        'app.tenant_id': header(requestContext, 'x-tenant-id'),
        'app.user_id': header(requestContext, 'x-user-id'),
        // The tenant's timezone, sent by the aggregate scenario only (its month buckets); other requests keep the server's.
        timezone: header(requestContext, 'x-timezone'),
      }),
    }),
  ],
  grafserv: {
    port,
    graphqlPath: '/graphql',
    graphiql: false,
    graphiqlOnGraphQLGET: false,
    graphqlOverGET: false,
    watch: false,
    websockets: false,
  },
  grafast: {
    explain: false,
  },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.keepAliveTimeout = 65_000;
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
// Build the schema (introspection) before accepting traffic, so no request waits on it.
await pgl.getSchema();
server.listen(port, () => console.log(`listening on ${port}`));

async function shutdown() {
  server.close();
  await serv.release();
  await pgl.release();
  process.exit(0);
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
