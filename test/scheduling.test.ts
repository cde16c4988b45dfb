import { DataSource } from 'typeorm';
import { ACME, NORTHWIND, createTestDatabase, onlyError, startTestApp, type TestApp, type GraphQLResponse } from './support/harness';
import { Role } from '../src/entities/enums';
import { parseGlobalId, toGlobalId } from '../src/data/global-id';
import { NoDoubleBooking1764900060000 } from '../src/migrations/1764900060000-NoDoubleBooking';

/**
 * Issue 10, "Scheduling integrity": a care professional is never double-booked. Overlapping
 * live appointments of one professional are refused by the database (the exclusion constraint
 * of migration NoDoubleBooking), under concurrent creates too, with the appointment in the way
 * named in the error (CONFLICT, `input.startTime`, rule `noDoubleBooking`).
 */

let app: TestApp;
beforeAll(async () => {
  // Ten requests at once must each hold a connection, or the race is only a queue.
  app = await startTestApp({ poolSize: 12 });
});
afterAll(() => app.stop());

const APPOINTMENT_FIELDS = `appointment { id status startTime endTime version careProfessional { id } }`;
interface AppointmentResult {
  id: string;
  status: string;
  startTime: string;
  endTime: string;
  version: number;
}
type Payload<K extends string> = Record<K, { appointment: AppointmentResult }>;

const CREATE = `mutation Book($input: CreateAppointmentInput!) { createAppointment(input: $input) { ${APPOINTMENT_FIELDS} } }`;
const UPDATE = `mutation Move($input: UpdateAppointmentInput!) { updateAppointment(input: $input) { ${APPOINTMENT_FIELDS} } }`;
const DELETE = `mutation Drop($input: DeleteInput!) { deleteAppointment(input: $input) { ${APPOINTMENT_FIELDS} } }`;
const RESTORE = `mutation Bring($input: RestoreInput!) { restoreAppointment(input: $input) { ${APPOINTMENT_FIELDS} } }`;

/** A day of its own for each professional made below, far from the demo data's dates. */
let day = 0;
interface Diary {
  token: string;
  professionalId: string;
  patientId: string;
  /** `HH:MM` on this diary's day, as an ISO instant. */
  at(time: string): string;
}

