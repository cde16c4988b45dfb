import { Client } from 'pg';
import { NORTHWIND, useBothPaths, fieldRules, onlyError } from './support/harness';
import { Role } from '../src/entities/enums';
import { parseGlobalId, toGlobalId } from '../src/data/global-id';
import { demoEmail } from '../src/demo/demo-data';

/**
 * Medical records (issue 14): a RESTRICTED or HIGHLY_RESTRICTED record is seen only by its
 * author, the patient's care team and admins; to anyone else it does not exist, by every read
 * path, and the database holds the rule without the application.
 */

const paths = useBothPaths();

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token?: string, on = paths.compiled) => on.graphql<Data, Data>(query, variables, token);
const owner = (sql: string, values: unknown[] = []) => paths.compiled.db.owner(sql, values);
const inNorthwind = `tenant_id = (SELECT id FROM tenants WHERE slug = '${NORTHWIND}')`;

/** Northwind's demo records of a confidentiality level: a Day-team patient's RESTRICTED ones, a Night-team patient's HIGHLY_RESTRICTED ones, the no-team patient's. */
async function confidential(team: 'Day team' | 'Night team' | null): Promise<Array<{ id: string; patientId: string }>> {
  const rows = await owner(
    `SELECT r.id, r.patient_id FROM medical_records r
      WHERE r.${inNorthwind} AND r.confidentiality <> 'NORMAL' AND r.deleted_at IS NULL
        AND ${team ? `EXISTS (SELECT 1 FROM patient_care_teams pct JOIN care_teams ct ON ct.id = pct.care_team_id WHERE pct.patient_id = r.patient_id AND ct.name = '${team}' AND pct.deleted_at IS NULL)` : `NOT EXISTS (SELECT 1 FROM patient_care_teams pct WHERE pct.patient_id = r.patient_id AND pct.deleted_at IS NULL)`}
      ORDER BY r.id`,
  );
  expect(rows.length).toBeGreaterThan(0);
  return rows.map((r) => ({ id: toGlobalId('MedicalRecord', r.id as string), patientId: toGlobalId('Patient', r.patient_id as string) }));
}

/** What a caller sees of one record by every read path: the top-level list and its count, a filter on its id, nested under the patient (count too), and node(id). */
async function seenBy(token: string, record: { id: string; patientId: string }, on = paths.compiled) {
  const result = await gql(
    `query($id: ID!, $p: ID!) {
      medicalRecords(first: 100, filter: { patient: { eq: $p } }) { totalCount nodes { id } }
      filtered: medicalRecords(first: 5, filter: { id: { eq: $id } }) { totalCount nodes { id } }
      patient: node(id: $p) { ... on Patient { medicalRecords(first: 100) { totalCount nodes { id title content } } } }
      record: node(id: $id) { id ... on MedicalRecord { title content } }
    }`,
    { id: record.id, p: record.patientId },
    token,
    on,
  );
  expect(result.errors).toBeUndefined();
  const d = result.data!;
  const has = (nodes: Data[]) => nodes.some((n) => n.id === record.id);
  const views = [has(d.medicalRecords.nodes), has(d.filtered.nodes), has(d.patient.medicalRecords.nodes), d.record !== null];
  // The counts agree with the lists: nothing hidden is counted.
  expect(d.medicalRecords.totalCount).toBe(d.medicalRecords.nodes.length);
  expect(d.filtered.totalCount).toBe(d.filtered.nodes.length);
  expect(d.patient.medicalRecords.totalCount).toBe(d.patient.medicalRecords.nodes.length);
  expect(new Set(views).size).toBe(1);
  return views[0];
}

/** The same on both read paths, which must agree. */
async function sees(role: Role, record: { id: string; patientId: string }): Promise<boolean> {
  const token = await paths.compiled.login(role, NORTHWIND);
  const fast = await seenBy(token, record);
  expect(await seenBy(token, record, paths.resolvers)).toBe(fast);
  return fast;
}

