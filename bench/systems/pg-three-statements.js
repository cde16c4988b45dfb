// Hand-written reference: the same three flat statements CareGraph's resolvers need
// (patients page, then appointments and notes per parent via LATERAL), joined in JavaScript.
'use strict';
const { createPool, inTenant, serve, pageSize } = require('./pg-common');

const pool = createPool();

const PATIENTS = `SELECT id, mrn, first_name, last_name, date_of_birth FROM patients
  WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY last_name, first_name, id LIMIT $2`;
const APPOINTMENTS = `SELECT a.* FROM unnest($1::uuid[]) AS p(id) CROSS JOIN LATERAL (
  SELECT id, patient_id, title, status, start_time, end_time FROM appointments
   WHERE tenant_id = $2 AND patient_id = p.id AND deleted_at IS NULL ORDER BY start_time, id LIMIT 5) a`;
const NOTES = `SELECT n.* FROM unnest($1::uuid[]) AS p(id) CROSS JOIN LATERAL (
  SELECT id, appointment_id, note_date, content FROM clinical_notes
   WHERE tenant_id = $2 AND appointment_id = p.id AND deleted_at IS NULL ORDER BY note_date, id LIMIT 5) n`;

function groupBy(rows, key) {
  const groups = new Map();
  for (const row of rows) {
    const list = groups.get(row[key]);
    if (list) list.push(row);
    else groups.set(row[key], [row]);
  }
  return groups;
}

serve('pg-three-statements', {
  '/headline': (body, tenantId) =>
    inTenant(pool, tenantId, async (client) => {
      const patients = (await client.query(PATIENTS, [tenantId, pageSize(body)])).rows;
      const appointments = (await client.query(APPOINTMENTS, [patients.map((p) => p.id), tenantId])).rows;
      const notes = (await client.query(NOTES, [appointments.map((a) => a.id), tenantId])).rows;
      const notesByAppointment = groupBy(notes, 'appointment_id');
      const appointmentsByPatient = groupBy(appointments, 'patient_id');
      return {
        patients: patients.map((p) => ({
          id: p.id,
          mrn: p.mrn,
          firstName: p.first_name,
          lastName: p.last_name,
          dateOfBirth: p.date_of_birth,
          appointments: (appointmentsByPatient.get(p.id) ?? []).map((a) => ({
            id: a.id,
            title: a.title,
            status: a.status,
            startTime: a.start_time,
            endTime: a.end_time,
            notes: (notesByAppointment.get(a.id) ?? []).map((n) => ({ id: n.id, noteDate: n.note_date, content: n.content })),
          })),
        })),
      };
    }),
});
