import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { seal, sealedFor } from '../crypto/data-keys';
import { DAY, insertRows } from './rows';

interface DemoRecord {
  patientId: string;
  authorId: string;
  type: string;
  title: string;
  content: string;
  confidentiality: 'NORMAL' | 'RESTRICTED' | 'HIGHLY_RESTRICTED';
  daysAgo: number;
}

/**
 * Medical records of one tenant (issue 14), content sealed as the API seals it. Every fifth
 * patient has a NORMAL consultation record by their physician (else the first doctor). Some are
 * confidential, chosen so that each demo login sees a different set: RESTRICTED records by a
 * professional without a login about patients of the day team (which the demo clinician is in),
 * HIGHLY_RESTRICTED ones about patients of the night team (the demo care worker's), and one
 * about a patient of no team, which only admins see.
 */
export async function loadMedicalRecords(client: Client, tenantId: string, professionalIds: string[]): Promise<void> {
  const { rows: patients } = await client.query<{ id: string; physician: string | null; team: number | null; n: number }>(
    `SELECT p.id, p.primary_physician_id AS physician, row_number() OVER (ORDER BY p.id)::int AS n,
            (SELECT CASE WHEN ct.name = 'Day team' THEN 0 ELSE 1 END FROM patient_care_teams pct JOIN care_teams ct ON ct.id = pct.care_team_id
              WHERE pct.patient_id = p.id AND pct.deleted_at IS NULL AND pct.unassigned_date IS NULL LIMIT 1) AS team
       FROM patients p WHERE p.tenant_id = $1 AND p.deleted_at IS NULL ORDER BY p.id`,
    [tenantId],
  );
  const [doctor, , writerWithoutLogin, secondWriter] = professionalIds;
  const records: DemoRecord[] = patients
    .filter((p) => p.n % 5 === 0)
    .map((p) => ({
      patientId: p.id,
      authorId: p.physician ?? doctor,
      type: 'CONSULTATION',
      title: 'Annual review',
      content: 'Reviewed medication and general health. No new concerns; continue current plan.',
      confidentiality: 'NORMAL',
      daysAgo: 10 + (p.n % 200),
    }));
  const inTeam = (team: number) => patients.filter((p) => p.team === team);
  for (const p of inTeam(0).slice(0, 3)) {
    records.push({ patientId: p.id, authorId: writerWithoutLogin, type: 'DIAGNOSIS', title: 'Mental health assessment', content: 'Low mood over three months; referred to talking therapies.', confidentiality: 'RESTRICTED', daysAgo: 20 });
  }
  for (const p of inTeam(1).slice(0, 2)) {
    records.push({ patientId: p.id, authorId: secondWriter, type: 'HISTORY', title: 'Sexual health history', content: 'Screening completed; results discussed in person.', confidentiality: 'HIGHLY_RESTRICTED', daysAgo: 30 });
  }
  const noTeam = patients.find((p) => p.team === null);
  if (noTeam) {
    records.push({ patientId: noTeam.id, authorId: writerWithoutLogin, type: 'OTHER', title: 'Safeguarding disclosure', content: 'Disclosure recorded; safeguarding lead informed.', confidentiality: 'RESTRICTED', daysAgo: 5 });
  }
  const ids = records.map(() => randomUUID());
  await insertRows(client, 'medical_records', {
    id: { type: 'uuid', values: ids },
    tenant_id: { type: 'uuid', values: records.map(() => tenantId) },
    patient_id: { type: 'uuid', values: records.map((r) => r.patientId) },
    author_id: { type: 'uuid', values: records.map((r) => r.authorId) },
    record_type: { type: 'text', values: records.map((r) => r.type) },
    title: { type: 'text', values: records.map((r) => r.title) },
    content: { type: 'text', values: records.map((r, i) => seal(r.content, sealedFor({ tenantId, table: 'medical_records', column: 'content', rowId: ids[i] }))) },
    confidentiality: { type: 'text', values: records.map((r) => r.confidentiality) },
    recorded_at: { type: 'timestamptz', values: records.map((r) => new Date(Date.now() - r.daysAgo * DAY)) },
  });
}