describe('confidential records', () => {
  it('are seen by admins, the patient’s care team and the author, by every read path; by nobody else, not even in counts', async () => {
    const [dayTeams] = await confidential('Day team');
    const [nightTeams] = await confidential('Night team');
    const [noTeam] = await confidential(null);
    // The demo clinician is in the day team, the demo care worker in the night team.
    expect([await sees(Role.ADMIN, dayTeams), await sees(Role.CLINICIAN, dayTeams), await sees(Role.CARE_WORKER, dayTeams)]).toEqual([true, true, false]);
    expect([await sees(Role.ADMIN, nightTeams), await sees(Role.CLINICIAN, nightTeams), await sees(Role.CARE_WORKER, nightTeams)]).toEqual([true, false, true]);
    expect([await sees(Role.ADMIN, noTeam), await sees(Role.CLINICIAN, noTeam), await sees(Role.CARE_WORKER, noTeam)]).toEqual([true, false, false]);

    // Its author sees what they wrote for a patient of a team they are not in.
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const written = await gql(
      `mutation($p: ID!) { createMedicalRecord(input: { patientId: $p, recordType: DIAGNOSIS, title: "Confidential", content: "Seen by few.", confidentiality: HIGHLY_RESTRICTED }) { medicalRecord { id author { id } } } }`,
      { p: nightTeams.patientId },
      clinician,
    );
    expect(written.errors).toBeUndefined();
    const mine = { id: written.data!.createMedicalRecord.medicalRecord.id, patientId: nightTeams.patientId };
    expect([await sees(Role.CLINICIAN, mine), await sees(Role.CARE_WORKER, mine), await sees(Role.ADMIN, mine)]).toEqual([true, true, true]);
  });

  it('leaving the care team, or the team being unassigned, hides them again, and a membership or assignment from a later date grants nothing yet; a NORMAL record is seen by every reader', async () => {
    const [nightTeams] = await confidential('Night team');
    const [dayTeams] = await confidential('Day team');
    expect(await sees(Role.CARE_WORKER, dayTeams)).toBe(false);
    const [{ id: workerRecord }] = await owner(`SELECT p.id FROM care_professionals p JOIN users u ON u.id = p.user_id WHERE u.email = $1`, [demoEmail(Role.CARE_WORKER, NORTHWIND)]);
    const [{ id: dayTeam }] = await owner(`SELECT id FROM care_teams WHERE ${inNorthwind} AND name = 'Day team'`);
    const [{ id: joining }] = await owner(
      `INSERT INTO care_team_members (tenant_id, care_team_id, care_professional_id, joined_at) SELECT tenant_id, id, $2, now() + interval '30 days' FROM care_teams WHERE id = $1 RETURNING id`,
      [dayTeam, workerRecord],
    );
    expect(await sees(Role.CARE_WORKER, dayTeams)).toBe(false);
    await owner(`UPDATE care_team_members SET joined_at = now() - interval '1 day' WHERE id = $1`, [joining]);
    expect(await sees(Role.CARE_WORKER, dayTeams)).toBe(true);
    await owner(`UPDATE care_team_members SET left_at = now() - interval '1 hour' WHERE id = $1`, [joining]);
    expect(await sees(Role.CARE_WORKER, dayTeams)).toBe(false);
    expect(await sees(Role.CARE_WORKER, nightTeams)).toBe(true);
    const [assignment] = await owner(`SELECT pct.id FROM patient_care_teams pct WHERE pct.patient_id = $1 AND pct.deleted_at IS NULL`, [parseGlobalId(nightTeams.patientId)!.id]);
    await owner(`UPDATE patient_care_teams SET unassigned_date = current_date WHERE id = $1`, [assignment.id]);
    expect(await sees(Role.CARE_WORKER, nightTeams)).toBe(false);
    await owner(`UPDATE patient_care_teams SET unassigned_date = NULL WHERE id = $1`, [assignment.id]);
    expect(await sees(Role.CARE_WORKER, nightTeams)).toBe(true);

    const [normal] = await owner(`SELECT id, patient_id FROM medical_records WHERE ${inNorthwind} AND confidentiality = 'NORMAL' ORDER BY id LIMIT 1`);
    const record = { id: toGlobalId('MedicalRecord', normal.id as string), patientId: toGlobalId('Patient', normal.patient_id as string) };
    expect([await sees(Role.ADMIN, record), await sees(Role.CLINICIAN, record), await sees(Role.CARE_WORKER, record)]).toEqual([true, true, true]);
  });

  it('are changed only by their author or an admin: a care team member reads, but neither rewrites nor reclassifies', async () => {
    const [dayTeams] = await confidential('Day team');
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const [{ version }] = await owner(`SELECT version FROM medical_records WHERE id = $1`, [parseGlobalId(dayTeams.id)!.id]);
    const change = (token: string, input: Data) =>
      gql(`mutation($input: UpdateMedicalRecordInput!) { updateMedicalRecord(input: $input) { medicalRecord { confidentiality } } }`, { input: { id: dayTeams.id, expectedVersion: version, ...input } }, token);
    expect(onlyError(await change(clinician, { confidentiality: 'NORMAL' })).extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'ownRecord' });
    expect(onlyError(await change(clinician, { content: 'Overwritten' })).extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'ownRecord' });
    expect(await sees(Role.CARE_WORKER, dayTeams)).toBe(false);
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    expect((await change(admin, { confidentiality: 'HIGHLY_RESTRICTED' })).data!.updateMedicalRecord.medicalRecord.confidentiality).toBe('HIGHLY_RESTRICTED');
  });

  it('cannot be changed, deleted or restored by those who cannot see them: NOT_FOUND, as for an id that does not exist', async () => {
    const [noTeam] = await confidential(null);
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    for (const mutation of [
      `updateMedicalRecord(input: { id: $id, expectedVersion: 1, title: "Seen" })`,
      `deleteMedicalRecord(input: { id: $id })`,
      `restoreMedicalRecord(input: { id: $id })`,
    ]) {
      const result = await gql(`mutation($id: ID!) { ${mutation} { medicalRecord { id } } }`, { id: noTeam.id }, clinician);
      expect(onlyError(result).extensions!.code).toBe('NOT_FOUND');
    }
    const [{ title }] = await owner(`SELECT title FROM medical_records WHERE id = $1`, [parseGlobalId(noTeam.id)!.id]);
    expect(title).toBe('Safeguarding disclosure');
  });

  it('are hidden by the database itself: the request role, without the application’s filter, sees and changes only what the rule allows', async () => {
    const [{ id: userId }] = await owner(`SELECT id FROM users WHERE email = $1`, [demoEmail(Role.CARE_WORKER, NORTHWIND)]);
    const [{ id: tenantId }] = await owner(`SELECT id FROM tenants WHERE slug = $1`, [NORTHWIND]);
    const [expected] = await owner(
      `SELECT count(*) FILTER (WHERE confidentiality = 'NORMAL')::int AS normal, count(*)::int AS total FROM medical_records WHERE tenant_id = $1 AND deleted_at IS NULL`,
      [tenantId],
    );
    const [noTeam] = await confidential(null);
    const client = new Client({ connectionString: paths.compiled.db.appUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`, [tenantId, userId]);
      const { rows: [seen] } = await client.query<{ n: number; confidential: number }>(`SELECT count(*)::int AS n, count(*) FILTER (WHERE confidentiality <> 'NORMAL')::int AS confidential FROM medical_records WHERE deleted_at IS NULL`);
      // Every NORMAL record, and of the confidential ones only the night team's patients' (fewer than all).
      expect(seen.n - seen.confidential).toBe(expected.normal);
      expect(seen.confidential).toBeGreaterThan(0);
      expect(seen.n).toBeLessThan(expected.total as number);
      const hidden = await client.query(`UPDATE medical_records SET title = 'Seen' WHERE id = $1 RETURNING id`, [parseGlobalId(noTeam.id)!.id]);
      expect(hidden.rowCount).toBe(0);
      // Writes without a condition on the table reach only what the rule allows too.
      await client.query('SAVEPOINT everything');
      expect((await client.query(`UPDATE medical_records SET title = 'Everything'`)).rowCount).toBe(seen.n + (await client.query(`SELECT count(*)::int AS n FROM medical_records WHERE deleted_at IS NOT NULL`)).rows[0].n);
      await client.query('ROLLBACK TO SAVEPOINT everything');
      // A record the caller could not see afterwards is not written.
      await client.query('SAVEPOINT planted');
      const [{ id: author }] = await owner(`SELECT author_id AS id FROM medical_records WHERE id = $1`, [parseGlobalId(noTeam.id)!.id]);
      await expect(
        client.query(`INSERT INTO medical_records (tenant_id, patient_id, author_id, record_type, title, content, confidentiality) VALUES ($1, $2, $3, 'OTHER', 'Planted', 'cg1:x', 'RESTRICTED')`, [
          tenantId,
          parseGlobalId(noTeam.patientId)!.id,
          author,
        ]),
      ).rejects.toThrow(/row-level security/);
      await client.query('ROLLBACK TO SAVEPOINT planted');
      // Deleting the patient would pass over the record the caller cannot see: refused.
      await expect(client.query(`UPDATE patients SET deleted_at = now() WHERE id = $1`, [parseGlobalId(noTeam.patientId)!.id])).rejects.toThrow(/restricted records/);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    }
  });

  it('go with their patient when an admin deletes the patient, and come back with the restore', async () => {
    const [noTeam] = await confidential(null);
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    expect((await gql(`mutation($id: ID!) { deletePatient(input: { id: $id }) { patient { id } } }`, { id: noTeam.patientId }, admin)).errors).toBeUndefined();
    const [gone] = await owner(`SELECT deleted_at FROM medical_records WHERE id = $1`, [parseGlobalId(noTeam.id)!.id]);
    expect(gone.deleted_at).not.toBeNull();
    expect((await gql(`mutation($id: ID!) { restorePatient(input: { id: $id }) { patient { id } } }`, { id: noTeam.patientId }, admin)).errors).toBeUndefined();
    const [back] = await owner(`SELECT deleted_at FROM medical_records WHERE id = $1`, [parseGlobalId(noTeam.id)!.id]);
    expect(back.deleted_at).toBeNull();
  });
});

describe('writing records', () => {
  it('is as oneself (admins record others’), of the patient’s own appointments, sealed at rest', async () => {
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const [patient] = await owner(`SELECT id FROM patients WHERE ${inNorthwind} AND deleted_at IS NULL ORDER BY id LIMIT 1`);
    const [other] = await owner(`SELECT patient_id AS id FROM appointments WHERE ${inNorthwind} AND deleted_at IS NULL AND patient_id <> $1 ORDER BY id LIMIT 1`, [patient.id]);
    const [{ id: someoneElse }] = await owner(`SELECT id FROM care_professionals WHERE ${inNorthwind} AND user_id IS NULL AND deleted_at IS NULL ORDER BY id LIMIT 1`);
    const [{ id: othersAppointment }] = await owner(`SELECT id FROM appointments WHERE patient_id = $1 AND deleted_at IS NULL LIMIT 1`, [other.id]);
    const create = (token: string, input: Data) =>
      gql(`mutation($input: CreateMedicalRecordInput!) { createMedicalRecord(input: $input) { medicalRecord { id content author { id } } } }`, {
        input: { patientId: toGlobalId('Patient', patient.id as string), recordType: 'CONSULTATION', title: 'Review', content: 'Well.', ...input },
      }, token);
    const forOther = await create(clinician, { authorId: toGlobalId('CareProfessional', someoneElse as string) });
    expect(onlyError(forOther).extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'ownRecord' });
    expect(fieldRules(await create(admin, {}))).toEqual(['input.authorId:required']);
    expect(fieldRules(await create(clinician, { appointmentId: toGlobalId('Appointment', othersAppointment as string) }))).toEqual(['input.appointmentId:samePatient']);
    expect(fieldRules(await create(clinician, { recordedAt: new Date(Date.now() + 3_600_000).toISOString() }))).toEqual(['input.recordedAt:notInFuture']);
    const byAdmin = await create(admin, { authorId: toGlobalId('CareProfessional', someoneElse as string) });
    expect(byAdmin.errors).toBeUndefined();
    expect(byAdmin.data!.createMedicalRecord.medicalRecord.content).toBe('Well.');
    const [{ content }] = await owner(`SELECT content FROM medical_records WHERE id = $1`, [parseGlobalId(byAdmin.data!.createMedicalRecord.medicalRecord.id)!.id]);
    expect(content).toMatch(/^cg1:/);
    // Analysts and sales do not read records at all.
    const analyst = await paths.compiled.login(Role.ANALYST, NORTHWIND);
    expect(onlyError(await gql(`{ medicalRecords(first: 1) { totalCount } }`, {}, analyst)).extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'MEDICAL_RECORD_READ' });
  });
});
