#!/usr/bin/env node
// Deterministic benchmark data for CareGraph: 20 tenants (one large, 19 small), patients,
// appointments and clinical notes, generated inside PostgreSQL (INSERT ... SELECT over
// generate_series with hash-derived pseudo-random values), so the same seed gives the same
// rows, ids included.
//
//   node bench/lib/generate.mjs [--scale N] [--seed S]
//
// Scale 1: 20 tenants, 40,000 patients, 200,000 appointments (exactly 5 per patient) and
// 600,000 clinical notes (exactly 3 per appointment). `scale` multiplies the last three.
// The bulk load runs as the owner with session_replication_role = replica: audit, MRN and
// version triggers and foreign-key checks are skipped (CHECK, UNIQUE and exclusion constraints
// still hold: no professional is double-booked, see g_a).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OWNER_URL, rootModule, startDatabase, prepareSchema } from './database.mjs';

const { Client } = rootModule('pg');

/** Bump whenever the generated data changes: a database holding an older version is regenerated. */
export const GENERATOR_VERSION = 2;
export const TENANT_COUNT = 20;
export const BENCH_PASSWORD = 'bench-password';
export const BENCH_TENANT_SLUG = 'bench-tenant-01';
const PATIENTS_PER_SCALE = 40_000;
const BENCH_TENANT_SHARE = 0.2;
const APPOINTMENTS_PER_PATIENT = 5;
const NOTES_PER_APPOINTMENT = 3;
const PROFESSIONALS_PER_TENANT = 20;
/** "Now" of the data set: earlier appointments are over, later ones are booked. */
const AS_OF = '2026-11-01 00:00:00+00';
/** Appointments fall on DAYS days from 2024-01-01, in one-hour slots from 08:00 (see g_a). */
const DAYS = 1096;
const SLOTS_PER_DAY = 10;
/** One-hour slots per professional over the period: a professional never has more appointments. */
const SLOTS = DAYS * SLOTS_PER_DAY;

export const benchSlug = (t) => `bench-tenant-${String(t).padStart(2, '0')}`;
export const benchEmail = (t) => `clinician@${benchSlug(t)}.test`;

