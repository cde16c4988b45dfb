// Hand-written reference: the whole headline response built by PostgreSQL in one json_agg
// statement and passed through as text (no parsing or serialising in Node).
'use strict';
const { createPool, inTenant, serve, pageSize } = require('./pg-common');

const pool = createPool();

const HEADLINE = `
SELECT json_build_object('patients', coalesce(json_agg(json_build_object(
  'id', p.id, 'mrn', p.mrn, 'firstName', p.first_name, 'lastName', p.last_name, 'dateOfBirth', p.date_of_birth,
  'appointments', (
    SELECT coalesce(json_agg(json_build_object(
      'id', a.id, 'title', a.title, 'status', a.status, 'startTime', a.start_time, 'endTime', a.end_time,
      'notes', (
        SELECT coalesce(json_agg(json_build_object('id', n.id, 'noteDate', n.note_date, 'content', n.content) ORDER BY n.note_date, n.id), '[]')
          FROM (SELECT id, note_date, content FROM clinical_notes
                 WHERE tenant_id = $1 AND appointment_id = a.id AND deleted_at IS NULL ORDER BY note_date, id LIMIT 5) n)
    ) ORDER BY a.start_time, a.id), '[]')
      FROM (SELECT id, title, status, start_time, end_time FROM appointments
             WHERE tenant_id = $1 AND patient_id = p.id AND deleted_at IS NULL ORDER BY start_time, id LIMIT 5) a)
) ORDER BY p.last_name, p.first_name, p.id), '[]'))::text AS body
FROM (SELECT id, mrn, first_name, last_name, date_of_birth FROM patients
       WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY last_name, first_name, id LIMIT $2) p`;

serve('pg-json-agg', {
  '/headline': (body, tenantId) =>
    inTenant(pool, tenantId, async (client) => (await client.query(HEADLINE, [tenantId, pageSize(body)])).rows[0].body),
});
