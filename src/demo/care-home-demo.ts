import type { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { seal, sealedFor } from '../crypto/data-keys';
import { notifiableByDefault } from '../domain/care-home';
import type { IncidentSeverity, IncidentType } from '../entities/enums';
import { DAY, insertRows, isoDate, type Random } from './rows';


/** A value sealed as the API would seal it: for its tenant, table, column and row. */
const sealAs = (tenantId: string, table: string, column: string, rowId: string, plaintext: string) => seal(plaintext, sealedFor({ tenantId, table, column, rowId }));

/** A resident's columns of the patients table, and when they were in the home (instants, for the rows drawn around them). */
export interface ResidentRow {
  siteId: string;
  room: string | null;
  admitted: string;
  discharged: string | null;
  status: string;
  patientStatus: string;
  details: string | null;
  /** The day their (first) stay began, and the day it ended (null while in residence). */
  from: number;
  until: number | null;
  /** Since when a resident ON_LEAVE or in HOSPITAL has been away (null when in the home). */
  awaySince: number | null;
}

export interface ResidencyPlan {
  /** Per patient (by index): the residency, or null for a patient never admitted. */
  residents: Array<ResidentRow | null>;
  stays: Array<{ patient: number; siteId: string; room: string; from: string; to: string | null; reason: string; endReason: string | null }>;
}

export interface CareHome {
  id: string;
  name: string;
  capacity: number;
  /** Intermediate (step-down) care: stays of weeks rather than years. */
  shortStays?: boolean;
}

const CONDITIONS = ['Dementia (Alzheimer’s type)', 'Type 2 diabetes', 'Parkinson’s disease', 'COPD', 'Heart failure', 'Osteoarthritis', 'Stroke (2019), left-sided weakness', 'Hypertension'];
const ALLERGIES = ['Penicillin', 'None known', 'Latex', 'Aspirin', 'None known'];
const DIETS = ['Soft diet', 'Diabetic diet', 'Normal', 'Thickened fluids (level 2)', 'Vegetarian'];

/**
 * Write Care Notes' residents (seed 003) of one home, planned before the patients are inserted
 * (so they go in with their residency, not updated after), as each room's history read backwards
 * from today: `current` residents hold most rooms (a few on leave or in hospital, some of a
 * long-stay home moved rooms once, after their first days in another room), and `former` ones,
 * discharged or deceased, held the rooms before them with a few days between stays. The rooms
 * left free are those whose last resident left lately, so a month of the home's life has its
 * departures as well as its admissions. Stays never overlap in a room or for a resident, and the
 * open ones are the current residents: the database's room and capacity rules hold. Medical
 * details are sealed with the process's data key, as the API would store them.
 */
export function planResidency(rnd: Random, today: number, home: CareHome, people: { current: number[]; former: number[] }, sealing: { tenantId: string; ids: string[] }, plan: ResidencyPlan): void {
  const short = home.shortStays === true;
  const prefix = home.name.slice(0, 1).toUpperCase();
  const room = (n: number) => `${prefix}${String(n + 1).padStart(2, '0')}`;
  // The rooms the current residents hold, spread through the home; the others are free.
  const rooms = Array.from({ length: home.capacity }, (_, i) => i);
  for (let i = rooms.length - 1; i > 0; i--) {
    const j = rnd.int(i + 1);
    [rooms[i], rooms[j]] = [rooms[j], rooms[i]];
  }
  // The earliest day taken so far in each room (today while it is free and nothing was placed in it).
  const cursor = rooms.map(() => today);
  const placed = rooms.map(() => false);

  const current = people.current.slice(0, home.capacity).map((patient, i) => {
    const admitted = today - (short ? 1 + rnd.int(35) : 10 + rnd.int(900)) * DAY;
    const r = rooms[i];
    cursor[r] = admitted;
    placed[r] = true;
    const status = i % 17 === 3 ? 'HOSPITAL' : i % 13 === 5 ? 'ON_LEAVE' : 'ADMITTED';
    const awaySince = status === 'ADMITTED' ? null : Math.max(admitted, today - (1 + rnd.int(4)) * DAY);
    const details = sealAs(
      sealing.tenantId,
      'patients',
      'medical_details',
      sealing.ids[patient],
      JSON.stringify({ conditions: [rnd.pick(CONDITIONS), rnd.pick(CONDITIONS)], allergies: [rnd.pick(ALLERGIES)], diet: rnd.pick(DIETS), dnacpr: rnd.int(4) === 0 }),
    );
    return { patient, i, r, admitted, status, awaySince, details, transfer: !short && i % 9 === 4 ? admitted + (5 + rnd.int(10)) * DAY : null };
  });
  for (const resident of current) {
    const { patient, r, admitted, transfer } = resident;
    // Their first days in another room, free then (the tightest fit: the room whose next stay begins soonest after the move).
    const other = transfer !== null && transfer < today ? cursor.reduce<number | null>((best, c, k) => (k !== r && c >= transfer && (best === null || c < cursor[best]) ? k : best), null) : null;
    if (other !== null) {
      plan.stays.push({ patient, siteId: home.id, room: room(other), from: isoDate(admitted), to: isoDate(transfer!), reason: 'Admission', endReason: 'Transferred: a ground-floor room became free' });
      plan.stays.push({ patient, siteId: home.id, room: room(r), from: isoDate(transfer!), to: null, reason: 'Transfer', endReason: null });
      cursor[other] = admitted;
      placed[other] = true;
      // Their own room was free until the move, unless another mover's first days were placed in it before.
      if (cursor[r] === admitted) cursor[r] = transfer!;
    } else {
      plan.stays.push({ patient, siteId: home.id, room: room(r), from: isoDate(admitted), to: null, reason: 'Admission', endReason: null });
    }
    plan.residents[patient] = { siteId: home.id, room: room(r), admitted: isoDate(admitted), discharged: null, status: resident.status, patientStatus: 'ACTIVE', details: resident.details, from: admitted, until: null, awaySince: resident.awaySince };
  }

  // Former residents, the most recent first: each takes the room whose history reaches least far back.
  for (const [j, patient] of people.former.entries()) {
    const r = cursor.reduce((best, c, k) => (c > cursor[best] ? k : best), 0);
    const to = placed[r] ? cursor[r] - (short ? 1 + rnd.int(5) : 3 + rnd.int(25)) * DAY : today - (1 + rnd.int(short ? 10 : 28)) * DAY;
    const from = to - (short ? 10 + rnd.int(35) : 30 + rnd.int(700)) * DAY;
    cursor[r] = from;
    placed[r] = true;
    const deceased = short ? j % 8 === 3 : j % 5 < 3;
    const endReason = deceased ? 'Died peacefully' : short ? rnd.pick(['Returned home with a care package', 'Returned home']) : rnd.pick(['Returned home with a care package', 'Moved to a home nearer family']);
    plan.stays.push({ patient, siteId: home.id, room: room(r), from: isoDate(from), to: isoDate(to), reason: 'Admission', endReason });
    const status = deceased ? 'DECEASED' : 'DISCHARGED';
    plan.residents[patient] = { siteId: home.id, room: null, admitted: isoDate(from), discharged: isoDate(to), status, patientStatus: status, details: null, from, until: to, awaySince: null };
  }
}

/** The planned stays, once the patients have ids; capacity and rooms are checked by the database as they go in. */
export async function insertStays(client: Client, tenantColumn: (n: number) => { type: string; values: unknown[] }, plan: ResidencyPlan, patientIds: string[]): Promise<void> {
  const { stays } = plan;
  await insertRows(client, 'resident_stays', {
    tenant_id: tenantColumn(stays.length),
    patient_id: { type: 'uuid', values: stays.map((s) => patientIds[s.patient]) },
    site_id: { type: 'uuid', values: stays.map((s) => s.siteId) },
    room: { type: 'text', values: stays.map((s) => s.room) },
    from_date: { type: 'date', values: stays.map((s) => s.from) },
    to_date: { type: 'date', values: stays.map((s) => s.to) },
    reason: { type: 'text', values: stays.map((s) => s.reason) },
    end_reason: { type: 'text', values: stays.map((s) => s.endReason) },
  });
}

export interface CareRecordsContext {
  tenantColumn: (n: number) => { type: string; values: unknown[] };
  rnd: Random;
  /** The day records run up to (the load's day: a month of records before it). */
  today: number;
  plan: ResidencyPlan;
  patientIds: string[];
  careHomeIds: string[];
  professionalIds: string[];
  /** Memberships by role: the care worker writes the daily records, the coordinator audits. */
  careWorkerId: string;
  coordinatorId: string;
}

const ASSESSMENTS: Array<{ type: string; score: (r: Random) => number | null; findings: (r: Random) => object }> = [
  { type: 'FALLS', score: (r) => 15 * r.int(8), findings: (r) => ({ fallsLast12Months: r.int(4), mobilityAid: r.pick(['Zimmer frame', 'Walking stick', 'Wheelchair']), riskLevel: r.pick(['LOW', 'MEDIUM', 'HIGH']) }) },
  { type: 'WATERLOW', score: (r) => 5 + r.int(20), findings: (r) => ({ skinCondition: r.pick(['Healthy', 'Dry', 'Fragile', 'Discoloured']), riskLevel: r.pick(['NOT_AT_RISK', 'AT_RISK', 'HIGH']) }) },
  { type: 'MUST', score: (r) => r.int(5), findings: (r) => ({ bmi: 17 + r.int(12), acutelyIll: r.int(5) === 0, riskLevel: r.pick(['LOW', 'MEDIUM', 'HIGH']) }) },
  { type: 'BARTHEL', score: (r) => r.int(21), findings: (r) => ({ dependency: r.pick(['INDEPENDENT', 'SLIGHT', 'MODERATE', 'SEVERE', 'TOTAL']) }) },
  { type: 'MENTAL_CAPACITY', score: () => null, findings: (r) => ({ decision: r.pick(['Managing finances', 'Consent to medication', 'Choice of residence']), hasCapacity: r.int(2) === 0 }) },
  { type: 'OTHER', score: () => null, findings: (r) => ({ summary: r.pick(['Hearing assessment', 'Dental check', 'Sleep review']) }) },
];
const MOODS = ['SETTLED', 'SETTLED', 'SETTLED', 'LOW', 'ANXIOUS', 'AGITATED'];
const OBSERVATION_NOTES = ['Comfortable', 'Enjoyed the garden', 'Family visited', 'Complained of knee pain', 'Reluctant to eat', 'Good fluid intake', 'Restless before bed'];
const INCIDENT_DETAILS: Record<string, string[]> = {
  FALL: ['Found on the floor beside the bed, no visible injury', 'Slipped in the bathroom; small graze to the elbow'],
  MEDICATION_ERROR: ['Evening dose given two hours late', 'Wrong strength dispensed, noticed before it was given'],
  SAFEGUARDING: ['Unexplained bruising on the upper arm', 'Resident reports money missing from their room'],
  INJURY: ['Skin tear on the forearm during transfer', 'Burn from a hot drink, treated with cool water'],
  BEHAVIOUR: ['Verbal aggression towards another resident', 'Attempted to leave the building at night'],
  OTHER: ['Fire alarm activation, resident distressed', 'Visitor fell in the car park'],
};

/**
 * Write Care Notes' care records (seed 003) for the homes' residents: a review for each care plan
 * that began long enough ago (the overdue plans from the care-delivery demo stay overdue),
 * assessments of every type, a month of daily records over every shift (observations sealed),
 * audits with action plans, and incidents in every status.
 */
export async function loadCareRecords(client: Client, context: CareRecordsContext): Promise<void> {
  const { tenantColumn, rnd, today, plan, patientIds, careHomeIds, professionalIds, careWorkerId, coordinatorId } = context;
  const current = plan.residents.flatMap((r, i) => (r && r.until === null ? [{ id: patientIds[i], siteId: r.siteId, from: r.from }] : []));
  const tenantId = (await client.query(`SELECT app_current_tenant_id() AS id`)).rows[0].id as string;

  const plans = (await client.query(`SELECT id, patient_id, start_date::text AS start, review_date::text AS review FROM care_plans WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`, [tenantId])).rows as Array<{ id: string; patient_id: string; start: string; review: string | null }>;
  const reviews = plans
    .map((p) => ({ ...p, reviewed: isoDate(Date.parse(p.start) + 30 * DAY) }))
    .filter((p) => p.review && p.reviewed < p.review && Date.parse(p.reviewed) < today);
  await insertRows(client, 'care_plan_reviews', {
    tenant_id: tenantColumn(reviews.length),
    care_plan_id: { type: 'uuid', values: reviews.map((r) => r.id) },
    patient_id: { type: 'uuid', values: reviews.map((r) => r.patient_id) },
    reviewer_id: { type: 'uuid', values: reviews.map(() => professionalIds[0]) },
    review_date: { type: 'date', values: reviews.map((r) => r.reviewed) },
    outcome: { type: 'text', values: reviews.map((_, i) => ['NO_CHANGE', 'PLAN_UPDATED', 'ESCALATED'][i % 3]) },
    notes: { type: 'text', values: reviews.map(() => rnd.pick(['Goals on track', 'Mobility goal updated', 'GP review requested'])) },
    next_review_date: { type: 'date', values: reviews.map((r) => r.review) },
  });

  // Not before their admission.
  const assessed = current.map((resident, i) => {
    const kind = ASSESSMENTS[i % ASSESSMENTS.length];
    return { patientId: resident.id, type: kind.type, score: kind.score(rnd), findings: kind.findings(rnd), on: isoDate(Math.max(resident.from, today - (1 + rnd.int(60)) * DAY)) };
  });
  await insertRows(client, 'assessments', {
    tenant_id: tenantColumn(assessed.length),
    patient_id: { type: 'uuid', values: assessed.map((a) => a.patientId) },
    assessment_type: { type: 'text', values: assessed.map((a) => a.type) },
    assessed_on: { type: 'date', values: assessed.map((a) => a.on) },
    score: { type: 'int', values: assessed.map((a) => a.score) },
    findings: { type: 'jsonb', values: assessed.map((a) => JSON.stringify(a.findings)) },
    recommendations: { type: 'jsonb', values: assessed.map(() => JSON.stringify({ actions: [rnd.pick(['Review in a month', 'Refer to GP', 'Update the care plan'])], reviewInDays: 30 })) },
    assessed_by_id: { type: 'uuid', values: assessed.map(() => rnd.pick(professionalIds)) },
  });

  // A month of shifts before today: every shift of every resident in the home that day (not before
  // their admission, nor after they left or went into hospital or on leave).
  const records: Array<{ id: string; patientId: string; date: string; shift: string }> = [];
  const midnight = Math.floor(today / DAY) * DAY;
  for (let day = 30; day >= 1; day--) {
    const date = midnight - day * DAY;
    for (const [i, resident] of plan.residents.entries()) {
      if (!resident || date < resident.from || (resident.until !== null && date >= resident.until) || (resident.awaySince !== null && date >= resident.awaySince)) continue;
      for (const shift of ['MORNING', 'AFTERNOON', 'NIGHT']) records.push({ id: randomUUID(), patientId: patientIds[i], date: isoDate(date), shift });
    }
  }
  await insertRows(client, 'daily_records', {
    id: { type: 'uuid', values: records.map((r) => r.id) },
    tenant_id: tenantColumn(records.length),
    patient_id: { type: 'uuid', values: records.map((r) => r.patientId) },
    record_date: { type: 'date', values: records.map((r) => r.date) },
    shift: { type: 'text', values: records.map((r) => r.shift) },
    care_delivered: { type: 'jsonb', values: records.map((r) => JSON.stringify(r.shift === 'NIGHT' ? { repositioned: rnd.int(4), continenceCare: true } : { personalCare: true, mealsTaken: rnd.pick(['ALL', 'MOST', 'HALF']), fluidsMl: 400 + 100 * rnd.int(8) })) },
    observations: {
      type: 'text',
      values: records.map((r) =>
        sealAs(tenantId, 'daily_records', 'observations', r.id, JSON.stringify(r.shift === 'NIGHT' ? { sleep: rnd.pick(['WELL', 'FAIR', 'POOR']) } : { mood: rnd.pick(MOODS), notes: rnd.pick(OBSERVATION_NOTES) })),
      ),
    },
    author_id: { type: 'uuid', values: records.map(() => careWorkerId) },
  });

  const audits = careHomeIds.flatMap((siteId) =>
    ['MEDICATION', 'INFECTION_CONTROL', 'CARE_PLANS'].map((type, i) => ({ siteId, type, date: isoDate(today - (10 + 30 * i) * DAY), score: 60 + rnd.int(40) })),
  );
  const auditIds = await insertRows(client, 'quality_audits', {
    tenant_id: tenantColumn(audits.length),
    site_id: { type: 'uuid', values: audits.map((a) => a.siteId) },
    audit_type: { type: 'text', values: audits.map((a) => a.type) },
    audit_date: { type: 'date', values: audits.map((a) => a.date) },
    auditor_id: { type: 'uuid', values: audits.map(() => coordinatorId) },
    findings: { type: 'text', values: audits.map((a) => (a.score < 75 ? 'Several gaps in records; see the action plan' : 'Good practice overall, minor gaps')) },
    score: { type: 'int', values: audits.map((a) => a.score) },
  });
  const items = auditIds.flatMap((auditId, i) =>
    ['OPEN', 'IN_PROGRESS', 'DONE'].slice(0, 2 + (i % 2)).map((status, j) => ({ auditId, status, due: isoDate(today + (j * 14 - 7) * DAY), owner: j % 2 ? careWorkerId : coordinatorId })),
  );
  await insertRows(client, 'audit_action_items', {
    tenant_id: tenantColumn(items.length),
    audit_id: { type: 'uuid', values: items.map((t) => t.auditId) },
    description: { type: 'text', values: items.map(() => rnd.pick(['Retrain staff on MAR charts', 'Replace the sluice room signage', 'Update care plan reviews', 'Audit hand hygiene weekly'])) },
    owner_id: { type: 'uuid', values: items.map((t) => t.owner) },
    due_date: { type: 'date', values: items.map((t) => t.due) },
    status: { type: 'text', values: items.map((t) => t.status) },
    completed_at: { type: 'timestamptz', values: items.map((t) => (t.status === 'DONE' ? new Date(today - 2 * DAY) : null)) },
  });

  // Each about a resident of the home where it happened (none for OTHER), while they lived there.
  const types = Object.keys(INCIDENT_DETAILS);
  const incidents = careHomeIds.flatMap((siteId, s) =>
    types.map((type, i) => {
      const status = ['OPEN', 'UNDER_INVESTIGATION', 'CLOSED'][(i + s) % 3];
      const severity = ['NO_HARM', 'LOW', 'MODERATE', 'SEVERE'][(i + 2 * s) % 4];
      const here = current.filter((r) => r.siteId === siteId);
      const resident = type === 'OTHER' ? null : (here[(i * 7 + s) % here.length] ?? null);
      const at = new Date(Math.max(resident?.from ?? 0, today - (1 + rnd.int(60)) * DAY - rnd.int(86_400) * 1000));
      return { id: randomUUID(), siteId, type: type as IncidentType, status, severity: severity as IncidentSeverity, patientId: resident?.id ?? null, at };
    }),
  );
  await insertRows(client, 'incidents', {
    id: { type: 'uuid', values: incidents.map((n) => n.id) },
    tenant_id: tenantColumn(incidents.length),
    site_id: { type: 'uuid', values: incidents.map((n) => n.siteId) },
    patient_id: { type: 'uuid', values: incidents.map((n) => n.patientId) },
    incident_type: { type: 'text', values: incidents.map((n) => n.type) },
    severity: { type: 'text', values: incidents.map((n) => n.severity) },
    occurred_at: { type: 'timestamptz', values: incidents.map((n) => n.at) },
    details: { type: 'text', values: incidents.map((n) => sealAs(tenantId, 'incidents', 'details', n.id, rnd.pick(INCIDENT_DETAILS[n.type]))) },
    safeguarding_notes: {
      type: 'text',
      values: incidents.map((n) => (n.type === 'SAFEGUARDING' ? sealAs(tenantId, 'incidents', 'safeguarding_notes', n.id, 'Referred to the local authority safeguarding team') : null)),
    },
    actions_taken: {
      type: 'text',
      values: incidents.map((n) => (n.status === 'OPEN' ? null : sealAs(tenantId, 'incidents', 'actions_taken', n.id, 'Resident checked by the nurse; family and GP informed'))),
    },
    reported_by_id: { type: 'uuid', values: incidents.map(() => careWorkerId) },
    status: { type: 'text', values: incidents.map((n) => n.status) },
    closed_at: { type: 'timestamptz', values: incidents.map((n) => (n.status === 'CLOSED' ? new Date(Math.min(n.at.getTime() + 3 * DAY, today)) : null)) },
    regulator_notifiable: { type: 'boolean', values: incidents.map((n) => notifiableByDefault(n.type, n.severity)) },
  });
}