// ---------------------------------------------------------------------------------------------
// Fixed word lists (fictional people; no real PII).
const FEMALE_NAMES = ['Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Grace', 'Sophia', 'Lily', 'Freya', 'Emily', 'Ella', 'Poppy', 'Evie', 'Charlotte', 'Florence', 'Ivy', 'Rosie', 'Willow', 'Daisy', 'Phoebe', 'Harper', 'Ruby', 'Alice', 'Matilda', 'Eleanor', 'Margaret', 'Dorothy', 'Joan', 'Patricia', 'Susan', 'Barbara', 'Jean', 'Elizabeth', 'Mary', 'Anne', 'Sheila', 'Pauline', 'Janet', 'Carol', 'Linda', 'Priya', 'Aisha', 'Fatima', 'Zainab', 'Mei', 'Ngozi', 'Siobhan', 'Niamh', 'Catrin', 'Agnieszka'];
const MALE_NAMES = ['Oliver', 'George', 'Harry', 'Noah', 'Jack', 'Leo', 'Arthur', 'Muhammad', 'Oscar', 'Charlie', 'Jacob', 'Thomas', 'Henry', 'William', 'Alfie', 'Theo', 'Freddie', 'Archie', 'Joshua', 'Samuel', 'James', 'Edward', 'Daniel', 'Isaac', 'Lucas', 'John', 'David', 'Michael', 'Peter', 'Robert', 'Richard', 'Brian', 'Keith', 'Colin', 'Derek', 'Kenneth', 'Stephen', 'Graham', 'Alan', 'Raymond', 'Arjun', 'Rohan', 'Imran', 'Wei', 'Kwame', 'Chidi', 'Dafydd', 'Eoin', 'Callum', 'Tomasz'];
const LAST_NAMES = ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy', 'Miller', 'Cox', 'Richards', 'Khan', 'Marshall', 'Anderson', 'Simpson', 'Ellis', 'Adams', 'Singh', 'Begum', 'Wilkinson', 'Foster', 'Chapman', 'Powell', 'Webb', 'Rogers', 'Gray', 'Mason', 'Ali', 'Hunt', 'Hussain', 'Campbell', 'Matthews', 'Owen', 'Palmer', 'Holmes', 'Mills', 'Barnes', 'Knight', 'Lloyd', 'Butler', 'Russell', 'Barker', 'Fisher', 'Stevens', 'Jenkins', 'Murray', 'Dixon', 'Harvey', 'Graham', 'Pearson', 'Ahmed', 'Fletcher', 'Walsh', 'Kaur', 'Gibson', 'Howard', 'Andrews', 'Stewart', 'Elliott', 'Reynolds', 'Saunders', 'Payne', 'Fox', 'Ford', 'Pearce', 'Day', 'Brooks', 'West', 'Lawrence', 'Cole', 'Atkinson', 'Bradley', 'Spencer', 'Gill', 'Dawson', 'Ball', 'Burton', "O'Brien", 'Watts', 'Rose', 'Booth', 'Perry', 'Ryan', 'Grant', 'Wells', 'Armstrong', 'Francis', 'Rees', 'Hayes', 'Hart', 'Hudson', 'Newman', 'Barrett', 'Webster', 'Hunter', 'Gregory', 'Carr', 'Lowe', 'Page', 'Marsh', 'Riley', 'Dunn', 'Woods', 'Parsons', 'Berry', 'Stone', 'Reid', 'Holland', 'Hawkins', 'Harding', 'Porter', 'Robertson', 'Newton', 'Oliver', 'Reed', 'Kennedy', 'Williamson', 'Bird', 'Gardner', 'Shah', 'Dean', 'Lane', 'Cooke', 'Bates', 'Henderson', 'Parry', 'Burgess', 'Bishop', 'Walton', 'Burns', 'Nicholson', 'Shepherd', 'Ross', 'Cross', 'Long', 'Freeman', 'Warren', 'Nicholls', 'Hamilton', 'Byrne', 'Sutton', 'McDonald', 'Yates', 'Hodgson', 'Robson', 'Curtis', 'Hopkins', 'Okafor', 'Chen', 'Nowak', 'Mensah'];
const RELATIONS = ['daughter', 'son', 'wife', 'husband', 'partner', 'sister', 'brother', 'friend', 'niece', 'nephew'];
const STREETS = ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Mill Lane', 'Park Avenue', 'Queens Road', 'The Green', 'Manor Way', 'Orchard Close', 'Kings Road', 'School Lane', 'Meadow View', 'Chapel Street', 'North Street', 'Springfield Road', 'Grange Road', 'London Road', 'Elm Grove', 'Windmill Hill'];
const TOWNS = ['Ashford', 'Bramley', 'Chesterton', 'Dunmore', 'Eastleigh', 'Fairford', 'Greenhill', 'Hartfield', 'Kingsbury', 'Longmead', 'Marlow', 'Northam', 'Oakham', 'Redhill', 'Southwick', 'Thornbury', 'Westbury', 'Yarwell'];
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example.co.uk'];
const SITE_NAMES = ['Riverside', 'High Street', 'Parkview', 'Meadowbank', 'Hillcrest', 'Station Road', 'Oakfield', 'Harbourside', 'Elm Grove', 'Kingsway'];
const TENANT_KINDS = ['CLINIC', 'CARE_HOME_GROUP', 'CARE_PROVIDER', 'HEALTH_COACHING'];
const PROFESSIONS = ['DOCTOR', 'NURSE', 'NURSE', 'CARE_WORKER', 'CARE_WORKER', 'THERAPIST', 'HEALTH_COACH', 'PHARMACIST', 'OTHER', 'DOCTOR'];
const SPECIALIZATIONS = ['General practice', 'Elderly care', 'Diabetes', 'Respiratory', 'Tissue viability', 'Mental health', 'Physiotherapy', 'Occupational therapy', 'Cardiology', 'Palliative care'];
const CATEGORIES = [
  ['Progress note', 'Routine progress and observations'],
  ['Medication review', 'Changes to and reviews of medication'],
  ['Care plan', 'Goals, plans and referrals'],
  ['Communication', 'Contact with family, carers and other services'],
];
const TITLES = ['Medication review', 'GP consultation', 'Physiotherapy session', 'Wound dressing', 'Annual health check', 'Blood test', 'Care plan review', 'Diabetes review', 'Blood pressure check', 'Mental health review', 'Falls assessment', 'Follow-up consultation'];
const REASONS = ['Routine review of long-term conditions', 'Follow-up after recent hospital discharge', 'Review of new medication and side effects', 'Ongoing wound management', 'Reported dizziness and unsteadiness', 'Persistent cough and breathlessness', 'Monitoring of blood pressure', 'Request from family for a review', 'Low mood and poor sleep', 'Pain management review'];
const NOTE_OPENINGS = [
  'Patient seen for routine review, attended alone.',
  'Reviewed in clinic following referral from GP.',
  'Follow-up appointment; patient reports feeling better.',
  'Seen with daughter present, consent given for discussion.',
  'Telephone review completed at patient request.',
  'Patient reports intermittent lower back pain for two weeks.',
  'Attended for medication review as planned.',
  'Reports poor sleep and low mood over the past month.',
  'Presented with productive cough for five days, no fever.',
  'Reviewed after recent fall at home, no head injury reported.',
  'Annual review of long-term conditions.',
  'Patient describes improved mobility since last visit.',
  'Seen for wound check on left lower leg.',
  'Review of blood pressure readings from home monitoring.',
  'Carer reports reduced appetite and some confusion at night.',
  'Patient anxious about upcoming procedure, questions answered.',
];
const NOTE_FINDINGS = [
  'Chest clear on auscultation, heart sounds normal.',
  'Wound edges clean and granulating, no signs of infection.',
  'Mild tenderness over lumbar spine, neurology intact.',
  'Alert and oriented, speech and gait unremarkable.',
  'Ankles mildly oedematous bilaterally, no calf tenderness.',
  'Skin intact over pressure areas, no redness noted.',
  'Abdomen soft and non-tender, bowel sounds present.',
  'Inhaler technique checked and satisfactory.',
  'Mood appears low but engaged well throughout.',
  'Blood glucose diary shows readings mostly within target.',
];
const NOTE_PLANS = [
  'Plan: continue current medication, review in four weeks.',
  'Advised regular analgesia and gentle exercise; safety-netted.',
  'Bloods requested including FBC, U&E and HbA1c.',
  'Referred to physiotherapy for strengthening programme.',
  'Dressing renewed; district nurse to review in three days.',
  'Medication reconciled with pharmacy, no changes made.',
  'Discussed diet and fluid intake; family to keep food chart.',
  'Will contact patient with results and arrange follow-up.',
  'Falls risk assessment updated, sensor mat in place.',
  'Patient to return if symptoms worsen or new concerns arise.',
];
const NOTE_CLOSERS = ['Patient agreed with the plan.', 'Care plan updated accordingly.', 'Next of kin informed by phone.', 'Documentation completed.'];
// Longest vitals sentence produced below ("Obs: BP 154/89, HR 97, SpO2 99%, temp 37.4C.").
const VITALS_MAX = 45;
const VITALS_MIN = 43;
const SHORT_NOTE = 160; // notes shorter than this get a closing sentence

