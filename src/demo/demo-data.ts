import bcrypt from 'bcryptjs';
import { Client } from 'pg';
import { Feature, Role } from '../entities/enums';
import { DAY, insertRows, random, type Random } from './rows';
import { newInvitationToken } from '../auth/invitation-tokens';
import { loadCareDelivery } from './care-delivery-demo';
import { loadHealthCrm } from './health-crm-demo';
import { loadDiagnostics } from './diagnostics-demo';
import { loadMedicalRecords } from './medical-records-demo';
import { loadBilling } from './billing-demo';
import { loadPayroll } from './payroll-demo';
import { loadNotifications } from './notifications-demo';
import { loadPartners } from './partners-demo';
import { loadDocuments } from './documents-demo';
import type { FileStore } from '../storage/file-store';
import { insertStays, loadCareRecords } from './care-home-demo';
import { FEMALE_NAMES, LAST_NAMES, MALE_NAMES, planPatients } from './patients-demo';
import { demoWeeks, planAppointments, planLeave, planNotes, planRotas, staffSites, type PlannedLeave } from './appointments-demo';

export const DEMO_PASSWORD = 'demo-password';

export interface DemoTenant {
  slug: string;
  name: string;
  kind: 'CARE_HOME_GROUP' | 'CLINIC' | 'HEALTH_COACHING';
  /** `shortStays`: intermediate care, whose residents stay weeks rather than years. */
  sites: Array<{ name: string; kind: 'CARE_HOME' | 'CLINIC'; capacity: number | null; shortStays?: boolean }>;
  /** HealthCRM's leads and how many of them converted into patients. */
  healthCrm: { leads: number; converted: number };
  /** Its plan (table `plans`): the limits its creates meet, and the features it includes. */
  plan: 'FREE' | 'STARTER' | 'PROFESSIONAL' | 'ENTERPRISE';
  /** Its admins' feature switches (`setTenantFeature`). */
  featureSwitches: Array<{ feature: Feature; enabled: boolean }>;
  /** Roles its admins defined (permission names of the catalogue; test/custom-roles.test.ts checks they exist). */
  customRoles: Array<{ name: string; description: string; maskingProfile: Role; permissions: string[]; member?: string }>;
}