/** A new care professional (so no demo appointment is in the way) and a patient, in `tenant`. */
async function newDiary(tenant = ACME): Promise<Diary> {
  const token = await app.login(Role.ADMIN, tenant);
  day += 1;
  const professional = await app.graphql<{ createCareProfessional: { careProfessional: { id: string } } }, unknown>(
    `mutation($input: CreateCareProfessionalInput!) { createCareProfessional(input: $input) { careProfessional { id } } }`,
    { input: { firstName: 'Diary', lastName: `Keeper ${day}`, profession: 'NURSE' } },
    token,
  );
  expect(professional.errors).toBeUndefined();
  const patient = await app.graphql<{ createPatient: { patient: { id: string } } }, unknown>(
    `mutation($input: CreatePatientInput!) { createPatient(input: $input) { patient { id } } }`,
    { input: { firstName: 'Booked', lastName: `Patient ${day}` } },
    token,
  );
  expect(patient.errors).toBeUndefined();
  const date = new Date(Date.UTC(2031, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  return {
    token,
    professionalId: professional.data!.createCareProfessional.careProfessional.id,
    patientId: patient.data!.createPatient.patient.id,
    at: (time) => new Date(`${date}T${time}:00Z`).toISOString(),
  };
}

function book(diary: Diary, from: string, to: string, extra: Record<string, unknown> = {}) {
  const input = { patientId: diary.patientId, careProfessionalId: diary.professionalId, title: 'Review', startTime: diary.at(from), endTime: diary.at(to), ...extra };
  return app.graphql<Payload<'createAppointment'>, unknown>(CREATE, { input }, diary.token);
}

async function booked(diary: Diary, from: string, to: string, extra: Record<string, unknown> = {}): Promise<AppointmentResult> {
  const result = await book(diary, from, to, extra);
  expect(result.errors).toBeUndefined();
  return result.data!.createAppointment.appointment;
}

/** The answer is the double-booking refusal, naming `conflicting` (a global id), and nothing was written. */
function expectDoubleBooking(response: GraphQLResponse<unknown>, conflicting: string) {
  expect(response.data ?? null).toBeNull();
  const error = onlyError(response);
  expect(error.extensions).toEqual({
    code: 'CONFLICT',
    fields: [{ field: 'input.startTime', rule: 'noDoubleBooking', message: `the care professional already has appointment ${conflicting} at this time` }],
    conflictingAppointmentId: conflicting,
  });
  expect(error.message).toBe(`input.startTime: the care professional already has appointment ${conflicting} at this time`);
}

/** Live appointments of the diary's professional that occupy it, as the database holds them. */
async function occupying(diary: Diary): Promise<string[]> {
  const rows = await app.db.owner(
    `SELECT id FROM appointments WHERE care_professional_id = $1 AND deleted_at IS NULL AND status NOT IN ('CANCELLED', 'NO_SHOW') ORDER BY start_time`,
    [parseGlobalId(diary.professionalId)!.id],
  );
  return rows.map((r) => toGlobalId('Appointment', r.id as string));
}

describe('a care professional is never double-booked', () => {
  it('refuses a new appointment that overlaps a live one of the same professional, at either end, inside or around it', async () => {
    const diary = await newDiary();
    const first = await booked(diary, '10:00', '11:00');
    for (const [from, to] of [['10:30', '11:30'], ['09:30', '10:01'], ['10:15', '10:45'], ['09:00', '12:00'], ['10:00', '11:00']]) {
      expectDoubleBooking(await book(diary, from, to), first.id);
    }
    expect(await occupying(diary)).toEqual([first.id]);
  });

  it('allows back-to-back appointments (the end is not part of an appointment)', async () => {
    const diary = await newDiary();
    const middle = await booked(diary, '10:00', '11:00');
    const before = await booked(diary, '09:30', '10:00');
    const after = await booked(diary, '11:00', '11:15');
    expect(await occupying(diary)).toEqual([before.id, middle.id, after.id]);
  });

  it('allows another professional at the same time, and the same times in another tenant', async () => {
    const diary = await newDiary();
    const other = await newDiary();
    const elsewhere = await newDiary(NORTHWIND);
    await booked(diary, '10:00', '11:00');
    await booked({ ...other, at: diary.at }, '10:00', '11:00');
    await booked({ ...elsewhere, at: diary.at }, '10:00', '11:00');
  });

  it('lets a cancelled or no-show appointment free its slot; a deleted one too', async () => {
    const diary = await newDiary();
    const cancelled = await booked(diary, '10:00', '11:00');
    const noShow = await booked(diary, '12:00', '13:00');
    const deleted = await booked(diary, '14:00', '15:00');
    const move = (a: AppointmentResult, status: string) => app.graphql(UPDATE, { input: { id: a.id, expectedVersion: a.version, status } }, diary.token);
    expect((await move(cancelled, 'CANCELLED')).errors).toBeUndefined();
    expect((await move(noShow, 'NO_SHOW')).errors).toBeUndefined();
    expect((await app.graphql(DELETE, { input: { id: deleted.id } }, diary.token)).errors).toBeUndefined();
    const rebooked = [await booked(diary, '10:30', '11:00'), await booked(diary, '12:00', '13:00'), await booked(diary, '14:00', '14:30')];
    expect(await occupying(diary)).toEqual(rebooked.map((a) => a.id));
  });

  it('refuses an update that moves an appointment, or gives it to a professional, onto a busy time', async () => {
    const diary = await newDiary();
    const busy = await booked(diary, '10:00', '11:00');
    const later = await booked(diary, '13:00', '14:00');
    const moved = await app.graphql(UPDATE, { input: { id: later.id, expectedVersion: later.version, startTime: diary.at('10:45'), endTime: diary.at('11:45') } }, diary.token);
    expectDoubleBooking(moved, busy.id);
    const longer = await app.graphql(UPDATE, { input: { id: busy.id, expectedVersion: busy.version, endTime: diary.at('13:30') } }, diary.token);
    expectDoubleBooking(longer, later.id);

    const colleague = await newDiary();
    const theirs = await booked({ ...colleague, at: diary.at }, '13:30', '14:30');
    const handedOver = await app.graphql(UPDATE, { input: { id: theirs.id, expectedVersion: theirs.version, careProfessionalId: diary.professionalId } }, diary.token);
    expectDoubleBooking(handedOver, later.id);

    // Unchanged times of an appointment never clash with themselves; an edit elsewhere is fine.
    const edited = await app.graphql(UPDATE, { input: { id: busy.id, expectedVersion: busy.version, title: 'Longer review', startTime: diary.at('10:00') } }, diary.token);
    expect(edited.errors).toBeUndefined();
  });

  it('refuses a restore of a deleted appointment whose time has been taken since, and it stays deleted', async () => {
    const diary = await newDiary();
    const original = await booked(diary, '10:00', '11:00');
    expect((await app.graphql(DELETE, { input: { id: original.id } }, diary.token)).errors).toBeUndefined();
    const replacement = await booked(diary, '10:30', '11:30');
    expectDoubleBooking(await app.graphql(RESTORE, { input: { id: original.id } }, diary.token), replacement.id);
    expect(await occupying(diary)).toEqual([replacement.id]);
  });

  it('refuses, in the database, a status change back into an occupying status over a taken time', async () => {
    // The API's status machine never leaves CANCELLED; another path (psql, a future transition) could.
    const diary = await newDiary();
    const cancelled = await booked(diary, '10:00', '11:00');
    expect((await app.graphql(UPDATE, { input: { id: cancelled.id, expectedVersion: cancelled.version, status: 'CANCELLED' } }, diary.token)).errors).toBeUndefined();
    const taken = await booked(diary, '10:00', '10:30');
    const back = app.db.owner(`UPDATE appointments SET status = 'SCHEDULED' WHERE id = $1`, [parseGlobalId(cancelled.id)!.id]);
    await expect(back).rejects.toMatchObject({ code: '23P01', constraint: 'appointments_no_double_booking', detail: `conflicting appointment ${parseGlobalId(taken.id)!.id}` });
  });

  it('is the exclusion constraint itself: a bulk load with triggers off is refused too', async () => {
    const diary = await newDiary();
    const first = await booked(diary, '10:00', '11:00');
    const [row] = await app.db.owner(`SELECT tenant_id, patient_id, care_professional_id FROM appointments WHERE id = $1`, [parseGlobalId(first.id)!.id]);
    // session_replication_role = replica turns ordinary triggers off (the bench generator loads so).
    await app.db.owner('BEGIN');
    try {
      await app.db.owner(`SET LOCAL session_replication_role = replica`);
      const refused = await app.db
        .owner(
          `INSERT INTO appointments (tenant_id, patient_id, care_professional_id, title, start_time, end_time) VALUES ($1, $2, $3, 'Bulk', $4, $5)`,
          [row.tenant_id, row.patient_id, row.care_professional_id, diary.at('10:30'), diary.at('11:30')],
        )
        .then(() => null, (error: { code?: string; constraint?: string; detail?: string }) => error);
      expect(refused).toMatchObject({ code: '23P01', constraint: 'appointments_no_double_booking' });
      // PostgreSQL's own refusal, not the trigger's (which was off).
      expect(refused?.detail).not.toMatch(/^conflicting appointment/);
    } finally {
      await app.db.owner('ROLLBACK');
    }
    expect(await occupying(diary)).toEqual([first.id]);
  });

  it('keeps exactly one of ten overlapping appointments created at once, and each refusal names it', async () => {
    const diary = await newDiary();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => book(diary, `10:${String(i * 5).padStart(2, '0')}`, `11:${String(i * 5).padStart(2, '0')}`)),
    );
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    const winner = winners[0].data!.createAppointment.appointment.id;
    for (const loser of results.filter((r) => r.errors)) expectDoubleBooking(loser, winner);
    expect(await occupying(diary)).toEqual([winner]);
  });

  it('keeps the demo data within the rule', async () => {
    const [{ pairs }] = await app.db.owner(
      `SELECT count(*)::int AS pairs FROM appointments a JOIN appointments b
          ON b.tenant_id = a.tenant_id AND b.care_professional_id = a.care_professional_id AND b.id > a.id
         AND tstzrange(a.start_time, a.end_time) && tstzrange(b.start_time, b.end_time)
       WHERE a.deleted_at IS NULL AND b.deleted_at IS NULL AND a.status NOT IN ('CANCELLED', 'NO_SHOW') AND b.status NOT IN ('CANCELLED', 'NO_SHOW')
         -- The demo loader's rows (the API stamps created_by on the others).
         AND a.created_by IS NULL AND b.created_by IS NULL`,
    );
    expect(pairs).toBe(0);
  });
});