{
  // Every note is opening + (finding | vitals) + plan [+ closer when short]: keep it within 120..240 characters.
  const lens = (list) => list.map((s) => s.length);
  const min = (l) => Math.min(...l);
  const max = (l) => Math.max(...l);
  const shortest = min(lens(NOTE_OPENINGS)) + Math.min(min(lens(NOTE_FINDINGS)), VITALS_MIN) + min(lens(NOTE_PLANS)) + 2;
  const longest = Math.max(max(lens(NOTE_OPENINGS)) + Math.max(max(lens(NOTE_FINDINGS)), VITALS_MAX) + max(lens(NOTE_PLANS)) + 2, SHORT_NOTE - 1 + 1 + max(lens(NOTE_CLOSERS)));
  if (shortest < 120 || longest > 240) throw new Error(`note fragments give ${shortest}..${longest} characters`);
}

/** A SQL text[] literal. */
const arr = (list) => `ARRAY[${list.map((s) => `'${String(s).replace(/'/g, "''")}'`).join(', ')}]::text[]`;
/** SQL: element of a list literal chosen by a non-negative integer expression. */
const pick = (list, expr) => `(${arr(list)})[1 + (${expr}) % ${list.length}]`;

/** Per-tenant patient counts: tenant 1 holds 20 %, tenants 2..20 share the rest (the first few get one more). */
export function tenantPlan(scale = 1) {
  const patients = Math.round(PATIENTS_PER_SCALE * scale);
  const first = Math.round(patients * BENCH_TENANT_SHARE);
  const rest = patients - first;
  const others = TENANT_COUNT - 1;
  const counts = [first, ...Array.from({ length: others }, (_, i) => Math.floor(rest / others) + (i < rest % others ? 1 : 0))];
  let offset = 0;
  return counts.map((count, i) => {
    const row = { t: i + 1, slug: benchSlug(i + 1), offset, patients: count };
    offset += count;
    return row;
  });
}

/** bcrypt hash of the bench password with a salt derived from the seed: deterministic too. */
function passwordHash(seed) {
  const bcrypt = rootModule('bcryptjs');
  const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let x = (seed * 2654435761 + 12345) >>> 0;
  let salt = '';
  for (let i = 0; i < 22; i++) {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x297a2d39 + i) >>> 0;
    salt += alphabet[x % 64];
  }
  return bcrypt.hashSync(BENCH_PASSWORD, `$2b$10$${salt}`);
}

/** The NHS check-digit sum of a 9-digit prefix `x` as a SQL expression (weights 10..2). */
const nhsSum = (x) => Array.from({ length: 9 }, (_, i) => `((${x}) / ${10 ** (8 - i)} % 10) * ${10 - i}`).join(' + ');

function helperFunctions(seed) {
  const s = `'${seed}'`;
  return `
CREATE FUNCTION pg_temp.h(k bigint, salt int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (hashint8extended(k, ${seed}::bigint * 1000003 + salt) & 2147483647)::int $$;
CREATE FUNCTION pg_temp.uid(kind text, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT md5(${s} || ':' || kind || ':' || n::text)::uuid $$;
CREATE FUNCTION pg_temp.nhs(prefix bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN (11 - (${nhsSum('prefix')}) % 11) % 11 = 10 THEN NULL
                    ELSE prefix::text || ((11 - (${nhsSum('prefix')}) % 11) % 11)::text END $$;
-- A bijection of [0, 6e8) (7^10 is coprime to 6e8) onto 9-digit prefixes 400000000..999999999.
CREATE FUNCTION pg_temp.nhs_prefix(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT 400000000 + (x * 282475249 + ${(seed * 7919) % 600000000 + 600000000}) % 600000000 $$;
CREATE FUNCTION pg_temp.days(n bigint) RETURNS interval LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT n * interval '1 day' $$;
CREATE FUNCTION pg_temp.mins(n bigint) RETURNS interval LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT n * interval '1 minute' $$;
CREATE FUNCTION pg_temp.secs(n bigint) RETURNS interval LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT n * interval '1 second' $$;`;
}

/** TypeORM's own tables: the record of applied migrations (and its metadata table, if ever made) survive a reload. */
const TYPEORM_TABLES = ['migrations', 'typeorm_metadata'];