export const DEMO_TENANTS: DemoTenant[] = [
  {
    slug: 'acme-care',
    name: 'Acme Care Homes',
    kind: 'CARE_HOME_GROUP',
    sites: [
      { name: 'Willow House', kind: 'CARE_HOME', capacity: 60 },
      { name: 'Oak Lodge', kind: 'CARE_HOME', capacity: 45 },
      { name: 'Birch Court', kind: 'CARE_HOME', capacity: 40 },
    ],
    healthCrm: { leads: 20, converted: 6 },
    plan: 'ENTERPRISE',
    // Switched off while the pipeline and the roles were set up, and back on.
    featureSwitches: [
      { feature: Feature.LEAD_PIPELINE, enabled: true },
      { feature: Feature.CUSTOM_ROLES, enabled: true },
    ],
    customRoles: [
      {
        name: 'Deputy manager',
        description: 'Runs a home with the manager: residency, incidents, the team’s tasks.',
        // A demo login with this role: deputy.manager@acme-care.test.
        member: 'deputy.manager',
        maskingProfile: Role.COORDINATOR,
        permissions: [
          'PATIENT_READ', 'PATIENT_UPDATE', 'PATIENT_ADMIT_RESIDENT', 'PATIENT_TRANSFER_RESIDENT', 'PATIENT_DISCHARGE_RESIDENT', 'PATIENT_UPDATE_RESIDENT_STATUS',
          'RESIDENT_STAY_READ', 'SITE_READ', 'INCIDENT_READ', 'INCIDENT_UPDATE', 'QUALITY_AUDIT_READ', 'DAILY_RECORD_READ', 'MEMBER_READ', 'APPOINTMENT_READ',
          'TASK_READ', 'TASK_CREATE', 'TASK_UPDATE',
        ],
      },
      {
        name: 'Activities coordinator',
        description: 'Plans residents’ activities and writes them in the daily record.',
        maskingProfile: Role.CARE_WORKER,
        permissions: ['PATIENT_READ', 'SITE_READ', 'DAILY_RECORD_READ', 'DAILY_RECORD_CREATE', 'TASK_READ', 'MEMBER_READ'],
      },
    ],
  },
  {
    slug: 'northwind-clinic',
    name: 'Northwind Clinic',
    kind: 'CLINIC',
    sites: [
      { name: 'Northwind High Street', kind: 'CLINIC', capacity: null },
      { name: 'Northwind Riverside', kind: 'CLINIC', capacity: null },
      // Intermediate care: a few step-down beds for patients leaving hospital.
      { name: 'Northwind Step-Down Unit', kind: 'CARE_HOME', capacity: 12, shortStays: true },
    ],
    healthCrm: { leads: 20, converted: 6 },
    plan: 'ENTERPRISE',
    featureSwitches: [
      { feature: Feature.CARE_HOMES, enabled: true },
      { feature: Feature.LEAD_PIPELINE, enabled: true },
    ],
    customRoles: [
      {
        name: 'Receptionist',
        description: 'Books appointments and keeps patients’ contact details.',
        member: 'receptionist',
        maskingProfile: Role.COORDINATOR,
        permissions: [
          'PATIENT_READ', 'PATIENT_CREATE', 'PATIENT_UPDATE', 'APPOINTMENT_READ', 'APPOINTMENT_CREATE', 'APPOINTMENT_UPDATE', 'CARE_PROFESSIONAL_READ',
          'SITE_READ', 'MEMBER_READ', 'PROVIDER_AVAILABILITY_READ', 'TIME_OFF_REQUEST_READ',
        ],
      },
      {
        name: 'Billing clerk',
        description: 'Reads who was seen, when and where; reads invoices and takes payments (refunds stay with admins).',
        maskingProfile: Role.ANALYST,
        permissions: ['PATIENT_READ', 'APPOINTMENT_READ', 'SITE_READ', 'MEMBER_READ', 'INVOICE_READ', 'INVOICE_ITEM_READ', 'PAYMENT_READ', 'PAYMENT_CREATE', 'REFUND_READ'],
      },
    ],
  },
  {
    slug: 'vitality-coaching',
    name: 'Vitality Coaching',
    kind: 'HEALTH_COACHING',
    sites: [{ name: 'Vitality Studio', kind: 'CLINIC', capacity: null }],
    healthCrm: { leads: 300, converted: 100 },
    // A small team's plan: its 300 patients and 7 members fit STARTER's 500 and 10.
    plan: 'STARTER',
    // A coaching business plans no care: its admins switched care planning off (its demo care plans stay, hidden).
    featureSwitches: [{ feature: Feature.CARE_PLANNING, enabled: false }],
    // STARTER has no custom roles.
    customRoles: [],
  },
];

export interface DemoScale {
  patients: number;
  professionals: number;
  appointments: number;
  notes: number;
}

export const DEFAULT_DEMO_SCALE: DemoScale = { patients: 200, professionals: 10, appointments: 1000, notes: 2000 };

/** `<role>@<slug>.test`, e.g. admin@acme-care.test. */
export const demoEmail = (role: Role, slug: string) => `${role.toLowerCase()}@${slug}.test`;

const FIRST_NAMES = [...FEMALE_NAMES, ...MALE_NAMES];
const PROFESSIONS = ['DOCTOR', 'NURSE', 'CARE_WORKER', 'THERAPIST', 'NURSE', 'CARE_WORKER'];
const CATEGORIES = ['Medication review', 'Daily care', 'Observation', 'Wound care', 'Family contact'];

/**
 * Loads the demo tenants unless `acme-care` exists already (first `npm start` only), in one
 * transaction as the owner. Logins `<role>@<slug>.test` / `demo-password` are marked demo and
 * refused when NODE_ENV=production. The data is drawn from fixed seeds around the moment of the
 * load (the transaction's `now()`, which every row's `created_at` shows): loaded at the same
 * moment it is the same, and it always reads as the weeks around the day it was loaded.
 */