describe('the migration, on a database that already holds overlaps', () => {
  it('refuses to run, naming how many and where, changes nothing, and runs once they are resolved', async () => {
    const db = await createTestDatabase();
    const dataSource = new DataSource({ type: 'postgres', url: db.ownerUrl });
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    const migration = new NoDoubleBooking1764900060000();
    try {
      await migration.down(runner);
      const [a] = await db.owner(
        `SELECT a.id, a.tenant_id, a.patient_id, a.care_professional_id, a.start_time, a.end_time FROM appointments a JOIN tenants t ON t.id = a.tenant_id
          WHERE t.slug = $1 AND a.patient_id IS NOT NULL AND a.deleted_at IS NULL AND a.status = 'SCHEDULED' ORDER BY a.id LIMIT 1`,
        [ACME],
      );
      const [clash] = await db.owner(
        `INSERT INTO appointments (tenant_id, patient_id, care_professional_id, title, start_time, end_time)
         VALUES ($1, $2, $3, 'Clash', $4::timestamptz + interval '5 minutes', $5) RETURNING id`,
        [a.tenant_id, a.patient_id, a.care_professional_id, a.start_time, a.end_time],
      );

      await runner.startTransaction();
      const refused = await migration.up(runner).then(() => null, (error: Error) => error);
      await runner.rollbackTransaction();
      expect(refused?.message).toContain('1 pair(s) of live appointments overlap in time for the same care professional');
      expect(refused?.message).toContain(`tenant ${ACME} (${a.tenant_id}): 1 overlapping pair(s), of care professional(s) ${a.care_professional_id}`);
      expect(refused?.message).toContain(`professional ${a.care_professional_id}: appointments ${a.id} and ${clash.id}`);
      expect(refused?.message).not.toContain(NORTHWIND);
      const constraints = await db.owner(`SELECT 1 FROM pg_constraint WHERE conname = 'appointments_no_double_booking'`);
      expect(constraints).toHaveLength(0);

      await db.owner(`UPDATE appointments SET status = 'CANCELLED' WHERE id = $1`, [clash.id]);
      await runner.startTransaction();
      await migration.up(runner);
      await runner.commitTransaction();
      expect(await db.owner(`SELECT 1 FROM pg_constraint WHERE conname = 'appointments_no_double_booking'`)).toHaveLength(1);
    } finally {
      await runner.release();
      await dataSource.destroy();
      await db.drop();
    }
  });
});