/** Every table of the project (schema public, TypeORM's own excepted), from the catalog: new tables need no edit here. */
async function projectTables(client) {
  const { rows } = await client.query(
    `SELECT format('%I', tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> ALL ($1::text[]) ORDER BY tablename`,
    [TYPEORM_TABLES],
  );
  if (!rows.some((r) => r.name === 'appointments')) throw new Error('generate: the schema has no project tables; run the migrations first');
  return rows.map((r) => r.name);
}

// ---------------------------------------------------------------------------------------------
// The load, table by table. `h(k, salt)` is a pseudo-random non-negative int; each column uses its own salt.
const LETTERS = (expr) => `lower(regexp_replace(${expr}, '[^A-Za-z]', '', 'g'))`;

const STEPS = [
  ['tenants', `
INSERT INTO tenants (id, slug, name, kind, plan, settings, created_at, updated_at)
SELECT id, slug, 'Bench Tenant ' || nn, kind, CASE WHEN t = 1 THEN 'ENTERPRISE' ELSE 'STANDARD' END, '{}',
       created_at, created_at
  FROM g_t ORDER BY t`],
  ['users', `
INSERT INTO users (id, email, display_name, password_hash, is_demo, created_at, updated_at)
SELECT user_id, 'clinician@' || slug || '.test', 'Bench Clinician ' || nn, $1, false, created_at, created_at
  FROM g_t ORDER BY t`],
  ['memberships', `
INSERT INTO memberships (id, tenant_id, user_id, role, is_primary, created_at, updated_at)
SELECT pg_temp.uid('membership', t), id, user_id, 'CLINICIAN', true, created_at, created_at FROM g_t ORDER BY t`],
  ['sites', `
INSERT INTO sites (id, tenant_id, name, kind, capacity, address, phone, licence_number, created_at, updated_at)
SELECT pg_temp.uid('site', t.t * 100 + s), t.id,
       ${pick(SITE_NAMES, 't.t * 3 + s')} || CASE WHEN t.kind = 'CARE_HOME_GROUP' THEN ' House' ELSE ' Clinic' END,
       CASE WHEN t.kind = 'CARE_HOME_GROUP' THEN 'CARE_HOME' ELSE 'CLINIC' END,
       CASE WHEN t.kind = 'CARE_HOME_GROUP' THEN 30 + pg_temp.h(t.t * 100 + s, 2) % 51 END,
       (1 + pg_temp.h(t.t * 100 + s, 3) % 150) || ' ' || ${pick(STREETS, 'pg_temp.h(t.t * 100 + s, 4)')} || ', ' || ${pick(TOWNS, 'pg_temp.h(t.t * 100 + s, 5)')},
       '0117 496 0' || lpad((pg_temp.h(t.t * 100 + s, 6) % 1000)::text, 3, '0'),
       CASE WHEN t.kind = 'CARE_HOME_GROUP' THEN 'CQC-1-' || lpad((pg_temp.h(t.t * 100 + s, 7) % 1000000000)::text, 9, '0') END,
       t.created_at, t.created_at
  FROM g_t t CROSS JOIN LATERAL generate_series(1, t.ns) s ORDER BY t.t, s`],
  ['care_professionals', `
INSERT INTO care_professionals (id, tenant_id, user_id, site_id, first_name, last_name, profession, specialization,
                                license_number, phone, email, created_at, updated_at)
SELECT pg_temp.uid('cp', t.t * 100 + c), t.id, CASE WHEN c = 1 THEN t.user_id END,
       pg_temp.uid('site', t.t * 100 + 1 + (c - 1) % t.ns), n.first_name, n.last_name,
       CASE WHEN c = 1 THEN 'DOCTOR' ELSE ${pick(PROFESSIONS, 'pg_temp.h(t.t * 100 + c, 12)')} END,
       CASE WHEN pg_temp.h(t.t * 100 + c, 13) % 2 = 0 THEN ${pick(SPECIALIZATIONS, 'pg_temp.h(t.t * 100 + c, 14)')} END,
       'BT' || t.nn || '-' || lpad((1000 + c)::text, 5, '0'),
       '07700 900' || lpad((pg_temp.h(t.t * 100 + c, 15) % 1000)::text, 3, '0'),
       ${LETTERS('n.first_name')} || '.' || ${LETTERS('n.last_name')} || c || '@' || t.slug || '.test',
       t.created_at + pg_temp.days(c), t.created_at + pg_temp.days(c)
  FROM g_t t CROSS JOIN generate_series(1, ${PROFESSIONALS_PER_TENANT}) c
  CROSS JOIN LATERAL (SELECT CASE WHEN pg_temp.h(t.t * 100 + c, 10) % 2 = 0 THEN ${pick(FEMALE_NAMES, 'pg_temp.h(t.t * 100 + c, 11)')}
                                  ELSE ${pick(MALE_NAMES, 'pg_temp.h(t.t * 100 + c, 11)')} END AS first_name,
                             ${pick(LAST_NAMES, 'pg_temp.h(t.t * 100 + c, 16)')} AS last_name) n
 ORDER BY t.t, c`],
  ['clinical_note_categories', `
INSERT INTO clinical_note_categories (id, tenant_id, name, description, created_at, updated_at)
SELECT pg_temp.uid('category', t.t * 100 + k), t.id, (${arr(CATEGORIES.map((c) => c[0]))})[k], (${arr(CATEGORIES.map((c) => c[1]))})[k],
       t.created_at, t.created_at
  FROM g_t t CROSS JOIN generate_series(1, ${CATEGORIES.length}) k ORDER BY t.t, k`],
  ['patients', `
INSERT INTO patients (id, tenant_id, site_id, mrn, first_name, last_name, date_of_birth, gender, nhs_number, email, phone,
                      address, emergency_contact, status, room_number, admission_date, discharge_date,
                      created_at, updated_at, deleted_at, version)
SELECT p.id, p.tenant_id, pg_temp.uid('site', p.t * 100 + p.site_no), 'MRN' || lpad(p.n::text, 7, '0'),
       x.first_name, x.last_name, date '1930-01-01' + pg_temp.h(p.p, 13) % 27000, x.gender,
       CASE WHEN pg_temp.h(p.p, 14) % 100 < 70
            THEN coalesce(pg_temp.nhs(pg_temp.nhs_prefix(2 * p.p)), pg_temp.nhs(pg_temp.nhs_prefix(2 * p.p + 1))) END,
       CASE WHEN pg_temp.h(p.p, 15) % 100 < 45
            THEN ${LETTERS('x.first_name')} || '.' || ${LETTERS('x.last_name')} || (10 + pg_temp.h(p.p, 16) % 90) || '@' || ${pick(EMAIL_DOMAINS, 'pg_temp.h(p.p, 17)')} END,
       CASE WHEN pg_temp.h(p.p, 18) % 100 < 65 THEN '07700 900' || lpad((pg_temp.h(p.p, 19) % 1000)::text, 3, '0') END,
       (1 + pg_temp.h(p.p, 20) % 180) || ' ' || ${pick(STREETS, 'pg_temp.h(p.p, 21)')} || ', ' || ${pick(TOWNS, 'pg_temp.h(p.p, 22)')},
       CASE WHEN pg_temp.h(p.p, 23) % 100 < 40
            THEN ${pick([...FEMALE_NAMES, ...MALE_NAMES], 'pg_temp.h(p.p, 24)')} || ' ' || x.last_name || ' (' || ${pick(RELATIONS, 'pg_temp.h(p.p, 25)')}
                 || '), 07700 900' || lpad((pg_temp.h(p.p, 26) % 1000)::text, 3, '0') END,
       x.status,
       CASE WHEN x.care_home THEN (100 + pg_temp.h(p.p, 27) % 60)::text END,
       CASE WHEN x.care_home THEN p.created_at::date END,
       CASE WHEN x.care_home AND x.status = 'DISCHARGED' THEN p.created_at::date + 30 + pg_temp.h(p.p, 28) % 600 END,
       p.created_at, coalesce(p.deleted_at, p.created_at), p.deleted_at, 1
  FROM g_p p
  CROSS JOIN LATERAL (SELECT CASE WHEN g < 48 THEN 'FEMALE' WHEN g < 96 THEN 'MALE' WHEN g < 98 THEN 'OTHER' ELSE 'UNKNOWN' END AS gender,
                             CASE WHEN g < 48 OR (g >= 96 AND g % 2 = 0) THEN ${pick(FEMALE_NAMES, 'pg_temp.h(p.p, 11)')}
                                  ELSE ${pick(MALE_NAMES, 'pg_temp.h(p.p, 11)')} END AS first_name,
                             -- Skewed towards the head of the list (Smith, Jones, ...), as real surnames are.
                             (${arr(LAST_NAMES)})[1 + floor(${LAST_NAMES.length} * power(pg_temp.h(p.p, 12) / 2147483648.0, 1.5))::int] AS last_name,
                             CASE WHEN st < 90 THEN 'ACTIVE' WHEN st < 98 THEN 'DISCHARGED' ELSE 'DECEASED' END AS status,
                             p.kind = 'CARE_HOME_GROUP' AS care_home
                        FROM (SELECT pg_temp.h(p.p, 10) % 100 AS g, pg_temp.h(p.p, 29) % 100 AS st) r) x
 ORDER BY p.created_at, p.p`],
  ['appointments', `
INSERT INTO appointments (id, tenant_id, patient_id, care_professional_id, site_id, title, start_time, end_time, status,
                          location, meeting_link, reason, created_at, updated_at, deleted_at, version)
SELECT pg_temp.uid('appointment', a.a), a.tenant_id, a.patient_id, pg_temp.uid('cp', a.t * 100 + a.cp_no), a.site_id,
       ${pick(TITLES, 'pg_temp.h(a.a, 40)')}, a.start_time, a.end_time,
       CASE WHEN a.start_time < timestamptz '${AS_OF}'
            THEN CASE WHEN st < 82 THEN 'COMPLETED' WHEN st < 92 THEN 'CANCELLED' ELSE 'NO_SHOW' END
            ELSE CASE WHEN st < 60 THEN 'SCHEDULED' ELSE 'CONFIRMED' END END,
       CASE WHEN video THEN 'Video call' ELSE 'Room ' || (1 + pg_temp.h(a.a, 43) % 12) END,
       CASE WHEN video THEN 'https://meet.example.com/' || substr(md5('meet:' || a.a::text), 1, 12) END,
       CASE WHEN pg_temp.h(a.a, 44) % 100 < 70 THEN ${pick(REASONS, 'pg_temp.h(a.a, 45)')} END,
       a.created_at, coalesce(a.deleted_at, a.created_at), a.deleted_at, 1
  FROM g_a a
  CROSS JOIN LATERAL (SELECT pg_temp.h(a.a, 42) % 100 AS st, pg_temp.h(a.a, 46) % 100 < 10 AS video) r
 ORDER BY a.created_at, a.a`],
  ['clinical_notes', `
INSERT INTO clinical_notes (id, tenant_id, patient_id, appointment_id, author_id, category_id, note_date, content,
                            created_at, updated_at, deleted_at, version)
SELECT pg_temp.uid('note', n.q), a.tenant_id, a.patient_id, pg_temp.uid('appointment', a.a),
       pg_temp.uid('cp', a.t * 100 + CASE WHEN pg_temp.h(n.q, 50) % 100 < 70 THEN a.cp_no ELSE 1 + pg_temp.h(n.q, 51) % ${PROFESSIONALS_PER_TENANT} END),
       pg_temp.uid('category', a.t * 100 + 1 + pg_temp.h(n.q, 52) % ${CATEGORIES.length}),
       n.note_date,
       CASE WHEN length(c.body) < ${SHORT_NOTE} THEN c.body || ' ' || ${pick(NOTE_CLOSERS, 'pg_temp.h(n.q, 57)')} ELSE c.body END,
       n.created_at, coalesce(n.deleted_at, n.created_at), n.deleted_at, 1
  FROM g_a a
  CROSS JOIN LATERAL generate_series(1, ${NOTES_PER_APPOINTMENT}) j
  CROSS JOIN LATERAL (SELECT (a.a - 1) * ${NOTES_PER_APPOINTMENT} + j AS q) k
  CROSS JOIN LATERAL (SELECT k.q, a.start_time + pg_temp.mins((j - 1) * 15 + pg_temp.h(k.q, 53) % 15) AS note_date) d
  CROSS JOIN LATERAL (SELECT d.q, d.note_date, d.note_date + pg_temp.mins(5 + pg_temp.h(d.q, 54) % 115) AS created_at,
                             -- A deleted patient's notes share its deleted_at; deleting an appointment does not cascade.
                             coalesce(a.patient_deleted_at, CASE WHEN pg_temp.h(d.q, 55) % 1000 < 20
                                                         THEN d.note_date + pg_temp.days(1 + pg_temp.h(d.q, 56) % 30) END) AS deleted_at) n
  CROSS JOIN LATERAL (SELECT ${pick(NOTE_OPENINGS, 'pg_temp.h(n.q, 58)')} || ' ' ||
                             CASE WHEN pg_temp.h(n.q, 59) % 100 < 30
                                  THEN format('Obs: BP %s/%s, HR %s, SpO2 %s%%, temp %s.%sC.', 105 + v % 50, 60 + v / 50 % 30, 58 + v / 1500 % 40,
                                              94 + v / 60000 % 6, 36 + (1 + v / 360000 % 14) / 10, (1 + v / 360000 % 14) % 10)
                                  ELSE ${pick(NOTE_FINDINGS, 'pg_temp.h(n.q, 61)')} END
                             || ' ' || ${pick(NOTE_PLANS, 'pg_temp.h(n.q, 62)')} AS body
                        FROM (SELECT pg_temp.h(n.q, 60) AS v) vv) c`],
];

