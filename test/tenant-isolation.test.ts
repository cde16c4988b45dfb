import { NodeDocument, PatientsDocument, AppointmentsDocument, ClinicalNotesDocument, CareProfessionalsDocument } from './generated/graphql';
import { ACME, NORTHWIND, startTestApp, TestApp, createTestDatabase, TestDatabase, onlyError } from './support/harness';
import { Role } from '../src/entities/enums';
import { parseGlobalId, toGlobalId } from '../src/data/global-id';
import { Patient } from '../src/entities';
import { DEMO_TENANTS } from '../src/demo/demo-data';

type Ids = Record<'patient' | 'appointment' | 'note' | 'professional' | 'site', string>;

/** Database ids of one object of each kind in a tenant, read as the owner. */
async function sampleIds(db: TestDatabase, slug: string): Promise<Ids> {
  const [row] = await db.owner(
    `SELECT p.id AS patient, a.id AS appointment, n.id AS note, cp.id AS professional, s.id AS site
       FROM tenants t
       JOIN patients p ON p.tenant_id = t.id
       JOIN appointments a ON a.patient_id = p.id
       JOIN clinical_notes n ON n.appointment_id = a.id
       JOIN care_professionals cp ON cp.id = n.author_id
       JOIN sites s ON s.tenant_id = t.id
      WHERE t.slug = $1 LIMIT 1`,
    [slug],
  );
  return row as Ids;
}

const globalIds = (ids: Ids) => ({
  patient: toGlobalId('Patient', ids.patient),
  appointment: toGlobalId('Appointment', ids.appointment),
  note: toGlobalId('ClinicalNote', ids.note),
  professional: toGlobalId('CareProfessional', ids.professional),
  site: toGlobalId('Site', ids.site),
});

/** Every row of the other tenant, as a fingerprint: any write to them changes it. */
async function tenantFingerprint(db: TestDatabase, slug: string): Promise<string> {
  const rows = await db.owner(
    `SELECT (SELECT json_agg(json_build_array(id, version, deleted_at) ORDER BY id) FROM patients WHERE tenant_id = t.id)::text
         || (SELECT json_agg(json_build_array(id, version, deleted_at) ORDER BY id) FROM appointments WHERE tenant_id = t.id)::text
         || (SELECT json_agg(json_build_array(id, version, deleted_at) ORDER BY id) FROM clinical_notes WHERE tenant_id = t.id)::text
         || (SELECT json_agg(json_build_array(id, version, deleted_at) ORDER BY id) FROM care_professionals WHERE tenant_id = t.id)::text
         || (SELECT count(*) FROM patients WHERE tenant_id = t.id)::text AS fingerprint
       FROM tenants t WHERE t.slug = $1`,
    [slug],
  );
  return rows[0].fingerprint as string;
}

/**
 * Rows of the other tenant that point at this tenant's patient and appointment. The composite
 * foreign keys make that impossible, so they are dropped first (in this test's own database):
 * nested connections must still never show these rows, whichever layer is left.
 */
async function plantCrossTenantChildren(db: TestDatabase, own: Ids, other: Ids): Promise<{ appointment: string; note: string }> {
  await db.owner(`ALTER TABLE appointments DROP CONSTRAINT appointments_tenant_id_patient_id_fkey`);
  await db.owner(`ALTER TABLE clinical_notes DROP CONSTRAINT clinical_notes_tenant_id_patient_id_fkey, DROP CONSTRAINT clinical_notes_appointment_fkey`);
  const [{ tenant_id: otherTenant }] = await db.owner(`SELECT tenant_id FROM patients WHERE id = $1`, [other.patient]);
  const [appointment] = await db.owner(
    `INSERT INTO appointments (tenant_id, patient_id, care_professional_id, title, start_time, end_time)
     VALUES ($1, $2, $3, 'Planted', '2030-01-01T10:00Z', '2030-01-01T11:00Z') RETURNING id`,
    [otherTenant, own.patient, other.professional],
  );
  const [note] = await db.owner(
    `INSERT INTO clinical_notes (tenant_id, patient_id, appointment_id, author_id, note_date, content)
     VALUES ($1, $2, $3, $4, '2030-01-01T10:30Z', 'Planted') RETURNING id`,
    [otherTenant, own.patient, own.appointment, other.professional],
  );
  return { appointment: toGlobalId('Appointment', appointment.id as string), note: toGlobalId('ClinicalNote', note.id as string) };
}

/**
 * Every table row-level security guards, from the catalog (no list to keep): the tenant tables
 * (any table with a tenant_id column, test/catalog.test.ts checks each has forced RLS), and users
 * and tenants, whose policies are their own.
 */
