// GraphQL requests for the PostGraphile reference servers (bench/systems/postgraphile4.js and
// postgraphile5.mjs), and normalizers that turn their responses into the benchmark's canonical
// forms (compared with deep equality against every other system). ESM, no dependencies.
//
//   import { postgraphileQueries } from './systems/postgraphile-queries.mjs';
//   const q = postgraphileQueries.v5;
//   q.headline.body(20)                       -> { operationName, query, variables }
//   q.headline.normalize(json)                -> [{ id, mrn, firstName, lastName, dateOfBirth, appointments: [...] }]
//   q.nodeById.nodeId(uuid)                   -> the version's Relay node id for a patient
//   q.nodeById.body(uuid) / normalize(json)   -> { id, mrn, firstName, lastName, dateOfBirth } | null
//   q.appointmentsPage.body({ first, after }) / normalize(json) -> [{ id, title, startTime }]
//   q.appointmentsPage.endCursor(json)        -> pageInfo.endCursor
//   q.appointmentsPage.cursorAt.body(offset) / extract(json) -> cursor of the row at 0-based `offset`
//                                                (so `after` it, the page starts at row offset + 1)
//   q.professionalAppointments.body(uuid) / normalize(json) -> { totalCount, appointments: [{ id, title, startTime, patient }] }
//   q.patientNotes.body(uuid) / normalize(json)  -> [{ id, noteDate, content, author, patient }] (the 20 latest)
//   q.patientsByLastName.body(name) / normalize(json) -> { totalCount, patients: [{ id, mrn, firstName, lastName, dateOfBirth }] }
//   q.appointmentGroups.body() / normalize(json) -> [{ status, siteId, month, count }], sorted (v5 only: @graphile/pg-aggregates)
//
// Naming differs between the versions: v4 exposes the uuid primary key as `id` (Relay id: `nodeId`,
// `node(nodeId:)`, encoded base64(["patients", uuid])); v5 (amber) exposes it as `rowId` (Relay id:
// `id`, `node(id:)`, encoded base64(["Patient", uuid])). Relation fields are named after CareGraph's
// composite foreign keys in both. `condition: { deletedAt: null }` compiles to `deleted_at IS NULL`
// in both versions (RLS does not hide soft-deleted rows).

const VERSIONS = {
  v4: { pk: 'id', pkAsc: 'ID_ASC', nodeArg: 'nodeId', patientNodeType: 'patients' },
  v5: { pk: 'rowId', pkAsc: 'ROW_ID_ASC', nodeArg: 'id', patientNodeType: 'Patient' },
};

const NOT_DELETED = 'condition: { deletedAt: null }';