// ---------------------------------------------------------------------------------------------

async function tableCount(client, table, where = '') {
  const { rows } = await client.query(`SELECT count(*)::bigint AS n FROM ${table} ${where}`);
  return Number(rows[0].n);
}

async function ensureMeta(client) {
  await client.query(`CREATE SCHEMA IF NOT EXISTS bench_meta`);
  await client.query(`CREATE TABLE IF NOT EXISTS bench_meta.dataset (
    id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    generator_version int NOT NULL,
    scale numeric NOT NULL,
    seed bigint NOT NULL,
    summary jsonb NOT NULL,
    generated_at timestamptz NOT NULL DEFAULT now())`);
}

/** The recorded data set, when the database still holds exactly it (same version, scale, seed and row counts). */
async function existingDataset(client, scale, seed) {
  const { rows } = await client.query(`SELECT generator_version, scale::float8 AS scale, seed, summary FROM bench_meta.dataset`);
  const row = rows[0];
  if (!row || row.generator_version !== GENERATOR_VERSION || row.scale !== scale || Number(row.seed) !== seed) return null;
  const s = row.summary;
  const counts = [];
  for (const table of ['tenants', 'patients', 'appointments', 'clinical_notes']) counts.push(await tableCount(client, table));
  const [tenants, patients, appointments, notes] = counts;
  if (tenants !== s.tenants || patients !== s.patients || appointments !== s.appointments || notes !== s.notes) return null;
  return s;
}

