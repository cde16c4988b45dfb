// PostGraphile 4 reference server for the benchmark (CommonJS, Node 20).
//
//   PORT=4004 DATABASE_URL=postgres://caregraph_app:...@localhost:54339/caregraph_bench \
//     [DB_POOL_SIZE=10] node bench/systems/postgraphile4.js
//
// POST /graphql only. Every request runs in one transaction with `role`, `app.tenant_id`
// (header x-tenant-id) and `app.user_id` (header x-user-id) set LOCAL, so CareGraph's forced
// row-level security applies exactly as it does to CareGraph itself. Production settings as in
// PostGraphile 4's "recommended options" (no GraphiQL, no watch, no query log, no error stacks).
'use strict';

const http = require('node:http');
const path = require('node:path');
const Module = require('node:module');

// bench/ installs PostGraphile 5 (graphql 16, hoisted) next to PostGraphile 4 (aliased
// `postgraphile4`, with its own nested graphql 15). Some of v4's dependencies are hoisted too
// (graphql-parse-resolve-info, subscriptions-transport-ws, ...) and so `require('graphql')` from
// them finds graphql 16: two graphql instances, and every query fails with "Cannot use
// GraphQLScalarType "Int" from another module or realm". This process runs only v4, so resolve
// every `graphql` import to v4's own copy - what a stand-alone v4 install would have.
const v4Dir = path.dirname(require.resolve('postgraphile4/package.json'));
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveGraphqlToV4(request, parent, isMain, options) {
  if (request === 'graphql' || request.startsWith('graphql/')) {
    return resolveFilename.call(this, request, parent, isMain, { ...options, paths: [v4Dir] });
  }
  return resolveFilename.call(this, request, parent, isMain, options);
};

const { Pool } = require('pg');
const { postgraphile } = require('postgraphile4');
if (!require.resolve('graphql').startsWith(v4Dir + path.sep)) {
  throw new Error(`graphql resolves to ${require.resolve('graphql')}, not PostGraphile 4's copy`);
}

const port = Number(process.env.PORT || 4004);
const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('DATABASE_URL is required');
const poolSize = Number(process.env.DB_POOL_SIZE || 10);

const pgPool = new Pool({ connectionString, max: poolSize });
pgPool.on('error', (error) => console.error('pg pool error:', error.message));

/** A header's value, or undefined when absent/empty (PostGraphile skips undefined settings). */
function header(req, name) {
  const value = req.headers[name];
  return value ? String(value) : undefined;
}

const middleware = postgraphile(pgPool, 'public', {
  pgSettings: (req) => ({
    role: 'caregraph_app',
    'app.tenant_id': header(req, 'x-tenant-id'),
    'app.user_id': header(req, 'x-user-id'),
  }),
  graphqlRoute: '/graphql',
  graphiql: false,
  enhanceGraphiql: false,
  watchPg: false,
  subscriptions: false,
  live: false,
  disableQueryLog: true,
  showErrorStack: false,
  extendedErrors: ['errcode'],
  allowExplain: false,
  enableCors: false,
  enableQueryBatching: false,
  retryOnInitFail: false,
  // Recommended production schema options.
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  legacyRelations: 'omit',
  // Defaults, spelled out: connections (not simple lists); every column orderable/filterable,
  // which `condition: { deletedAt: null }` needs (deleted_at leads no index).
  simpleCollections: 'omit',
  ignoreIndexes: true,
  disableDefaultMutations: false,
});

const server = http.createServer(middleware);
server.keepAliveTimeout = 65_000;
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});

// Build the schema (introspection) before accepting traffic, so no request waits on it.
middleware
  .getGraphQLSchema()
  .then(() => server.listen(port, () => console.log(`listening on ${port}`)))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });

function shutdown() {
  server.close();
  Promise.resolve(middleware.release())
    .then(() => pgPool.end())
    .finally(() => process.exit(0));
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