function documents({ pk, pkAsc, nodeArg }) {
  return {
    headline: `query Headline($first: Int!) {
  allPatients(first: $first, orderBy: [LAST_NAME_ASC, FIRST_NAME_ASC, ${pkAsc}], ${NOT_DELETED}) {
    nodes {
      ${pk} mrn firstName lastName dateOfBirth
      appointments: appointmentsByTenantIdAndPatientId(first: 5, orderBy: [START_TIME_ASC, ${pkAsc}], ${NOT_DELETED}) {
        nodes {
          ${pk} title status startTime endTime
          notes: clinicalNotesByTenantIdAndAppointmentIdAndPatientId(first: 5, orderBy: [NOTE_DATE_ASC, ${pkAsc}], ${NOT_DELETED}) {
            nodes { ${pk} noteDate content }
          }
        }
      }
    }
  }
}`,
    nodeById: `query NodeById($id: ID!) {
  node(${nodeArg}: $id) {
    ... on Patient { ${pk} mrn firstName lastName dateOfBirth }
  }
}`,
    appointmentsPage: `query AppointmentsPage($first: Int!, $after: Cursor) {
  allAppointments(first: $first, after: $after, orderBy: [START_TIME_ASC, ${pkAsc}], ${NOT_DELETED}) {
    nodes { ${pk} title startTime }
    pageInfo { endCursor }
  }
}`,
    // Filters, totalCount and to-one references (CareGraph's compiled path covers them since issue 10).
    professionalAppointments: `query ProfessionalAppointments($professional: UUID!) {
  allAppointments(first: 50, orderBy: [START_TIME_ASC, ${pkAsc}], condition: { deletedAt: null, careProfessionalId: $professional }) {
    totalCount
    nodes { ${pk} title startTime patient: patientByTenantIdAndPatientId { ${pk} mrn firstName lastName } }
  }
}`,
    patientNotes: `query PatientNotes($patient: UUID!) {
  allClinicalNotes(first: 20, orderBy: [NOTE_DATE_DESC, ${pkAsc.replace('_ASC', '_DESC')}], condition: { deletedAt: null, patientId: $patient }) {
    nodes {
      ${pk} noteDate content
      author: careProfessionalByTenantIdAndAuthorId { ${pk} firstName lastName }
      patient: patientByTenantIdAndPatientId { ${pk} mrn firstName lastName }
    }
  }
}`,
    patientsByLastName: `query PatientsByLastName($lastName: String!) {
  allPatients(first: 20, orderBy: [LAST_NAME_ASC, FIRST_NAME_ASC, ${pkAsc}], condition: { deletedAt: null, lastName: $lastName }) {
    totalCount
    nodes { ${pk} mrn firstName lastName dateOfBirth }
  }
}`,
    // Grouped aggregates (@graphile/pg-aggregates; the month derivative is the bench server's own,
    // truncating in the session's timezone). The plugin has no count(*) per group: distinctCount of
    // the primary key counts the same rows.
    appointmentGroups: `query AppointmentGroups {
  allAppointments(${NOT_DELETED}) {
    groupedAggregates(groupBy: [STATUS, SITE_ID, START_TIME_TRUNCATED_TO_MONTH]) {
      keys
      distinctCount { ${pk} }
    }
  }
}`,
    appointmentCursorAt: `query AppointmentCursorAt($offset: Int!) {
  allAppointments(first: 1, offset: $offset, orderBy: [START_TIME_ASC, ${pkAsc}], ${NOT_DELETED}) {
    edges { cursor }
  }
}`,
  };
}

/** The response's data, or an Error carrying its GraphQL errors. */
function dataOf(json) {
  if (json?.errors?.length) {
    throw new Error(`GraphQL errors: ${JSON.stringify(json.errors)}`);
  }
  if (!json?.data) throw new Error(`GraphQL response without data: ${JSON.stringify(json)}`);
  return json.data;
}

const iso = (value) => new Date(value).toISOString();
const uuid = (value) => String(value).toLowerCase();

