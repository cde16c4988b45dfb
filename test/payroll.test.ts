import { NORTHWIND, useBothPaths, fieldRules } from './support/harness';
import { Role } from '../src/entities/enums';
import { parseGlobalId, toGlobalId } from '../src/data/global-id';

/** Payroll (issue 14): pay per period computed by the database; a professional's periods never overlap; admins only, on every path. */

const paths = useBothPaths();

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token?: string, on = paths.compiled) => on.graphql<Data, Data>(query, variables, token);
const owner = (sql: string, values: unknown[] = []) => paths.compiled.db.owner(sql, values);
const inNorthwind = `tenant_id = (SELECT id FROM tenants WHERE slug = '${NORTHWIND}')`;

const ENTRY = 'id version periodStart periodEnd regularHours overtimeHours hourlyRate overtimeMultiplier deductions currency grossPay netPay status approvedAt paidAt';
let rank = 0;
/** A professional of Northwind and a period of 2030 of their own (a fresh one each call). */
async function professional(): Promise<string> {
  const [{ id }] = await owner(`SELECT id FROM care_professionals WHERE ${inNorthwind} AND deleted_at IS NULL ORDER BY id OFFSET $1 LIMIT 1`, [rank++]);
  return toGlobalId('CareProfessional', id as string);
}
const create = async (token: string, input: Data = {}) =>
  gql(`mutation($input: CreatePayrollEntryInput!) { createPayrollEntry(input: $input) { payrollEntry { ${ENTRY} } } }`, {
    input: { careProfessionalId: input.careProfessionalId ?? (await professional()), periodStart: '2030-01-01', periodEnd: '2030-01-31', regularHours: '150', hourlyRate: '20.00', currency: 'GBP', ...input },
  }, token);
const update = (token: string, input: Data) => gql(`mutation($input: UpdatePayrollEntryInput!) { updatePayrollEntry(input: $input) { payrollEntry { ${ENTRY} } } }`, { input }, token);

