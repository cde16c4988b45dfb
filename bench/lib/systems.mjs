// The systems under test: how each is started, and how each asks for (and returns) the data
// of every scenario. Every client's `normalize` turns a response into the same canonical
// shape, so the run can refuse to time systems that do not return the same data.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { APP_PASSWORD, APP_URL, BENCH, OWNER_URL, ROOT } from './database.mjs';
import { postgraphileQueries, sortGroups } from '../systems/postgraphile-queries.mjs';
import { persistedClient } from './trusted.mjs';

export const NODE22 = path.join(BENCH, 'node_modules/node/bin/node');
const POOL_SIZE = '10';
const JWT_SECRET = 'bench-only-secret-bench-only-secret-0123456789';
/** Production mode requires a data key (encrypted columns); the bench's is fixed, like its data. */
export const DATA_ENCRYPTION_KEY = `bench:${Buffer.alloc(32, 7).toString('base64')}`;
const PSEUDONYM_KEY = Buffer.alloc(32, 9).toString('base64');

/** CareGraph runs as `npm start` runs it: the Node flags of its start script, then the built entry point. */
function careGraphArgs() {
  const start = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const flags = start.split(/\s+/).filter((word) => word.startsWith('--'));
  return [...flags, path.join(ROOT, 'dist/src/main.js')];
}

const iso = (value) => (value == null ? null : new Date(value).toISOString());

/** The canonical headline shape every system is compared on. */
export function canonicalPatient(p, appointments) {
  return { id: p.id, mrn: p.mrn, firstName: p.firstName, lastName: p.lastName, dateOfBirth: p.dateOfBirth ?? null, ...(appointments ? { appointments } : {}) };
}
export function canonicalAppointment(a, notes) {
  return { id: a.id, title: a.title, status: a.status, startTime: iso(a.startTime), endTime: iso(a.endTime), notes };
}
/** A referenced person (patient or care professional), or null. */
function canonicalPerson(p) {
  return p ? { id: uuidOf(p.id), firstName: p.firstName, lastName: p.lastName, ...(p.mrn !== undefined ? { mrn: p.mrn } : {}) } : null;
}
export function canonicalNote(n) {
  return { id: n.id, noteDate: iso(n.noteDate), content: n.content };
}

function graphqlBody(query, variables) {
  return JSON.stringify({ query, variables });
}