/** Groups in the canonical order: status, then site (null last), then month. */
export function sortGroups(groups) {
  const text = (g) => [g.status ?? '\uffff', g.siteId ?? '\uffff', g.month ?? '\uffff'];
  return groups.sort((a, b) => {
    const [x, y] = [text(a), text(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
  });
}

/**
 * A month key: `date_trunc('month', timestamptz)` comes back as a timestamp written in the
 * session's timezone (the tenant's, x-timezone), so its date part is the month's first day there.
 */
function monthOf(key) {
  if (key == null) return null;
  const month = /^(\d{4}-\d{2}-01)[T ]00:00:00(\.0+)?([+-]\d{2}(:?\d{2})?|Z)$/.exec(key)?.[1];
  if (!month) throw new Error(`appointmentGroups: ${key} is not the start of a month in the session's timezone`);
  return month;
}

function build(version) {
  const naming = VERSIONS[version];
  const { pk } = naming;
  const docs = documents(naming);
  const body = (docName, variables) => ({ operationName: upperFirst(docName), query: docs[docName], variables });
  const patient = (node) => ({
    id: uuid(node[pk]),
    mrn: node.mrn,
    firstName: node.firstName,
    lastName: node.lastName,
    dateOfBirth: node.dateOfBirth ?? null,
  });
  const person = (node) => (node ? { id: uuid(node[pk]), firstName: node.firstName, lastName: node.lastName, ...(node.mrn !== undefined ? { mrn: node.mrn } : {}) } : null);
  const nodeId = (patientUuid) => btoa(JSON.stringify([naming.patientNodeType, uuid(patientUuid)]));

  const aggregates = version === 'v5' && {
    appointmentGroups: {
      query: docs.appointmentGroups,
      body: () => body('appointmentGroups', {}),
      normalize: (json) =>
        sortGroups(
          dataOf(json).allAppointments.groupedAggregates.map(({ keys: [status, siteId, month], distinctCount }) => ({
            status,
            siteId: siteId == null ? null : uuid(siteId),
            month: monthOf(month),
            count: Number(distinctCount[pk]),
          })),
        ),
    },
  };

  return {
    documents: docs,
    ...aggregates,
    headline: {
      query: docs.headline,
      body: (first) => body('headline', { first }),
      normalize: (json) =>
        dataOf(json).allPatients.nodes.map((p) => ({
          ...patient(p),
          appointments: p.appointments.nodes.map((a) => ({
            id: uuid(a[pk]),
            title: a.title,
            status: a.status,
            startTime: iso(a.startTime),
            endTime: iso(a.endTime),
            notes: a.notes.nodes.map((n) => ({ id: uuid(n[pk]), noteDate: iso(n.noteDate), content: n.content })),
          })),
        })),
    },
    nodeById: {
      query: docs.nodeById,
      nodeId,
      body: (patientUuid) => body('nodeById', { id: nodeId(patientUuid) }),
      normalize: (json) => {
        const node = dataOf(json).node;
        return node ? patient(node) : null;
      },
    },
    professionalAppointments: {
      query: docs.professionalAppointments,
      body: (professionalUuid) => body('professionalAppointments', { professional: professionalUuid }),
      normalize: (json) => {
        const { totalCount, nodes } = dataOf(json).allAppointments;
        return { totalCount, appointments: nodes.map((a) => ({ id: uuid(a[pk]), title: a.title, startTime: iso(a.startTime), patient: person(a.patient) })) };
      },
    },
    patientNotes: {
      query: docs.patientNotes,
      body: (patientUuid) => body('patientNotes', { patient: patientUuid }),
      normalize: (json) =>
        dataOf(json).allClinicalNotes.nodes.map((n) => ({ id: uuid(n[pk]), noteDate: iso(n.noteDate), content: n.content, author: person(n.author), patient: person(n.patient) })),
    },
    patientsByLastName: {
      query: docs.patientsByLastName,
      body: (lastName) => body('patientsByLastName', { lastName }),
      normalize: (json) => {
        const { totalCount, nodes } = dataOf(json).allPatients;
        return { totalCount, patients: nodes.map((p) => patient(p)) };
      },
    },
    appointmentsPage: {
      query: docs.appointmentsPage,
      body: ({ first, after = null }) => body('appointmentsPage', { first, after }),
      normalize: (json) =>
        dataOf(json).allAppointments.nodes.map((a) => ({ id: uuid(a[pk]), title: a.title, startTime: iso(a.startTime) })),
      endCursor: (json) => dataOf(json).allAppointments.pageInfo.endCursor,
      cursorAt: {
        query: docs.appointmentCursorAt,
        body: (offset) => body('appointmentCursorAt', { offset }),
        extract: (json) => {
          const edge = dataOf(json).allAppointments.edges[0];
          if (!edge) throw new Error('cursorAt: no row at that offset');
          return edge.cursor;
        },
      },
    },
  };
}

function upperFirst(name) {
  return name[0].toUpperCase() + name.slice(1);
}

export const postgraphileQueries = { v4: build('v4'), v5: build('v5') };
export default postgraphileQueries;
