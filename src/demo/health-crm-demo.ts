import type { Client } from 'pg';
import { JourneyStage, LeadReadiness, LeadSource, LeadStatus, Role, TaskPriority } from '../entities/enums';
import { toGlobalId } from '../data/global-id';
import { insertRows, isoDate, type Random } from './rows';

export interface HealthCrmContext {
  tenantColumn: (n: number) => { type: string; values: unknown[] };
  rnd: Random;
  /** The demo's "today". */
  now: number;
  slug: string;
  firstNames: readonly string[];
  /** Of firstNames, those of women. */
  femaleNames: readonly string[];
  lastNames: readonly string[];
  membershipIds: Map<Role, string>;
  /** A care professional without declared availability: lead appointments are booked with them. */
  professionalId: string;
  /** The site converted leads become patients of (null: none yet). */
  siteId: string | null;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const STATUSES = Object.values(LeadStatus);
const STAGES = Object.values(JourneyStage);
const PRIORITIES = Object.values(TaskPriority);
const OUTCOMES = ['no answer', 'left voicemail', 'call back later', 'interested', 'booked'];
const LEAD_TASKS = ['Call back', 'Send questionnaire reminder', 'Confirm payment', 'Book discovery call'];
const JOURNEY_TASKS = ['Order labs', 'Review lab results', 'Schedule provider exam', 'Send medication refill', 'Check in on progress'];

/**
 * HealthCRM's demo rows of one tenant (issue 11): `leads` leads spread over the pipeline, owned
 * by the SDR, and `converted` of them converted into patients spread over the journey, with the
 * stage history that led there and the activity feed of both; tasks of every priority about leads and patients (some overdue)
 * and a few upcoming calls with leads. Drawn after everything else, so earlier demo data stays
 * as it was. The rows keep the API's rules: one live lead per email, conversions only from
 * BOOKING_PAID_BOOKED, each history a walk through the stages.
 */
export async function loadHealthCrm(client: Client, context: HealthCrmContext, size: { leads: number; converted: number }): Promise<void> {
  const { tenantColumn, rnd, now, slug, membershipIds } = context;
  const sdr = membershipIds.get(Role.SDR)!;
  const coach = membershipIds.get(Role.HEALTH_COACH)!;
  const leads = Array.from({ length: size.leads }, (_, i) => {
    const converted = i < size.converted;
    const status = converted ? LeadStatus.BOOKING_PAID_BOOKED : STATUSES[i % STATUSES.length];
    const calls = rnd.int(9);
    const createdAt = now - (20 + rnd.int(300)) * DAY;
    return {
      firstName: rnd.pick(context.firstNames),
      lastName: rnd.pick(context.lastNames),
      email: `lead${i + 1}@${slug}.example`,
      status,
      source: rnd.pick(Object.values(LeadSource)),
      readiness: rnd.pick(Object.values(LeadReadiness)),
      outcome: calls ? rnd.pick(OUTCOMES) : null,
      calls,
      lastContactedAt: calls ? new Date(now - rnd.int(15) * DAY) : null,
      // A coach is booked once the booking is under way.
      coach: status.startsWith('BOOKING_') ? coach : null,
      createdAt: new Date(createdAt),
      convertedAt: converted ? new Date(createdAt + (5 + rnd.int(15)) * DAY) : null,
    };
  });
  const leadIds = await insertRows(client, 'leads', {
    tenant_id: tenantColumn(leads.length),
    first_name: { type: 'text', values: leads.map((l) => l.firstName) },
    last_name: { type: 'text', values: leads.map((l) => l.lastName) },
    email: { type: 'text', values: leads.map((l) => l.email) },
    status: { type: 'text', values: leads.map((l) => l.status) },
    source: { type: 'text', values: leads.map((l) => l.source) },
    readiness: { type: 'text', values: leads.map((l) => l.readiness) },
    outcome: { type: 'text', values: leads.map((l) => l.outcome) },
    call_count: { type: 'int', values: leads.map((l) => l.calls) },
    last_contacted_at: { type: 'timestamptz', values: leads.map((l) => l.lastContactedAt) },
    owner_id: { type: 'uuid', values: leads.map(() => sdr) },
    health_coach_id: { type: 'uuid', values: leads.map((l) => l.coach) },
    created_at: { type: 'timestamptz', values: leads.map((l) => l.createdAt) },
    converted_at: { type: 'timestamptz', values: leads.map((l) => l.convertedAt) },
  });

  // Converted leads became patients at INTAKE; each has since moved some way along the journey.
  // Their intake form gave a date of birth (working-age adults) and a gender (by their first name, now and then not said).
  const converted = leads.slice(0, size.converted).map((lead, i) => ({
    lead,
    leadId: leadIds[i],
    stage: i % STAGES.length,
    dateOfBirth: isoDate(now - Math.floor((24 + rnd.int(23) + rnd.int(23)) * 365.25 + rnd.int(365)) * DAY),
    gender: rnd.int(30) === 0 ? 'UNKNOWN' : context.femaleNames.includes(lead.firstName) ? 'FEMALE' : 'MALE',
  }));
  const patientIds = await insertRows(client, 'patients', {
    tenant_id: tenantColumn(converted.length),
    site_id: { type: 'uuid', values: converted.map(() => context.siteId) },
    first_name: { type: 'text', values: converted.map((c) => c.lead.firstName) },
    last_name: { type: 'text', values: converted.map((c) => c.lead.lastName) },
    date_of_birth: { type: 'date', values: converted.map((c) => c.dateOfBirth) },
    gender: { type: 'text', values: converted.map((c) => c.gender) },
    email: { type: 'text', values: converted.map((c) => c.lead.email) },
    journey_stage: { type: 'text', values: converted.map((c) => STAGES[c.stage]) },
    health_coach_id: { type: 'uuid', values: converted.map(() => coach) },
    lead_id: { type: 'uuid', values: converted.map((c) => c.leadId) },
    created_at: { type: 'timestamptz', values: converted.map((c) => c.lead.convertedAt) },
  });
  // The conversion (by the SDR) starts each history; the coach made every later move, evenly spaced up to today.
  const changes = converted.flatMap((c, i) => {
    const start = c.lead.convertedAt!.getTime();
    const gap = (now - HOUR - start) / (c.stage + 1);
    return Array.from({ length: c.stage + 1 }, (_, step) => ({
      patientId: patientIds[i],
      from: step === 0 ? null : STAGES[step - 1],
      to: STAGES[step],
      at: new Date(Math.round(start + step * gap)),
      by: step === 0 ? sdr : coach,
    }));
  });
  await insertRows(client, 'journey_stage_changes', {
    tenant_id: tenantColumn(changes.length),
    patient_id: { type: 'uuid', values: changes.map((c) => c.patientId) },
    from_stage: { type: 'text', values: changes.map((c) => c.from) },
    to_stage: { type: 'text', values: changes.map((c) => c.to) },
    changed_at: { type: 'timestamptz', values: changes.map((c) => c.at) },
    changed_by_id: { type: 'uuid', values: changes.map((c) => c.by) },
  });

  // The team's feed: each lead's last call, each conversion, each journey move after the start.
  const activities = [
    ...leads.flatMap((l, i) => (l.calls ? [{ leadId: leadIds[i], patientId: null, action: 'CALL_LOGGED', details: { outcome: l.outcome, notes: null }, at: l.lastContactedAt!, by: sdr }] : [])),
    ...converted.map((c, i) => ({ leadId: c.leadId, patientId: null, action: 'LEAD_CONVERTED', details: { patientId: toGlobalId('Patient', patientIds[i]) }, at: c.lead.convertedAt!, by: sdr })),
    ...changes.filter((c) => c.from !== null).map((c) => ({ leadId: null, patientId: c.patientId, action: 'JOURNEY_ADVANCED', details: { from: c.from, to: c.to }, at: c.at, by: c.by })),
  ];
  await insertRows(client, 'activity_logs', {
    tenant_id: tenantColumn(activities.length),
    lead_id: { type: 'uuid', values: activities.map((a) => a.leadId) },
    patient_id: { type: 'uuid', values: activities.map((a) => a.patientId) },
    action: { type: 'text', values: activities.map((a) => a.action) },
    details: { type: 'jsonb', values: activities.map((a) => JSON.stringify(a.details)) },
    occurred_at: { type: 'timestamptz', values: activities.map((a) => a.at) },
    actor_id: { type: 'uuid', values: activities.map((a) => a.by) },
  });

  // Tasks of every priority: open work on unconverted leads (every third one overdue) and on patients' journeys.
  const open = leadIds.slice(size.converted);
  const tasks = [
    ...open.slice(0, 60).map((leadId, i) => ({ leadId, patientId: null, title: LEAD_TASKS[i % LEAD_TASKS.length], assignee: sdr, i })),
    ...patientIds.slice(0, 40).map((patientId, i) => ({ leadId: null, patientId, title: JOURNEY_TASKS[i % JOURNEY_TASKS.length], assignee: coach, i })),
  ].map((task, n) => ({ ...task, priority: PRIORITIES[n % PRIORITIES.length], due: new Date(task.i % 3 === 0 ? now - (1 + rnd.int(5)) * DAY : now + (1 + rnd.int(10)) * DAY) }));
  await insertRows(client, 'tasks', {
    tenant_id: tenantColumn(tasks.length),
    title: { type: 'text', values: tasks.map((t) => t.title) },
    priority: { type: 'text', values: tasks.map((t) => t.priority) },
    due_at: { type: 'timestamptz', values: tasks.map((t) => t.due) },
    assignee_id: { type: 'uuid', values: tasks.map((t) => t.assignee) },
    lead_id: { type: 'uuid', values: tasks.map((t) => t.leadId) },
    patient_id: { type: 'uuid', values: tasks.map((t) => t.patientId) },
  });

  // Upcoming half-hour calls with ten leads, in the evening (UTC), when the demo's appointments never are.
  const calls = open.slice(0, 10).map((leadId, i) => {
    const start = new Date(Math.floor(now / DAY) * DAY + (3 + i) * DAY + 19 * HOUR);
    return { leadId, start, end: new Date(start.getTime() + 30 * 60_000) };
  });
  await insertRows(client, 'appointments', {
    tenant_id: tenantColumn(calls.length),
    lead_id: { type: 'uuid', values: calls.map((c) => c.leadId) },
    care_professional_id: { type: 'uuid', values: calls.map(() => context.professionalId) },
    title: { type: 'text', values: calls.map(() => 'Discovery call') },
    start_time: { type: 'timestamptz', values: calls.map((c) => c.start) },
    end_time: { type: 'timestamptz', values: calls.map((c) => c.end) },
    meeting_link: { type: 'text', values: calls.map((_, i) => `https://meet.example.com/${slug}-${i + 1}`) },
  });
}