/**
 * Loads the benchmark data set into the database at `ownerUrl` (migrated, connected as a
 * superuser owner), unless it holds exactly this data set already. Returns a summary.
 */
export async function generate({ ownerUrl = OWNER_URL, scale = 1, seed = 42, log = console.log } = {}) {
  scale = Number(scale);
  seed = Number(seed);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`scale must be a positive number, got ${scale}`);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 2 ** 31) throw new Error(`seed must be an integer 0..2^31, got ${seed}`);
  const started = Date.now();
  const client = new Client({ connectionString: ownerUrl, application_name: 'bench-generate' });
  await client.connect();
  try {
    await ensureMeta(client);
    const existing = await existingDataset(client, scale, seed);
    if (existing) {
      log(`generate: database already holds the data set (scale ${scale}, seed ${seed}, generator v${GENERATOR_VERSION}); skipping`);
      return { ...existing, skipped: true, seconds: (Date.now() - started) / 1000 };
    }
    const plan = tenantPlan(scale);
    const hash = passwordHash(seed);
    log(`generate: scale ${scale}, seed ${seed}: ${plan.reduce((n, t) => n + t.patients, 0)} patients over ${TENANT_COUNT} tenants`);

    await client.query('BEGIN');
    await client.query(`SET LOCAL session_replication_role = replica`);
    await client.query(`SET LOCAL work_mem = '256MB'`);
    await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    await client.query(`SET LOCAL synchronous_commit = off`);
    await client.query(`SET LOCAL TimeZone = 'UTC'`);
    await client.query(`SET LOCAL max_parallel_workers_per_gather = 0`);
    const tables = await projectTables(client);
    await client.query(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY`);
    await client.query(`DELETE FROM bench_meta.dataset`);
    await client.query(helperFunctions(seed));

    // Driving tables: tenants (g_t), patients (g_p) and appointments (g_a, in start-time order).
    await client.query(`
CREATE TEMP TABLE g_t ON COMMIT DROP AS
SELECT t, pg_temp.uid('tenant', t) AS id, 'bench-tenant-' || lpad(t::text, 2, '0') AS slug, lpad(t::text, 2, '0') AS nn,
       (${arr(TENANT_KINDS)})[1 + (t - 1) % ${TENANT_KINDS.length}] AS kind, p0, pc, 2 + pg_temp.h(t, 1) % 2 AS ns,
       pg_temp.uid('user', t) AS user_id, timestamptz '2021-06-01 09:00:00+00' + pg_temp.days(7 * t) AS created_at
  FROM unnest($1::int[], $2::bigint[], $3::bigint[]) AS x(t, p0, pc)`,
    [plan.map((t) => t.t), plan.map((t) => t.offset), plan.map((t) => t.patients)]);
    await client.query(`
CREATE TEMP TABLE g_p ON COMMIT DROP AS
SELECT p, n, t.t, t.id AS tenant_id, t.kind, pg_temp.uid('patient', p) AS id,
       1 + pg_temp.h(p, 1) % t.ns AS site_no, 1 + pg_temp.h(p, 2) % ${PROFESSIONALS_PER_TENANT} AS cp_no,
       timestamptz '2022-01-01 00:00:00+00' + pg_temp.secs(pg_temp.h(p, 3) % (640 * 86400)) AS created_at,
       CASE WHEN pg_temp.h(p, 4) % 1000 < 30 THEN timestamptz '2024-01-01 00:00:00+00' + pg_temp.secs(pg_temp.h(p, 5) % (1000 * 86400)) END AS deleted_at
  FROM g_t t CROSS JOIN LATERAL generate_series(1, t.pc) n CROSS JOIN LATERAL (SELECT t.p0 + n AS p) x`);
    // A professional is never double-booked (migration NoDoubleBooking): each professional's
    // appointments, in the order of their drawn times, get distinct one-hour slots spread over
    // the period (rank r of n takes a slot in [r·S/n, (r+1)·S/n)), and each lies inside its slot.
    // Every appointment gets a slot of its own, deleted and cancelled ones too.
    await client.query(`
CREATE TEMP TABLE g_a ON COMMIT DROP AS
WITH drawn AS (
SELECT a, p.p, p.t, p.tenant_id, p.id AS patient_id, pg_temp.uid('site', p.t * 100 + p.site_no) AS site_id,
       CASE WHEN pg_temp.h(a, 30) % 100 < 60 THEN p.cp_no ELSE 1 + pg_temp.h(a, 31) % ${PROFESSIONALS_PER_TENANT} END AS cp_no,
       -- Day and 15-minute slot of day, as drawn: orders each professional's appointments.
       (pg_temp.h(a, 32) % ${DAYS})::bigint * 100 + pg_temp.h(a, 37) % 38 AS drawn_at,
       1 + pg_temp.h(a, 41) % 4 AS quarters,
       p.created_at AS patient_created_at, p.deleted_at AS patient_deleted_at
  FROM g_p p
  CROSS JOIN LATERAL generate_series(1, ${APPOINTMENTS_PER_PATIENT}) k
  CROSS JOIN LATERAL (SELECT (p.p - 1) * ${APPOINTMENTS_PER_PATIENT} + k AS a) x),
ranked AS (
SELECT d.*, row_number() OVER w - 1 AS rk, count(*) OVER (PARTITION BY d.t, d.cp_no) AS n
  FROM drawn d WINDOW w AS (PARTITION BY d.t, d.cp_no ORDER BY d.drawn_at, d.a)),
slotted AS (
SELECT r.*, b.lo + pg_temp.h(r.a, 38) % greatest(b.hi - b.lo, 1) AS slot
  FROM ranked r CROSS JOIN LATERAL (SELECT r.rk * ${SLOTS} / r.n AS lo, (r.rk + 1) * ${SLOTS} / r.n AS hi) b)
SELECT x.a, x.p, x.t, x.tenant_id, x.patient_id, x.site_id, x.cp_no, s.start_time, s.start_time + pg_temp.mins(15 * x.quarters) AS end_time,
       c.created_at, x.patient_deleted_at,
       coalesce(x.patient_deleted_at, CASE WHEN pg_temp.h(x.a, 35) % 1000 < 20 THEN c.created_at + pg_temp.days(1 + pg_temp.h(x.a, 36) % 20) END) AS deleted_at
  FROM slotted x
  -- 2024-01-01 .. 2026-12-31 (${DAYS} days), one-hour slots starting 08:00..${8 + SLOTS_PER_DAY - 1}:00 UTC, 15-minute starts inside them.
  CROSS JOIN LATERAL (SELECT timestamptz '2024-01-01 00:00:00+00' + pg_temp.days(x.slot / ${SLOTS_PER_DAY})
                             + pg_temp.mins(480 + 60 * (x.slot % ${SLOTS_PER_DAY}) + 15 * (pg_temp.h(x.a, 37) % (5 - x.quarters))) AS start_time) s
  -- Booked 1..60 days ahead, never after the data set's "now" nor before the patient was registered.
  CROSS JOIN LATERAL (SELECT greatest(x.patient_created_at, least(s.start_time - pg_temp.days(1 + pg_temp.h(x.a, 33) % 60) - pg_temp.mins(pg_temp.h(x.a, 34) % 600),
                                                          timestamptz '${AS_OF}')) AS created_at) c
 ORDER BY s.start_time, a`);
    const { rows: [busiest] } = await client.query(`SELECT count(*)::int AS n FROM g_a GROUP BY t, cp_no ORDER BY 1 DESC LIMIT 1`);
    if (busiest.n > SLOTS) {
      throw new Error(`scale ${scale}: a professional would have ${busiest.n} appointments but there are ${SLOTS} one-hour slots; add professionals or slots`);
    }

    for (const [table, sql] of STEPS) {
      const t0 = Date.now();
      const result = await client.query(sql, table === 'users' ? [hash] : []);
      log(`  ${table.padEnd(26)} ${String(result.rowCount).padStart(10)} rows  ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
    }
    // Later inserts (trigger-numbered MRNs) continue after the loaded ones.
    await client.query(`
INSERT INTO tenant_counters (tenant_id, name, value)
SELECT tenant_id, 'mrn', max(substr(mrn, 4)::bigint) FROM patients GROUP BY tenant_id`);

    const summary = await summarise(client, scale, seed, plan);
    await client.query(`INSERT INTO bench_meta.dataset (generator_version, scale, seed, summary) VALUES ($1, $2, $3, $4)`,
      [GENERATOR_VERSION, scale, seed, summary]);
    await client.query('COMMIT');

    const t0 = Date.now();
    for (const table of tables) await client.query(`VACUUM (FREEZE, ANALYZE) ${table}`);
    await client.query('CHECKPOINT');
    log(`  VACUUM (FREEZE, ANALYZE) + CHECKPOINT                ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
    summary.seconds = (Date.now() - started) / 1000;
    log(`generate: done in ${summary.seconds.toFixed(1)} s`);
    return summary;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function summarise(client, scale, seed, plan) {
  const count = (table, where) => tableCount(client, table, where);
  const { rows: tenants } = await client.query(`
SELECT t.id, t.slug, u.email FROM tenants t
  JOIN memberships m ON m.tenant_id = t.id JOIN users u ON u.id = m.user_id ORDER BY t.slug`);
  const bench = tenants.find((t) => t.slug === BENCH_TENANT_SLUG);
  return {
    generatorVersion: GENERATOR_VERSION,
    scale,
    seed,
    tenants: await count('tenants'),
    patients: await count('patients'),
    appointments: await count('appointments'),
    notes: await count('clinical_notes'),
    deleted: {
      patients: await count('patients', 'WHERE deleted_at IS NOT NULL'),
      appointments: await count('appointments', 'WHERE deleted_at IS NOT NULL'),
      notes: await count('clinical_notes', 'WHERE deleted_at IS NOT NULL'),
    },
    benchTenantPatients: plan[0].patients,
    seconds: 0,
    benchTenant: { id: bench.id, slug: bench.slug, email: bench.email, password: BENCH_PASSWORD },
    tenantList: tenants.map(({ id, slug, email }) => ({ id, slug, email })),
  };
}

// ---------------------------------------------------------------------------------------------
// CLI

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (flag === '--scale') options.scale = Number(value());
    else if (flag === '--seed') options.seed = Number(value());
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: node bench/lib/generate.mjs [--scale N] [--seed S]');
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}`);
  }
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2));
  const { stop } = await startDatabase();
  let failed = false;
  try {
    await prepareSchema();
    const summary = await generate({ ownerUrl: OWNER_URL, ...options });
    const { tenantList, ...rest } = summary;
    console.log(JSON.stringify({ ...rest, tenantList: `${tenantList.length} tenants (see generate() result)` }, null, 2));
  } catch (error) {
    failed = true;
    console.error(error);
  } finally {
    await stop();
  }
  process.exit(failed ? 1 : 0);
}