describe('payroll entries', () => {
  it('compute gross and net pay in the database, exactly; figures are checked and fixed once approved', async () => {
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const created = await create(admin, { overtimeHours: '10', deductions: '600.00' });
    expect(created.errors).toBeUndefined();
    const entry = created.data!.createPayrollEntry.payrollEntry;
    // 150 × 20.00 + 10 × 20.00 × 1.5 = 3,300.00; less 600.00.
    expect(entry).toMatchObject({ grossPay: '3300.00', netPay: '2700.00', overtimeMultiplier: '1.50', status: 'DRAFT', approvedAt: null });
    // Rounded to cents once: 7.5 h at 13.33 with overtime 0.25 h at × 1.75 = 99.975 + 5.831875 → 105.81.
    const odd = await create(admin, { regularHours: '7.5', hourlyRate: '13.33', overtimeHours: '0.25', overtimeMultiplier: '1.75' });
    expect(odd.data!.createPayrollEntry.payrollEntry).toMatchObject({ grossPay: '105.81', netPay: '105.81' });

    const professionalId = await professional();
    expect((await create(admin, { careProfessionalId: professionalId })).errors).toBeUndefined();
    const overlap = await create(admin, { careProfessionalId: professionalId, periodStart: '2030-01-31', periodEnd: '2030-02-27' });
    expect(fieldRules(overlap)).toEqual(['input.periodStart:periodOverlap']);
    expect(overlap.errors![0].extensions!.code).toBe('CONFLICT');
    expect((await create(admin, { careProfessionalId: professionalId, periodStart: '2030-02-01', periodEnd: '2030-02-01' })).errors).toBeUndefined();
    expect(fieldRules(await create(admin, { periodStart: '2030-03-02', periodEnd: '2030-03-01' }))).toEqual(['input.periodEnd:notBeforeStart']);
    expect(fieldRules(await create(admin, { deductions: '3000.01' }))).toEqual(['input.deductions:atMostGross']);
    expect(fieldRules(await create(admin, { regularHours: '800' }))).toEqual(['input.regularHours:check']);
    expect(fieldRules(await create(admin, { hourlyRate: '-1' }))).toEqual(['input.hourlyRate:matches']);
    expect(fieldRules(await create(admin, { overtimeMultiplier: '0' }))).toEqual(['input.overtimeMultiplier:matches']);
    expect(fieldRules(await create(admin, { grossPay: '1' }))).toEqual(['$input:type']);

    // DRAFT → APPROVED (stamped, figures fixed) → PAID.
    expect(fieldRules(await update(admin, { id: entry.id, expectedVersion: entry.version, status: 'PAID' }))).toEqual(['input.status:transition']);
    const approved = await update(admin, { id: entry.id, expectedVersion: entry.version, status: 'APPROVED' });
    expect(approved.data!.updatePayrollEntry.payrollEntry).toMatchObject({ status: 'APPROVED', approvedAt: expect.any(String) });
    expect(fieldRules(await update(admin, { id: entry.id, expectedVersion: entry.version + 1, regularHours: '151' }))).toEqual(['input.id:approved']);
    await expect(owner(`UPDATE payroll_entries SET hourly_rate = 99 WHERE id = $1`, [parseGlobalId(entry.id)!.id])).rejects.toThrow(/figures are fixed/);
    const paid = await update(admin, { id: entry.id, expectedVersion: entry.version + 1, status: 'PAID', notes: 'Paid by BACS.' });
    expect(paid.data!.updatePayrollEntry.payrollEntry).toMatchObject({ status: 'PAID', paidAt: expect.any(String), netPay: '2700.00' });
    // Pay approved or paid is a record: kept, on any path.
    expect(fieldRules(await gql(`mutation($id: ID!) { deletePayrollEntry(input: { id: $id }) { payrollEntry { id } } }`, { id: entry.id }, admin))).toEqual(['input.id:approved']);
    await expect(owner(`UPDATE payroll_entries SET deleted_at = now() WHERE id = $1`, [parseGlobalId(entry.id)!.id])).rejects.toThrow(/it is kept/);
  });

  it('are read by admins only, at the top level, nested and by id, on both read paths', async () => {
    const query = `{ payrollEntries(first: 50, filter: { netPay: { gt: "3000" }, status: { eq: PAID } }) { totalCount nodes { ${ENTRY} careProfessional { id lastName } } } }`;
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const compiled = await gql(query, {}, admin);
    expect(compiled.errors).toBeUndefined();
    const [{ n }] = await owner(`SELECT count(*)::int AS n FROM payroll_entries WHERE ${inNorthwind} AND deleted_at IS NULL AND net_pay > 3000 AND status = 'PAID'`);
    expect(compiled.data!.payrollEntries.totalCount).toBe(n);
    expect(n).toBeGreaterThan(0);
    expect((await gql(query, {}, await paths.resolvers.login(Role.ADMIN, NORTHWIND), paths.resolvers)).data).toEqual(compiled.data);

    const [{ id: entryId, professional: professionalId }] = await owner(`SELECT id, care_professional_id AS professional FROM payroll_entries WHERE ${inNorthwind} ORDER BY id LIMIT 1`);
    for (const role of [Role.CLINICIAN, Role.CARE_WORKER, Role.COORDINATOR, Role.ANALYST, Role.SDR, Role.HEALTH_COACH]) {
      for (const on of [paths.compiled, paths.resolvers]) {
        const token = await on.login(role, NORTHWIND);
        expect([role, (await gql(`{ payrollEntries(first: 1) { totalCount } }`, {}, token, on)).errors![0].extensions!.code]).toEqual([role, 'FORBIDDEN']);
        const byId = await gql(`query($id: ID!) { node(id: $id) { id } }`, { id: toGlobalId('PayrollEntry', entryId as string) }, token, on);
        expect([role, byId.data?.node ?? null]).toEqual([role, null]);
        const nested = await gql(`query($id: ID!) { node(id: $id) { ... on CareProfessional { id payrollEntries(first: 5) { totalCount } } } }`, { id: toGlobalId('CareProfessional', professionalId as string) }, token, on);
        expect([role, nested.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
      }
    }
  });
});