function dataOf(json) {
  if (json.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(json.errors).slice(0, 500)}`);
  return json.data;
}

// ---- CareGraph ------------------------------------------------------------------------

const uuidOf = (globalId) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
const careGraphId = (typeName, uuid) => Buffer.from(`${typeName}:${uuid}`).toString('base64url');

const CG_HEADLINE = `query Headline($first: Int!) {
  patients(first: $first) {
    nodes {
      id mrn firstName lastName dateOfBirth
      appointments(first: 5) {
        nodes {
          id title status startTime endTime
          clinicalNotes(first: 5) { nodes { id noteDate content } }
        }
      }
    }
  }
}`;
const CG_NODE = `query PatientNode($id: ID!) { node(id: $id) { ... on Patient { id mrn firstName lastName dateOfBirth } } }`;
const CG_APPOINTMENTS = `query AppointmentsPage($first: Int!, $after: String) {
  appointments(first: $first, after: $after) { nodes { id title startTime } pageInfo { endCursor } }
}`;
// Filters, totalCount and to-one references: answered by the compiled path since issue 10.
const CG_PROFESSIONAL_APPOINTMENTS = `query ProfessionalAppointments($professional: ID!) {
  appointments(first: 50, filter: { careProfessional: { eq: $professional } }) {
    totalCount
    nodes { id title startTime patient { id mrn firstName lastName } }
  }
}`;
const CG_PATIENT_NOTES = `query PatientNotes($patient: ID!) {
  clinicalNotes(first: 20, filter: { patient: { eq: $patient } }, orderBy: [{ field: NOTE_DATE, direction: DESC }]) {
    nodes {
      id noteDate content
      author { id firstName lastName }
      patient { id mrn firstName lastName }
    }
  }
}`;
const CG_PATIENTS_BY_LAST_NAME = `query PatientsByLastName($lastName: String!) {
  patients(first: 20, filter: { lastName: { eq: $lastName } }) {
    totalCount
    nodes { id mrn firstName lastName dateOfBirth }
  }
}`;
// Aggregates: the tenant's live appointments counted per status, site and month (the month in the
// tenant's timezone). The bench user, a clinician, reads patients identified: no group is suppressed.
const CG_APPOINTMENT_GROUPS = `query AppointmentGroups {
  appointmentsAggregate {
    groups(groupBy: [{ key: STATUS }, { key: SITE }, { key: START_TIME, bucket: MONTH }], first: 500) {
      nodes { keys { status site { id } startTime } count }
    }
  }
}`;
const CG_CREATE_NOTE = `mutation CreateNote($input: CreateClinicalNoteInput!) { createClinicalNote(input: $input) { clinicalNote { id version } } }`;

/** The queries the CareGraph client sends: registered as trusted documents for the persisted comparison. */
export const CAREGRAPH_QUERIES = [CG_HEADLINE, CG_NODE, CG_APPOINTMENTS, CG_PROFESSIONAL_APPOINTMENTS, CG_PATIENT_NOTES, CG_PATIENTS_BY_LAST_NAME, CG_APPOINTMENT_GROUPS];

const careGraphClient = {
  path: '/graphql',
  headers: (session) => ({ 'content-type': 'application/json', authorization: `Bearer ${session.token}` }),
  headline: {
    body: (first) => graphqlBody(CG_HEADLINE, { first }),
    normalize: (json) =>
      dataOf(json).patients.nodes.map((p) =>
        canonicalPatient(
          { ...p, id: uuidOf(p.id) },
          p.appointments.nodes.map((a) => canonicalAppointment({ ...a, id: uuidOf(a.id) }, a.clinicalNotes.nodes.map((n) => canonicalNote({ ...n, id: uuidOf(n.id) })))),
        ),
      ),
  },
  nodeById: {
    body: (uuid) => graphqlBody(CG_NODE, { id: careGraphId('Patient', uuid) }),
    normalize: (json) => {
      const p = dataOf(json).node;
      return canonicalPatient({ ...p, id: uuidOf(p.id) });
    },
  },
  professionalAppointments: {
    body: (uuid) => graphqlBody(CG_PROFESSIONAL_APPOINTMENTS, { professional: careGraphId('CareProfessional', uuid) }),
    normalize: (json) => {
      const { totalCount, nodes } = dataOf(json).appointments;
      return { totalCount, appointments: nodes.map((a) => ({ id: uuidOf(a.id), title: a.title, startTime: iso(a.startTime), patient: canonicalPerson(a.patient) })) };
    },
  },
  patientNotes: {
    body: (uuid) => graphqlBody(CG_PATIENT_NOTES, { patient: careGraphId('Patient', uuid) }),
    normalize: (json) =>
      dataOf(json).clinicalNotes.nodes.map((n) => ({ id: uuidOf(n.id), noteDate: iso(n.noteDate), content: n.content, author: canonicalPerson(n.author), patient: canonicalPerson(n.patient) })),
  },
  patientsByLastName: {
    body: (lastName) => graphqlBody(CG_PATIENTS_BY_LAST_NAME, { lastName }),
    normalize: (json) => {
      const { totalCount, nodes } = dataOf(json).patients;
      return { totalCount, patients: nodes.map((p) => canonicalPatient({ ...p, id: uuidOf(p.id) })) };
    },
  },
  appointmentGroups: {
    body: () => graphqlBody(CG_APPOINTMENT_GROUPS, {}),
    normalize: (json) =>
      sortGroups(dataOf(json).appointmentsAggregate.groups.nodes.map(({ keys, count }) => ({ status: keys.status, siteId: keys.site ? uuidOf(keys.site.id) : null, month: keys.startTime, count }))),
  },
  appointmentsPage: {
    body: ({ first, after }) => graphqlBody(CG_APPOINTMENTS, { first, after: after ?? null }),
    normalize: (json) => dataOf(json).appointments.nodes.map((a) => ({ id: uuidOf(a.id), title: a.title, startTime: iso(a.startTime) })),
    endCursor: (json) => dataOf(json).appointments.pageInfo.endCursor,
    // Cursors are sealed with a random nonce: compare responses without the cursor itself (the
    // compiled path writes `"key" : value`, the resolvers `"key":value`).
    stable: (text) => text.replace(/"endCursor"\s*:\s*"[^"]*"/, '"endCursor":"…"'),
  },
  createNote: {
    body: ({ patientId, content }) => graphqlBody(CG_CREATE_NOTE, { input: { patientId: careGraphId('Patient', patientId), content } }),
    acknowledged: (text) => text.includes('"createClinicalNote":{"clinicalNote":{"id":"') && !text.includes('"errors"'),
  },
};

// ---- PostGraphile 4 and 5 -------------------------------------------------------------

function postgraphileClient(version) {
  const q = postgraphileQueries[version];
  return {
    path: '/graphql',
    headers: (session) => ({ 'content-type': 'application/json', 'x-tenant-id': session.tenantId, 'x-user-id': session.userId }),
    headline: { body: (first) => JSON.stringify(q.headline.body(first)), normalize: q.headline.normalize },
    nodeById: { body: (uuid) => JSON.stringify(q.nodeById.body(uuid)), normalize: q.nodeById.normalize },
    professionalAppointments: { body: (uuid) => JSON.stringify(q.professionalAppointments.body(uuid)), normalize: q.professionalAppointments.normalize },
    patientNotes: { body: (uuid) => JSON.stringify(q.patientNotes.body(uuid)), normalize: q.patientNotes.normalize },
    patientsByLastName: { body: (name) => JSON.stringify(q.patientsByLastName.body(name)), normalize: q.patientsByLastName.normalize },
    // Month buckets in the tenant's timezone: the request's `timezone` setting (see systems/postgraphile5.mjs).
    ...(q.appointmentGroups && {
      appointmentGroups: { headers: (session) => ({ 'x-timezone': session.timezone }), body: () => JSON.stringify(q.appointmentGroups.body()), normalize: q.appointmentGroups.normalize },
    }),
    appointmentsPage: {
      body: (args) => JSON.stringify(q.appointmentsPage.body(args)),
      normalize: q.appointmentsPage.normalize,
      cursorAt: { body: (offset) => JSON.stringify(q.appointmentsPage.cursorAt.body(offset)), extract: q.appointmentsPage.cursorAt.extract },
    },
  };
}

// ---- hand-written pg ------------------------------------------------------------------

const pgClient = {
  path: '/headline',
  headers: (session) => ({ 'content-type': 'application/json', 'x-tenant-id': session.tenantId }),
  headline: {
    body: (first) => JSON.stringify({ first }),
    normalize: (json) =>
      json.patients.map((p) =>
        canonicalPatient(
          p,
          p.appointments.map((a) => canonicalAppointment(a, a.notes.map(canonicalNote))),
        ),
      ),
  },
};

/** A reference server from bench/systems/, logging in as the request role with the same pool size. */
function referenceSystem(key, label, port, file, client, command = process.execPath) {
  return {
    key,
    label,
    port,
    command,
    args: [path.join(BENCH, 'systems', file)],
    env: { NODE_ENV: 'production', DATABASE_URL: APP_URL, DB_POOL_SIZE: POOL_SIZE },
    client,
  };
}

/** Every system: label, how to start it, its client. Ports are fixed so a stray server is noticed. */
export const SYSTEMS = [
  {
    key: 'caregraph',
    label: 'CareGraph',
    port: 6100,
    command: process.execPath,
    args: careGraphArgs(),
    cwd: ROOT,
    // The limiter still counts every request (its cost is measured); the limit is out of reach, as the reference systems have none.
    env: { NODE_ENV: 'production', DATABASE_URL: OWNER_URL, APP_DB_PASSWORD: APP_PASSWORD, AUTH_DB_PASSWORD: 'bench-auth', JWT_SECRET, DATA_ENCRYPTION_KEY, PSEUDONYM_KEY, DB_POOL_SIZE: POOL_SIZE, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000' },
    readyPath: '/readyz',
    client: careGraphClient,
  },
  // The same CareGraph server, asked by documentId (trusted documents) instead of the query text.
  { key: 'caregraph-persisted', label: 'CareGraph, persisted (documentId)', sameProcessAs: 'caregraph', client: persistedClient(careGraphClient) },
  referenceSystem('postgraphile5', 'PostGraphile 5', 6101, 'postgraphile5.mjs', postgraphileClient('v5'), NODE22),
  referenceSystem('postgraphile4', 'PostGraphile 4', 6102, 'postgraphile4.js', postgraphileClient('v4')),
  referenceSystem('pg3', 'pg, 3 statements', 6103, 'pg-three-statements.js', pgClient),
  referenceSystem('pgjson', 'pg, 1 json_agg', 6104, 'pg-json-agg.js', pgClient),
];

/** Starts a system and resolves once it answers HTTP; its output is kept for error reports. */
export async function startSystem(system) {
  const output = [];
  const child = spawn(system.command, system.args, {
    cwd: system.cwd ?? BENCH,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...system.env, PORT: String(system.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const base = `http://localhost:${system.port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`${system.label} exited (${JSON.stringify(exited)}) while starting:\n${output.join('')}`);
    try {
      const response = system.readyPath
        ? await fetch(base + system.readyPath)
        : await fetch(base + system.client.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      if (!system.readyPath || response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${system.label} did not become ready within 90 s:\n${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    ...system,
    base,
    pid: child.pid,
    output,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
        setTimeout(() => child.kill("SIGKILL"), 20000).unref();
      }),
  };
}