export async function loadDemoData(ownerUrl: string, files: FileStore, scale: DemoScale = DEFAULT_DEMO_SCALE): Promise<boolean> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query(`SELECT 1 FROM tenants WHERE slug = $1`, [DEMO_TENANTS[0].slug]);
    if (rowCount) return false;
    const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
    await client.query('BEGIN');
    const now = (await client.query<{ now: Date }>(`SELECT now()`)).rows[0].now.getTime();
    for (const [index, tenant] of DEMO_TENANTS.entries()) {
      await loadTenant(client, tenant, scale, passwordHash, random(20261121 + index), files, now);
    }
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function loadTenant(client: Client, tenant: DemoTenant, scale: DemoScale, passwordHash: string, rnd: Random, files: FileStore, now: number): Promise<void> {
  const [tenantId] = await insertRows(client, 'tenants', {
    slug: { type: 'text', values: [tenant.slug] },
    name: { type: 'text', values: [tenant.name] },
    kind: { type: 'text', values: [tenant.kind] },
    plan: { type: 'text', values: [tenant.plan] },
  });
  // The owner may itself be bound by forced RLS when it is not a superuser.
  await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
  const tenantColumn = (n: number) => ({ type: 'uuid', values: Array(n).fill(tenantId) });

  const siteIds = await insertRows(client, 'sites', {
    tenant_id: tenantColumn(tenant.sites.length),
    name: { type: 'text', values: tenant.sites.map((s) => s.name) },
    kind: { type: 'text', values: tenant.sites.map((s) => s.kind) },
    capacity: { type: 'int', values: tenant.sites.map((s) => s.capacity) },
  });

  const roles = Object.values(Role);
  const userIds = await insertRows(client, 'users', {
    email: { type: 'text', values: roles.map((role) => demoEmail(role, tenant.slug)) },
    display_name: { type: 'text', values: roles.map((role) => `Demo ${role.toLowerCase().replace('_', ' ')} (${tenant.name})`) },
    password_hash: { type: 'text', values: roles.map(() => passwordHash) },
    is_demo: { type: 'boolean', values: roles.map(() => true) },
  });
  const membershipIds = await insertRows(client, 'memberships', {
    tenant_id: tenantColumn(roles.length),
    user_id: { type: 'uuid', values: userIds },
    role: { type: 'text', values: roles },
    is_primary: { type: 'boolean', values: roles.map(() => true) },
    // In the order of Role, a millisecond apart: the admin joined first (tests that take "the
    // oldest members" find the admin first, and can delete the next without leaving no admin).
    created_at: { type: 'timestamptz', values: roles.map((_, i) => new Date(Date.UTC(2026, 0, 1) + i)) },
  });
  const userOf = (role: Role) => userIds[roles.indexOf(role)];

  const [{ timezone: zone }] = (await client.query<{ timezone: string }>(`SELECT timezone FROM tenants WHERE id = $1`, [tenantId])).rows;
  const weeks = demoWeeks(zone, now);

  // Patients first: where they are decides where the professionals work.
  const sites = tenant.sites.map((site, i) => ({ ...site, id: siteIds[i] }));
  const { patients, residency } = planPatients(rnd, { tenantId, kind: tenant.kind, now, sites, count: scale.patients });

  // The demo clinician and care worker have professional records, so they can write notes. A
  // site's staff follow its patients (staffSites).
  const activeBySite = sites.map((_, i) => patients.filter((p) => p.site === i && p.until === null).length);
  const professionals = staffSites(activeBySite, scale.professionals).map((site, i) => ({
    site,
    userId: i === 0 ? userOf(Role.CLINICIAN) : i === 1 ? userOf(Role.CARE_WORKER) : null,
    profession: i === 0 ? 'DOCTOR' : i === 1 ? 'CARE_WORKER' : rnd.pick(PROFESSIONS),
    firstName: rnd.pick(FIRST_NAMES),
    lastName: rnd.pick(LAST_NAMES),
  }));
  const professionalIds = await insertRows(client, 'care_professionals', {
    tenant_id: tenantColumn(professionals.length),
    user_id: { type: 'uuid', values: professionals.map((p) => p.userId) },
    site_id: { type: 'uuid', values: professionals.map((p) => siteIds[p.site]) },
    first_name: { type: 'text', values: professionals.map((p) => p.firstName) },
    last_name: { type: 'text', values: professionals.map((p) => p.lastName) },
    profession: { type: 'text', values: professionals.map((p) => p.profession) },
    can_prescribe: { type: 'boolean', values: professionals.map((p) => p.profession === 'DOCTOR') },
    license_number: { type: 'text', values: professionals.map((_, i) => `${tenant.slug.slice(0, 3).toUpperCase()}-${1000 + i}`) },
  });

  const categoryIds = await insertRows(client, 'clinical_note_categories', {
    tenant_id: tenantColumn(CATEGORIES.length),
    name: { type: 'text', values: CATEGORIES },
  });

  const patientIds = await insertRows(client, 'patients', {
    id: { type: 'uuid', values: patients.map((p) => p.id) },
    tenant_id: tenantColumn(patients.length),
    site_id: { type: 'uuid', values: patients.map((p) => siteIds[p.site]) },
    first_name: { type: 'text', values: patients.map((p) => p.firstName) },
    last_name: { type: 'text', values: patients.map((p) => p.lastName) },
    date_of_birth: { type: 'date', values: patients.map((p) => p.dateOfBirth) },
    gender: { type: 'text', values: patients.map((p) => p.gender) },
    nhs_number: { type: 'text', values: patients.map((p) => p.nhsNumber) },
    status: { type: 'text', values: patients.map((p) => p.status) },
    room_number: { type: 'text', values: patients.map((p) => p.resident?.room ?? null) },
    admission_date: { type: 'date', values: patients.map((p) => p.resident?.admitted ?? null) },
    discharge_date: { type: 'date', values: patients.map((p) => p.resident?.discharged ?? null) },
    resident_status: { type: 'text', values: patients.map((p) => p.resident?.status ?? null) },
    medical_details: { type: 'text', values: patients.map((p) => p.resident?.details ?? null) },
  });

  // A few weeks of the diary around today, in the tenant's time zone (src/demo/appointments-demo.ts).
  const rotas = planRotas(rnd, professionals, new Set([0, 1, 2, 3, 4]));
  const leave = planLeave(weeks, professionalIds.length);
  const appointments = planAppointments(rnd, weeks, { kind: tenant.kind, professionals: rotas, patients, total: scale.appointments, leave });
  const appointmentIds = await insertRows(client, 'appointments', {
    tenant_id: tenantColumn(appointments.length),
    patient_id: { type: 'uuid', values: appointments.map((a) => patientIds[a.patient]) },
    care_professional_id: { type: 'uuid', values: appointments.map((a) => professionalIds[a.professional]) },
    site_id: { type: 'uuid', values: appointments.map((a) => siteIds[a.site]) },
    title: { type: 'text', values: appointments.map((a) => a.title) },
    start_time: { type: 'timestamptz', values: appointments.map((a) => new Date(a.start)) },
    end_time: { type: 'timestamptz', values: appointments.map((a) => new Date(a.end)) },
    status: { type: 'text', values: appointments.map((a) => a.status) },
  });

  const notes = planNotes(rnd, weeks, { total: scale.notes, appointments, patients, professionals: rotas });
  await insertRows(client, 'clinical_notes', {
    tenant_id: tenantColumn(notes.length),
    patient_id: { type: 'uuid', values: notes.map((n) => patientIds[n.patient]) },
    appointment_id: { type: 'uuid', values: notes.map((n) => (n.appointment === null ? null : appointmentIds[n.appointment])) },
    author_id: { type: 'uuid', values: notes.map((n) => professionalIds[n.author]) },
    category_id: { type: 'uuid', values: notes.map((n) => categoryIds[CATEGORIES.indexOf(n.category)]) },
    note_date: { type: 'timestamptz', values: notes.map((n) => new Date(n.date)) },
    content: { type: 'text', values: notes.map((n) => n.content) },
  });

  await loadSchedules(client, tenantColumn, professionalIds, leave, membershipIds[roles.indexOf(Role.COORDINATOR)]);
  const membershipByRole = new Map(roles.map((role, i) => [role, membershipIds[i]]));
  // Invitations an admin sent: one waiting, one revoked, one expired (their tokens were never kept: only hashes).
  const invitations = [
    { email: `new.nurse@${tenant.slug}.test`, role: Role.CLINICIAN, status: 'PENDING', expiresAt: new Date(now + 7 * DAY) },
    { email: `temp.worker@${tenant.slug}.test`, role: Role.CARE_WORKER, status: 'REVOKED', expiresAt: new Date(now + 3 * DAY) },
    { email: `late.analyst@${tenant.slug}.test`, role: Role.ANALYST, status: 'PENDING', expiresAt: new Date(now - 2 * DAY) },
  ];
  await insertRows(client, 'invitations', {
    tenant_id: tenantColumn(invitations.length),
    email: { type: 'text', values: invitations.map((i) => i.email) },
    role: { type: 'text', values: invitations.map((i) => i.role) },
    token_hash: { type: 'text', values: invitations.map(() => newInvitationToken(tenant.slug).tokenHash) },
    expires_at: { type: 'timestamptz', values: invitations.map((i) => i.expiresAt) },
    status: { type: 'text', values: invitations.map((i) => i.status) },
    invited_by_id: { type: 'uuid', values: invitations.map(() => membershipByRole.get(Role.ADMIN)) },
  });
  await insertRows(client, 'tenant_features', {
    tenant_id: tenantColumn(tenant.featureSwitches.length),
    feature: { type: 'text', values: tenant.featureSwitches.map((f) => f.feature) },
    enabled: { type: 'boolean', values: tenant.featureSwitches.map((f) => f.enabled) },
    created_by: { type: 'uuid', values: tenant.featureSwitches.map(() => userOf(Role.ADMIN)) },
  });
  for (const role of tenant.customRoles) {
    const {
      rows: [{ id: roleId }],
    } = await client.query(`INSERT INTO custom_roles (tenant_id, name, description, masking_profile, permissions, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, [
      tenantId,
      role.name,
      role.description,
      role.maskingProfile,
      role.permissions,
      userOf(Role.ADMIN),
    ]);
    if (!role.member) continue;
    // Joined after the system roles' members (tests that take the oldest members find those first).
    const [userId] = await insertRows(client, 'users', {
      email: { type: 'text', values: [`${role.member}@${tenant.slug}.test`] },
      display_name: { type: 'text', values: [`Demo ${role.member.replace('.', ' ')} (${tenant.name})`] },
      password_hash: { type: 'text', values: [passwordHash] },
      is_demo: { type: 'boolean', values: [true] },
    });
    await client.query(`INSERT INTO memberships (tenant_id, user_id, role, custom_role_id, is_primary, created_at) VALUES ($1, $2, $3, $4, true, now() + interval '1 second')`, [
      tenantId,
      userId,
      role.maskingProfile,
      roleId,
    ]);
  }
  // Care is planned for those still in the practice's (or the home's) care.
  const current = patients.flatMap((p, i) => (p.until === null ? [{ id: patientIds[i], since: p.from }] : []));
  await loadCareDelivery(client, { tenantColumn, rnd, now, patients: current, professionalIds, categoryIds, membershipIds: membershipByRole });
  if (residency) {
    await insertStays(client, tenantColumn, residency, patientIds);
    // Records run up to the day the demo is loaded, so that "last week's night shifts" has rows.
    await loadCareRecords(client, {
      tenantColumn,
      rnd: random(20261206),
      today: now,
      plan: residency,
      patientIds,
      careHomeIds: sites.flatMap((site) => (site.kind === 'CARE_HOME' && site.capacity ? [site.id] : [])),
      professionalIds,
      careWorkerId: membershipByRole.get(Role.CARE_WORKER)!,
      coordinatorId: membershipByRole.get(Role.COORDINATOR)!,
    });
  }
  // Due times and upcoming calls count from the day the demo is loaded, so some tasks are overdue and some are not.
  // Converted leads become patients of the tenant's first clinic (a care-home group's wait for a place, with none).
  const clinic = sites.find((site) => site.kind === 'CLINIC');
  await loadHealthCrm(
    client,
    { tenantColumn, rnd, now, slug: tenant.slug, firstNames: FIRST_NAMES, femaleNames: FEMALE_NAMES, lastNames: LAST_NAMES, membershipIds: membershipByRole, professionalId: professionalIds[0], siteId: clinic?.id ?? null },
    tenant.healthCrm,
  );
  if (tenant.kind === 'CLINIC') await loadClinics(client, tenantId);
  // Every tenant's doctors order blood tests (a care home's residents' too); the clinic's patients' come from their physicians.
  await loadDiagnostics(client, tenantId, membershipByRole.get(Role.CLINICIAN)!);
  await loadMedicalRecords(client, tenantId, professionalIds);
  await loadBilling(client, tenantId);
  await loadPayroll(client, tenantId);
  await loadNotifications(client, tenantId);
  await loadDocuments(client, tenantId, membershipByRole, files);
  await loadPartners(client, tenantId, userOf(Role.ADMIN));
}

/**
 * A clinic tenant's clinics carry their tax id, currency and language, each patient of a
 * clinic has one of its doctors as primary care physician (spread evenly, by patient id), and a
 * third of those still its patients (ACTIVE) prescriptions from that doctor.
 */
async function loadClinics(client: Client, tenantId: string): Promise<void> {
  await client.query(`UPDATE sites SET tax_id = 'GB' || lpad((abs(hashtext(id::text)) % 1000000000)::text, 9, '0'), currency = 'GBP', language = 'en-GB' WHERE tenant_id = $1 AND kind = 'CLINIC'`, [tenantId]);
  await client.query(
    `WITH doctors AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n, count(*) OVER () AS total FROM care_professionals WHERE tenant_id = $1 AND profession = 'DOCTOR' AND deleted_at IS NULL)
     UPDATE patients p SET primary_physician_id = d.id FROM doctors d, sites s
      WHERE p.tenant_id = $1 AND s.id = p.site_id AND s.kind = 'CLINIC' AND d.n = abs(hashtext(p.id::text)) % d.total`,
    [tenantId],
  );
  // Prescriptions for a third of the clinic's patients, by their physician: some with refills left, some used up, some finished or cancelled.
  await client.query(
    `INSERT INTO prescriptions (tenant_id, patient_id, prescriber_id, medication_id, dosage, frequency, duration_days, route, instructions, refills_allowed, refills_used, status, prescribed_on, created_by)
     SELECT $1, p.id, p.primary_physician_id, m.id, '1 tablet', (ARRAY['once daily', 'twice daily', 'at night'])[1 + n % 3], 28, 'oral',
            'Take with water.', n % 4, (n % 4) * (n % 2), (ARRAY['ACTIVE', 'ACTIVE', 'ACTIVE', 'COMPLETED', 'CANCELLED'])[1 + n % 5],
            current_date - (n % 90)::int, NULL
       FROM (SELECT p.*, row_number() OVER (ORDER BY p.id) AS n FROM patients p WHERE p.tenant_id = $1 AND p.primary_physician_id IS NOT NULL AND p.status = 'ACTIVE') p
       CROSS JOIN LATERAL (SELECT id FROM medications WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY id OFFSET (p.n % 5) LIMIT 1) m
      WHERE p.n % 3 = 0`,
    [tenantId],
  );
}

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/**
 * Availability and time off (issue 10) for three professionals of the tenant, consistent with
 * their appointments, which lie within working hours (08:30 to 17:30 local time, in the sites'
 * zone) on weekdays: each is bookable 08:00–18:00 every day of the week, the second as a morning
 * and an afternoon window that touch (one window for bookings). Their time off is planned with
 * the diary (planLeave): the first's approved leave, during which nothing was booked, and the
 * third's request, after everything booked. The other professionals declare no availability, so
 * they stay bookable at any time.
 */
async function loadSchedules(
  client: Client,
  tenantColumn: (n: number) => { type: string; values: unknown[] },
  professionalIds: string[],
  leave: PlannedLeave[],
  deciderMembershipId: string,
): Promise<void> {
  const [allDay, splitDay, weekly] = professionalIds.slice(2, 5);
  if (!weekly) return;
  const windows = [
    ...WEEKDAYS.map((weekday) => ({ professionalId: allDay, weekday, start: '08:00', end: '18:00' })),
    ...WEEKDAYS.flatMap((weekday) => [
      { professionalId: splitDay, weekday, start: '08:00', end: '13:00' },
      { professionalId: splitDay, weekday, start: '13:00', end: '18:00' },
    ]),
    ...WEEKDAYS.map((weekday) => ({ professionalId: weekly, weekday, start: '08:00', end: '18:00' })),
  ];
  await insertRows(client, 'provider_availabilities', {
    tenant_id: tenantColumn(windows.length),
    care_professional_id: { type: 'uuid', values: windows.map((w) => w.professionalId) },
    weekday: { type: 'text', values: windows.map((w) => w.weekday) },
    start_time: { type: 'time', values: windows.map((w) => w.start) },
    end_time: { type: 'time', values: windows.map((w) => w.end) },
    valid_from: { type: 'date', values: windows.map(() => '2025-01-01') },
  });
  await insertRows(client, 'time_off_requests', {
    tenant_id: tenantColumn(leave.length),
    care_professional_id: { type: 'uuid', values: leave.map((l) => professionalIds[l.professional]) },
    start_time: { type: 'timestamptz', values: leave.map((l) => new Date(l.start)) },
    end_time: { type: 'timestamptz', values: leave.map((l) => new Date(l.end)) },
    reason: { type: 'text', values: leave.map((l) => l.reason) },
    status: { type: 'text', values: leave.map((l) => l.status) },
    decided_at: { type: 'timestamptz', values: leave.map((l) => (l.status === 'APPROVED' ? new Date(l.start - 30 * DAY) : null)) },
    decided_by_id: { type: 'uuid', values: leave.map((l) => (l.status === 'APPROVED' ? deciderMembershipId : null)) },
  });
}