async function rowLevelSecurityTables(db: TestDatabase): Promise<string[]> {
  const rows = await db.owner(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        AND (c.relrowsecurity OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
      ORDER BY 1`,
  );
  return rows.map((row) => row.name as string);
}

/** Switches row-level security off on every table it guards, and checks that none is left on. */
async function disableRowLevelSecurity(app: TestApp): Promise<void> {
  const tables = await rowLevelSecurityTables(app.db);
  // The search must find every table the API reads through TypeORM (each entity's table; an
  // entity over a view reads the view's tables, with security_invoker, which catalog.test.ts checks).
  const entityRelations = app.dataSource.entityMetadatas.map((m) => m.tableName);
  const views = await app.db.owner(`SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'v' AND relname = ANY ($1)`, [entityRelations]);
  const entityTables = entityRelations.filter((name) => !views.some((view) => view.name === name));
  expect(entityTables.length).toBeGreaterThan(0);
  expect(tables).toEqual(expect.arrayContaining(entityTables));
  for (const table of tables) await app.db.owner(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
  const [{ remaining }] = await app.db.owner(`SELECT count(*)::int AS remaining FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relrowsecurity`);
  expect(remaining).toBe(0);
}

const modes = [
  { name: 'both layers on', applicationTenantFilter: true, rls: true },
  { name: 'row-level security alone (application filter off)', applicationTenantFilter: false, rls: true },
  { name: 'the application alone (row-level security off)', applicationTenantFilter: true, rls: false },
];

describe.each(modes)('tenant isolation with $name', ({ applicationTenantFilter, rls }) => {
  let app: TestApp;
  let token: string;
  let acme: ReturnType<typeof globalIds>;
  let other: ReturnType<typeof globalIds>;
  let otherFingerprint: string;
  let planted: { appointment: string; note: string };

  beforeAll(async () => {
    app = await startTestApp({ applicationTenantFilter });
    if (!rls) await disableRowLevelSecurity(app);
    token = await app.login(Role.ADMIN, ACME);
    const acmeIds = await sampleIds(app.db, ACME);
    const otherIds = await sampleIds(app.db, NORTHWIND);
    acme = globalIds(acmeIds);
    other = globalIds(otherIds);
    planted = await plantCrossTenantChildren(app.db, acmeIds, otherIds);
    otherFingerprint = await tenantFingerprint(app.db, NORTHWIND);
  });
  afterAll(() => app.stop());

  it('the layer under test is really the only one', async () => {
    // Read as the request role with Acme's tenant set: without RLS it sees both tenants' rows.
    const [{ id: acmeTenant }] = await app.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [ACME]);
    const [{ tenants }] = await app.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [acmeTenant]);
      return manager.query(`SELECT count(DISTINCT tenant_id)::int AS tenants FROM patients`);
    });
    expect(tenants).toBe(rls ? 1 : DEMO_TENANTS.length);
    if (!applicationTenantFilter) {
      // With RLS lifted for a moment, this server leaks: so it is RLS that stops it in the other tests.
      await app.db.owner(`ALTER TABLE patients DISABLE ROW LEVEL SECURITY`);
      try {
        const leaked = await app.graphql(NodeDocument, { id: other.patient }, token);
        expect(leaked.data!.node).toMatchObject({ id: other.patient });
      } finally {
        await app.db.owner(`ALTER TABLE patients ENABLE ROW LEVEL SECURITY`);
      }
    }
  });

  it('node(id) and nodes(ids) return nothing of the other tenant', async () => {
    for (const id of Object.values(other)) {
      const result = await app.graphql(NodeDocument, { id }, token);
      expect(result.errors).toBeUndefined();
      expect(result.data!.node).toBeNull();
    }
    const many = await app.graphql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [other.patient, acme.patient] }, token);
    expect((many.data as { nodes: unknown[] }).nodes).toEqual([null, { id: acme.patient }]);
  });

  it('lists contain only the caller’s tenant, and filters by the other tenant’s ids find nothing', async () => {
    const all = await app.graphql(PatientsDocument, { first: 500 }, token);
    const acmeCount = (await app.db.owner(`SELECT count(*)::int AS n FROM patients p JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = $1 AND p.deleted_at IS NULL`, [ACME]))[0].n;
    expect(all.data!.patients!.totalCount).toBe(acmeCount);
    expect(all.data!.patients!.edges.map((e) => e.node.id)).not.toContain(other.patient);

    const byId = await app.graphql(PatientsDocument, { filter: { id: { in: [other.patient] } } }, token);
    expect(byId.data!.patients).toMatchObject({ totalCount: 0, edges: [] });
    const appointments = await app.graphql(AppointmentsDocument, { filter: { patient: { eq: other.patient } } }, token);
    expect(appointments.data!.appointments).toMatchObject({ totalCount: 0, nodes: [] });
    const notes = await app.graphql(ClinicalNotesDocument, { filter: { or: [{ id: { eq: other.note } }, { appointment: { eq: other.appointment } }] } }, token);
    expect(notes.data!.clinicalNotes).toMatchObject({ totalCount: 0, nodes: [] });
    const professionals = await app.graphql(CareProfessionalsDocument, { filter: { id: { eq: other.professional } } }, token);
    expect(professionals.data!.careProfessionals).toMatchObject({ totalCount: 0, nodes: [] });
  });

  it('nested connections never show the other tenant’s rows, even rows pointing at the caller’s own', async () => {
    const result = await app.graphql(
      `query($patient: ID!, $appointment: ID!) {
        patient: node(id: $patient) { ... on Patient {
          appointments(first: 500) { totalCount nodes { id } }
          clinicalNotes(first: 500) { totalCount nodes { id } }
        } }
        appointment: node(id: $appointment) { ... on Appointment { clinicalNotes(first: 500) { totalCount nodes { id } } } }
      }`,
      { patient: acme.patient, appointment: acme.appointment },
      token,
    );
    expect(result.errors).toBeUndefined();
    type Page = { totalCount: number; nodes: Array<{ id: string }> };
    const data = result.data as { patient: Record<string, Page>; appointment: Record<string, Page> };
    const pages = [data.patient.appointments, data.patient.clinicalNotes, data.appointment.clinicalNotes];
    for (const page of pages) {
      expect(page.nodes.length).toBeGreaterThan(0); // the patient's own rows are there…
      expect(page.nodes.length).toBe(page.totalCount);
    }
    const shown = pages.flatMap((page) => page.nodes.map((n) => n.id));
    expect(shown).not.toContain(planted.appointment); // …the planted ones are not
    expect(shown).not.toContain(planted.note);
  });

  it('a cursor made in the other tenant is refused on both read paths (no ordering oracle on its rows)', async () => {
    const otherToken = await app.login(Role.ADMIN, NORTHWIND);
    const foreign = (await app.graphql(PatientsDocument, { first: 1 }, otherToken)).data!.patients!.pageInfo.endCursor;
    // The same cursor pages on in its own tenant: only the tenant makes the difference.
    expect((await app.graphql(PatientsDocument, { first: 1, after: foreign }, otherToken)).errors).toBeUndefined();
    const compiled = `query($after: String) { patients(first: 5, after: $after) { nodes { id } } }`;
    for (const response of [await app.graphql(PatientsDocument, { first: 500, after: foreign }, token), await app.graphql<{ patients: unknown }, { after: string | null }>(compiled, { after: foreign }, token)]) {
      expect(response.data?.patients ?? null).toBeNull();
      expect(onlyError(response).extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after', rule: 'cursor' }] });
    }
  });

  it('every mutation on the other tenant’s objects fails and changes nothing', async () => {
    const probes: Array<[string, Record<string, unknown>]> = [
      ['updatePatient', { id: other.patient, expectedVersion: 1, lastName: 'Hijacked' }],
      ['deletePatient', { id: other.patient }],
      ['restorePatient', { id: other.patient }],
      ['updateAppointment', { id: other.appointment, expectedVersion: 1, title: 'Hijacked' }],
      ['deleteAppointment', { id: other.appointment }],
      ['restoreAppointment', { id: other.appointment }],
      ['updateCareProfessional', { id: other.professional, expectedVersion: 1, lastName: 'Hijacked' }],
      ['deleteCareProfessional', { id: other.professional }],
      ['restoreCareProfessional', { id: other.professional }],
      ['deleteClinicalNote', { id: other.note }],
      ['restoreClinicalNote', { id: other.note }],
      ['createPatient', { firstName: 'Cross', lastName: 'Site', siteId: other.site }],
      ['createAppointment', { patientId: other.patient, careProfessionalId: acme.professional, title: 'x', startTime: '2030-01-01T10:00:00Z', endTime: '2030-01-01T10:30:00Z' }],
      ['createAppointment', { patientId: acme.patient, careProfessionalId: other.professional, title: 'x', startTime: '2030-01-01T10:00:00Z', endTime: '2030-01-01T10:30:00Z' }],
    ];
    for (const [mutation, input] of probes) {
      const inputType = `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`.replace(/^(Delete|Restore)\w+Input$/, '$1Input');
      const result = await app.graphql(`mutation($input: ${inputType}!) { ${mutation}(input: $input) { __typename } }`, { input }, token);
      expectRefusedAsForeign(mutation, result.errors);
    }
    // Clinical notes are written by care professionals: probe them as the clinician.
    const clinician = await app.login(Role.CLINICIAN, ACME);
    const notes: Array<[string, Record<string, unknown>]> = [
      ['updateClinicalNote', { id: other.note, expectedVersion: 1, content: 'Hijacked' }],
      ['createClinicalNote', { patientId: other.patient, content: 'cross-tenant' }],
      ['createClinicalNote', { patientId: acme.patient, appointmentId: other.appointment, content: 'cross-tenant' }],
    ];
    for (const [mutation, input] of notes) {
      const inputType = `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`;
      const result = await app.graphql(`mutation($input: ${inputType}!) { ${mutation}(input: $input) { __typename } }`, { input }, clinician);
      expectRefusedAsForeign(mutation, result.errors);
    }
    expect(await tenantFingerprint(app.db, NORTHWIND)).toBe(otherFingerprint);
    const crossLinks = await app.db.owner(
      `SELECT count(*)::int AS n FROM appointments a JOIN patients p ON p.id = a.patient_id WHERE p.tenant_id <> a.tenant_id AND a.id <> $1`,
      [parseGlobalId(planted.appointment)!.id],
    );
    expect(crossLinks[0].n).toBe(0);
  });
});

/** Refused because the other tenant's object does not exist for the caller, and for no other reason. */
function expectRefusedAsForeign(mutation: string, errors: Array<{ extensions?: Record<string, unknown> }> | undefined) {
  expect(errors).toHaveLength(1);
  const extensions = errors![0].extensions!;
  if (mutation.startsWith('create')) {
    expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ rule: 'exists' })] });
  } else {
    expect(extensions).toMatchObject({ code: 'NOT_FOUND' });
  }
}

describe('tenant settings are transaction-local', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ poolSize: 1 });
  });
  afterAll(() => app.stop());

  it('one pooled connection alternating tenants carries nothing over', async () => {
    const tokens: Record<string, string> = { [ACME]: await app.login(Role.ADMIN, ACME), [NORTHWIND]: await app.login(Role.ADMIN, NORTHWIND) };
    const idsOf = async (slug: string) =>
      new Set((await app.db.owner(`SELECT p.id FROM patients p JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = $1`, [slug])).map((r) => toGlobalId('Patient', r.id as string)));
    const expected: Record<string, Set<string>> = { [ACME]: await idsOf(ACME), [NORTHWIND]: await idsOf(NORTHWIND) };
    for (const slug of [ACME, NORTHWIND, ACME, NORTHWIND, ACME]) {
      const result = await app.graphql(PatientsDocument, { first: 500 }, tokens[slug]);
      const ids = result.data!.patients!.edges.map((e) => e.node.id);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.every((id) => expected[slug].has(id))).toBe(true);
      // The same (only) connection, between requests: no tenant, no user, no request id left behind.
      const [settings] = await app.dataSource.query(
        `SELECT current_setting('app.tenant_id', true) AS tenant, current_setting('app.user_id', true) AS "user", current_setting('app.request_id', true) AS request`,
      );
      expect([settings.tenant ?? '', settings.user ?? '', settings.request ?? '']).toEqual(['', '', '']);
    }
  });
});

describe('the tenant-scoped TypeORM subscriber', () => {
  let db: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ db });
  });
  afterAll(async () => {
    await app.stop();
    await db.drop();
  });

  async function insertAs(data: { caller: { tenantId: string } } | undefined, tenantId: string | undefined) {
    const runner = app.dataSource.createQueryRunner();
    await runner.connect();
    if (data) runner.data = data;
    try {
      await runner.startTransaction();
      if (data) await runner.query(`SELECT set_config('app.tenant_id', $1, true)`, [data.caller.tenantId]);
      // The subscriber stamps the tenant on the very object inserted.
      const patient: Partial<Patient> = { firstName: 'Sub', lastName: 'Scriber', tenantId };
      await runner.manager.createQueryBuilder().insert().into(Patient).values(patient as Record<string, unknown>).execute();
      return patient;
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('stamps tenant and acting user, and rejects an entity of another tenant or outside a request', async () => {
    const [acme] = await db.owner(`SELECT id FROM tenants WHERE slug = $1`, [ACME]);
    const [northwind] = await db.owner(`SELECT id FROM tenants WHERE slug = $1`, [NORTHWIND]);
    const [user] = await db.owner(`SELECT id FROM users WHERE email = 'admin@acme-care.test'`);
    const scope = { caller: { tenantId: acme.id as string, userId: user.id, role: Role.ADMIN } };
    const stamped = await insertAs(scope, undefined);
    expect(stamped).toMatchObject({ tenantId: acme.id, createdBy: user.id, updatedBy: user.id });
    await expect(insertAs(scope, northwind.id as string)).rejects.toThrow(/another tenant/);
    await expect(insertAs(undefined, acme.id as string)).rejects.toThrow(/outside a tenant-scoped request/);
  });
});
