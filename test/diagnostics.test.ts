import { NORTHWIND, useBothPaths, fieldRules, refusals, memberIdByRole } from './support/harness';
import { Role } from '../src/entities/enums';
import { parseGlobalId, toGlobalId } from '../src/data/global-id';

/**
 * Diagnostics (issue 14): tests along their life cycle, reports verified once and corrected only
 * by amendments, result flags computed by the database; on both read paths.
 */

const paths = useBothPaths();

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token?: string, on = paths.compiled) => on.graphql<Data, Data>(query, variables, token);
const owner = (sql: string, values: unknown[] = []) => paths.compiled.db.owner(sql, values);
const inNorthwind = `tenant_id = (SELECT id FROM tenants WHERE slug = '${NORTHWIND}')`;

async function doctorAndPatient(): Promise<{ doctorId: string; patientId: string }> {
  const [{ id: doctor }] = await owner(`SELECT id FROM care_professionals WHERE profession = 'DOCTOR' AND deleted_at IS NULL AND ${inNorthwind} ORDER BY id LIMIT 1`);
  const [{ id: patient }] = await owner(`SELECT id FROM patients WHERE deleted_at IS NULL AND ${inNorthwind} ORDER BY id LIMIT 1`);
  return { doctorId: toGlobalId('CareProfessional', doctor as string), patientId: toGlobalId('Patient', patient as string) };
}

const TEST_FIELDS = 'id version status sampleCollectedAt completedAt cost currency';
const orderTest = async (token: string, input: Data = {}) => {
  const { doctorId, patientId } = await doctorAndPatient();
  return gql(`mutation($input: CreateDiagnosticTestInput!) { createDiagnosticTest(input: $input) { diagnosticTest { ${TEST_FIELDS} } } }`, {
    input: { orderingDoctorId: doctorId, patientId, testCode: '58410-2', testName: 'Full blood count', ...input },
  }, token);
};
const updateTest = (token: string, input: Data) => gql(`mutation($input: UpdateDiagnosticTestInput!) { updateDiagnosticTest(input: $input) { diagnosticTest { ${TEST_FIELDS} } } }`, { input }, token);
const writeReport = (token: string, diagnosticTestId: string, findings: string | null = 'Sample adequate.') =>
  gql(`mutation($input: CreateTestReportInput!) { createTestReport(input: $input) { testReport { id version } } }`, { input: { diagnosticTestId, findings } }, token);
const addResult = (token: string, reportId: string, input: Data) =>
  gql(`mutation($input: CreateTestResultInput!) { createTestResult(input: $input) { testResult { id value flag createdAt } } }`, { input: { reportId, name: 'Potassium', unit: 'mmol/L', ...input } }, token);
/** Verifies a report at the version given, else at the version it has now (read first, as a client would). */
const verify = async (token: string, id: string, version?: number) => {
  const expectedVersion = version ?? (await gql(`query($id: ID!) { node(id: $id) { ... on TestReport { version } } }`, { id }, token)).data!.node?.version ?? 1;
  return gql(`mutation($input: VerifyTestReportInput!) { verifyTestReport(input: $input) { testReport { id version verifiedAt verifiedBy { id } diagnosticTest { status completedAt } } } }`, { input: { id, expectedVersion } }, token);
};
const amend = (token: string, id: string, reason = 'Transcription error in the potassium value.') =>
  gql(`mutation($input: AmendTestReportInput!) { amendTestReport(input: $input) { testReport { id amendmentReason verifiedAt findings amends { id } results(first: 10) { totalCount nodes { name value flag } } } } }`, { input: { id, reason } }, token);

/** An IN_PROGRESS test with a report holding one result: the report's id and the test's. */
async function reportInProgress(token: string, value = '4.4'): Promise<{ testId: string; reportId: string; resultId: string }> {
  const test = await orderTest(token, { status: 'IN_PROGRESS' });
  expect(test.errors).toBeUndefined();
  const testId = test.data!.createDiagnosticTest.diagnosticTest.id;
  const report = await writeReport(token, testId);
  expect(report.errors).toBeUndefined();
  const reportId = report.data!.createTestReport.testReport.id;
  const result = await addResult(token, reportId, { value, normalLow: '3.5', normalHigh: '5.3', criticalLow: '2.5', criticalHigh: '6.5' });
  expect(result.errors).toBeUndefined();
  return { testId, reportId, resultId: result.data!.createTestResult.testResult.id };
}

describe('diagnostic tests', () => {
  it('move along their life cycle only, stamping each step; COMPLETED needs a verified report', async () => {
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const ordered = await orderTest(clinician, { priority: 'URGENT', cost: '48.00', currency: 'GBP' });
    expect(ordered.errors).toBeUndefined();
    const test = ordered.data!.createDiagnosticTest.diagnosticTest;
    expect(test).toMatchObject({ status: 'ORDERED', sampleCollectedAt: null, cost: '48.00', currency: 'GBP' });

    expect(fieldRules(await updateTest(clinician, { id: test.id, expectedVersion: test.version, status: 'COMPLETED' }))).toEqual(['input.status:transition']);
    const collected = await updateTest(clinician, { id: test.id, expectedVersion: test.version, status: 'SAMPLE_COLLECTED' });
    expect(collected.data!.updateDiagnosticTest.diagnosticTest).toMatchObject({ status: 'SAMPLE_COLLECTED', sampleCollectedAt: expect.any(String) });
    // A report waits for the lab to work on the sample.
    expect(fieldRules(await writeReport(clinician, test.id))).toEqual(['input.diagnosticTestId:testInProgress']);
    const working = await updateTest(clinician, { id: test.id, expectedVersion: test.version + 1, status: 'IN_PROGRESS' });
    expect(working.errors).toBeUndefined();
    expect(fieldRules(await updateTest(clinician, { id: test.id, expectedVersion: test.version + 2, status: 'COMPLETED' }))).toEqual(['input.status:verifiedReport']);
  });

  it('refuse a nurse as ordering doctor, a cost without currency or with a third decimal, and an order in the future', async () => {
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const [{ id: nurse }] = await owner(`SELECT id FROM care_professionals WHERE profession = 'NURSE' AND deleted_at IS NULL AND ${inNorthwind} ORDER BY id LIMIT 1`);
    expect(fieldRules(await orderTest(clinician, { orderingDoctorId: toGlobalId('CareProfessional', nurse as string) }))).toEqual(['input.orderingDoctorId:doctor']);
    expect(fieldRules(await orderTest(clinician, { cost: '10.00' }))).toEqual(['input.currency:currencyWithCost']);
    expect(fieldRules(await orderTest(clinician, { cost: '10.005', currency: 'GBP' }))).toEqual(['input.cost:matches']);
    expect(fieldRules(await orderTest(clinician, { cost: '-1', currency: 'GBP' }))).toEqual(['input.cost:matches']);
    expect(fieldRules(await orderTest(clinician, { orderedAt: new Date(Date.now() + 86_400_000).toISOString() }))).toEqual(['input.orderedAt:notInFuture']);
  });

  it('are read by those who give care, on both read paths alike, and not by sales', async () => {
    const worker = await paths.compiled.login(Role.CARE_WORKER, NORTHWIND);
    const query = `{ diagnosticTests(first: 3, filter: { status: { eq: COMPLETED } }) { totalCount nodes { status orderingDoctor { profession } patient { id } reports(first: 2) { nodes { verifiedAt results(first: 5) { nodes { name value flag } } } } } } }`;
    const fast = await gql(query, {}, worker);
    const slow = await gql(query, {}, worker, paths.resolvers);
    expect(fast.errors).toBeUndefined();
    expect(fast.data).toEqual(slow.data);
    expect(fast.data!.diagnosticTests.totalCount).toBeGreaterThan(0);
    for (const test of fast.data!.diagnosticTests.nodes) {
      expect(test.orderingDoctor.profession).toBe('DOCTOR');
      expect(test.reports.nodes[0].verifiedAt).not.toBeNull();
    }
    const sdr = await paths.compiled.login(Role.SDR, NORTHWIND);
    expect(refusals(await gql(`{ diagnosticTests(first: 1) { totalCount } }`, {}, sdr))).toEqual([['FORBIDDEN', 'DIAGNOSTIC_TEST_READ', 'diagnosticTests']]);
  });
});

describe('result flags', () => {
  it('are computed by the database from value and ranges: never an input, and filterable', async () => {
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const { reportId } = await reportInProgress(clinician);
    const ranges = { normalLow: '3.5', normalHigh: '5.3', criticalLow: '2.5', criticalHigh: '6.5' };
    const cases: Array<[Data, string | null]> = [
      [{ value: '2.4', ...ranges }, 'CRITICAL_LOW'],
      [{ value: '3.4', ...ranges }, 'LOW'],
      [{ value: '3.5', ...ranges }, 'NORMAL'],
      [{ value: '5.3', ...ranges }, 'NORMAL'],
      [{ value: '5.4', ...ranges }, 'HIGH'],
      [{ value: '6.6', ...ranges }, 'CRITICAL_HIGH'],
      [{ value: '9.1', normalHigh: '10' }, 'NORMAL'],
      [{ value: '9.1' }, null],
      [{ textValue: 'Negative' }, null],
    ];
    for (const [input, flag] of cases) {
      const added = await addResult(clinician, reportId, input);
      expect(added.errors).toBeUndefined();
      expect(added.data!.createTestResult.testResult.flag).toBe(flag);
    }
    // A flag typed in is not an input at all.
    const typed = await addResult(clinician, reportId, { value: '9.9', flag: 'NORMAL' });
    expect(typed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // Ranges must make sense, and exactly one of value and textValue is given.
    expect(fieldRules(await addResult(clinician, reportId, { value: '4', normalLow: '5', normalHigh: '4' }))).toEqual(['input.normalHigh:range']);
    expect(fieldRules(await addResult(clinician, reportId, { value: '4', normalLow: '3', criticalLow: '3.5' }))).toEqual(['input.criticalLow:range']);
    expect(fieldRules(await addResult(clinician, reportId, { value: '4', textValue: 'High' }))).toEqual(['input.value:exactlyOne', 'input.textValue:exactlyOne']);
    expect(fieldRules(await addResult(clinician, reportId, { value: '4.1234567' }))).toEqual(['$input.value:type']);
    expect(fieldRules(await addResult(clinician, reportId, { value: '1234567890123' }))).toEqual(['input.value:matches']);

    const query = `query($r: ID!) { node(id: $r) { ... on TestReport { results(first: 10, filter: { flag: { in: [CRITICAL_LOW, CRITICAL_HIGH] } }) { totalCount nodes { flag } } } } }`;
    const fast = await gql(query, { r: reportId }, clinician);
    expect(fast.data).toEqual((await gql(query, { r: reportId }, clinician, paths.resolvers)).data);
    expect(fast.data!.node.results.nodes.map((n: Data) => n.flag).sort()).toEqual(['CRITICAL_HIGH', 'CRITICAL_LOW']);
  });
});

describe('verification', () => {
  it('is once, by a clinician, names the verifier and completes the test; after it the report and its results are read-only', async () => {
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const { reportId, resultId } = await reportInProgress(clinician);
    const resultDbId = parseGlobalId(resultId)!.id;

    const worker = await paths.compiled.login(Role.CARE_WORKER, NORTHWIND);
    expect(refusals(await verify(worker, reportId))).toEqual([['FORBIDDEN', 'TEST_REPORT_VERIFY', 'verifyTestReport']]);
    expect((await verify(clinician, reportId, 99)).errors?.[0].extensions?.code).toBe('CONFLICT');

    const verified = await verify(clinician, reportId);
    expect(verified.errors).toBeUndefined();
    const report = verified.data!.verifyTestReport.testReport;
    expect(report.verifiedAt).toEqual(expect.any(String));
    expect(report.verifiedBy.id).toBe(await memberIdByRole(paths.compiled, clinician, Role.CLINICIAN));
    expect(report.diagnosticTest).toMatchObject({ status: 'COMPLETED', completedAt: expect.any(String) });

    expect(fieldRules(await verify(clinician, reportId))).toEqual(['input.id:alreadyVerified']);
    const edit = await gql(`mutation($id: ID!, $v: Int!) { updateTestReport(input: { id: $id, expectedVersion: $v, findings: "Changed" }) { testReport { id } } }`, { id: reportId, v: report.version }, clinician);
    expect(fieldRules(edit)).toEqual(['input.id:verified']);
    expect(edit.errors![0].extensions!.code).toBe('CONFLICT');
    expect(fieldRules(await gql(`mutation($id: ID!) { deleteTestReport(input: { id: $id }) { testReport { id } } }`, { id: reportId }, clinician))).toEqual(['input.id:verified']);
    expect(fieldRules(await addResult(clinician, reportId, { value: '5' }))).toEqual(['input.reportId:verified']);
    expect(fieldRules(await gql(`mutation($id: ID!) { updateTestResult(input: { id: $id, expectedVersion: 1, value: "9.9" }) { testResult { id } } }`, { id: resultId }, clinician))).toEqual(['input.reportId:verified']);
    expect(fieldRules(await gql(`mutation($id: ID!) { deleteTestResult(input: { id: $id }) { testResult { id } } }`, { id: resultId }, clinician))).toEqual(['input.reportId:verified']);
    // The database holds the rule on any path, the owner's included.
    await expect(owner(`UPDATE test_results SET value = 1 WHERE id = $1`, [resultDbId])).rejects.toThrow(/read-only/);
    await expect(owner(`UPDATE test_reports SET findings = 'x' WHERE verified_at IS NOT NULL AND ${inNorthwind}`)).rejects.toThrow(/read-only/);
    const [{ findings }] = await owner(`SELECT findings FROM test_reports WHERE verified_at IS NOT NULL AND ${inNorthwind} ORDER BY verified_at DESC LIMIT 1`);
    expect(findings).toBe('Sample adequate.');

    // It goes and comes back with its test (a test ordered in error), unchanged.
    const testId = (await gql(`query($id: ID!) { node(id: $id) { ... on TestReport { diagnosticTest { id } } } }`, { id: reportId }, clinician)).data!.node.diagnosticTest.id;
    expect((await gql(`mutation($id: ID!) { deleteDiagnosticTest(input: { id: $id }) { diagnosticTest { id } } }`, { id: testId }, clinician)).errors).toBeUndefined();
    expect((await gql(`query($id: ID!) { node(id: $id) { id } }`, { id: reportId }, clinician)).data!.node).toBeNull();
    expect((await gql(`mutation($id: ID!) { restoreDiagnosticTest(input: { id: $id }) { diagnosticTest { reports(first: 1) { nodes { id verifiedAt results(first: 1) { totalCount } } } } } }`, { id: testId }, clinician)).data!.restoreDiagnosticTest.diagnosticTest.reports.nodes).toEqual([
      { id: reportId, verifiedAt: report.verifiedAt, results: { totalCount: 1 } },
    ]);
  });

  it('names what was read: writing a result moves the report’s version, and a verification of the older one is CONFLICT', async () => {
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const { reportId, resultId } = await reportInProgress(clinician);
    const read = (await gql(`query($id: ID!) { node(id: $id) { ... on TestReport { version } } }`, { id: reportId }, clinician)).data!.node.version;
    const changed = await gql(`mutation($id: ID!) { updateTestResult(input: { id: $id, expectedVersion: 1, value: "7.9" }) { testResult { flag } } }`, { id: resultId }, clinician);
    expect(changed.data!.updateTestResult.testResult.flag).toBe('CRITICAL_HIGH');
    expect((await verify(clinician, reportId, read)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await verify(clinician, reportId)).errors).toBeUndefined();
  });

  it('keeps out results deleted before it (no restore) and verifies one report per test; even an unchanged save of a verified report is refused', async () => {
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const { testId, reportId } = await reportInProgress(clinician);
    const rival = (await writeReport(clinician, testId, 'Contradicting findings.')).data!.createTestReport.testReport.id;
    const extra = (await addResult(clinician, reportId, { value: '99', name: 'Hidden' })).data!.createTestResult.testResult.id;
    expect((await gql(`mutation($id: ID!) { deleteTestResult(input: { id: $id }) { testResult { id } } }`, { id: extra }, clinician)).errors).toBeUndefined();
    const verified = await verify(clinician, reportId);
    expect(verified.errors).toBeUndefined();
    expect(fieldRules(await gql(`mutation($id: ID!) { restoreTestResult(input: { id: $id }) { testResult { id } } }`, { id: extra }, clinician))).toEqual(['input.reportId:verified']);
    expect(fieldRules(await verify(clinician, rival))).toEqual(['input.id:testCompleted']);
    const { version } = verified.data!.verifyTestReport.testReport;
    const [{ findings }] = await owner(`SELECT findings FROM test_reports WHERE id = $1`, [parseGlobalId(reportId)!.id]);
    const same = await gql(`mutation($id: ID!, $v: Int!, $f: String!) { updateTestReport(input: { id: $id, expectedVersion: $v, findings: $f }) { testReport { version } } }`, { id: reportId, v: version, f: findings }, clinician);
    expect(fieldRules(same)).toEqual(['input.id:verified']);
    // Nor by the owner: a result does not move to another report, nor does a verified report's creation time change.
    const { reportId: open } = await reportInProgress(clinician);
    const [{ id: resultDbId }] = await owner(`SELECT id FROM test_results WHERE report_id = $1 AND deleted_at IS NULL`, [parseGlobalId(reportId)!.id]);
    await expect(owner(`UPDATE test_results SET report_id = $2 WHERE id = $1`, [resultDbId, parseGlobalId(open)!.id])).rejects.toThrow(/stays with its report/);
    await expect(owner(`UPDATE test_reports SET created_at = now() - interval '10 years' WHERE id = $1`, [parseGlobalId(reportId)!.id])).rejects.toThrow(/read-only/);
  });

  it('refuses an empty report and a report of a cancelled test', async () => {
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const test = (await orderTest(clinician, { status: 'IN_PROGRESS' })).data!.createDiagnosticTest.diagnosticTest;
    const empty = (await writeReport(clinician, test.id, null)).data!.createTestReport.testReport;
    expect(fieldRules(await verify(clinician, empty.id))).toEqual(['input.id:empty']);
    const { testId, reportId } = await reportInProgress(clinician);
    const version = (await gql(`query($id: ID!) { node(id: $id) { ... on DiagnosticTest { version } } }`, { id: testId }, clinician)).data!.node.version;
    expect((await updateTest(clinician, { id: testId, expectedVersion: version, status: 'CANCELLED' })).errors).toBeUndefined();
    expect(fieldRules(await verify(clinician, reportId))).toEqual(['input.id:testCancelled']);
  });

  it('and a result added at the same moment take turns: the result first makes the verification stale, the verification first refuses the result', async () => {
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    for (let round = 0; round < 4; round++) {
      const { reportId } = await reportInProgress(clinician);
      const read = (await gql(`query($id: ID!) { node(id: $id) { ... on TestReport { version } } }`, { id: reportId }, clinician)).data!.node.version;
      const [verified, added] = await Promise.all([verify(clinician, reportId, read), addResult(clinician, reportId, { value: '5.0', name: `Late ${round}` })]);
      // Exactly one of them happens.
      expect([verified.errors === undefined, added.errors === undefined].filter(Boolean)).toHaveLength(1);
      if (added.errors) expect(fieldRules(added)).toEqual(['input.reportId:verified']);
      else expect(verified.errors![0].extensions!.code).toBe('CONFLICT');
      const [late] = await owner(
        `SELECT count(*)::int AS n FROM test_results s JOIN test_reports r ON r.id = s.report_id WHERE r.${inNorthwind} AND s.name = $1 AND s.created_at >= r.verified_at`,
        [`Late ${round}`],
      );
      expect(late.n as number).toBe(0);
    }
  });
});

describe('amendments', () => {
  it('correct a verified report with a new one, keeping the original; one per report, then the amendment is amended', async () => {
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const { reportId } = await reportInProgress(clinician, '6.8');
    expect(fieldRules(await amend(clinician, reportId))).toEqual(['input.id:notVerified']);
    expect((await verify(clinician, reportId)).errors).toBeUndefined();
    expect(fieldRules(await amend(clinician, reportId, '  '))).toEqual(['input.reason:matches']);

    const [first, second] = await Promise.all([amend(clinician, reportId), amend(clinician, reportId)]);
    const winner = [first, second].find((r) => !r.errors)!;
    expect([first, second].filter((r) => r.errors).map(fieldRules)).toEqual([['input.id:alreadyAmended']]);
    const amendment = winner.data!.amendTestReport.testReport;
    expect(amendment).toMatchObject({ amendmentReason: 'Transcription error in the potassium value.', verifiedAt: null, findings: 'Sample adequate.', amends: { id: reportId } });
    expect(amendment.results.nodes).toEqual([{ name: 'Potassium', value: '6.8', flag: 'CRITICAL_HIGH' }]);

    // The copy is open: its value is corrected, the original keeps what was verified.
    const [{ id: copied }] = await owner(`SELECT id FROM test_results WHERE report_id = $1`, [parseGlobalId(amendment.id)!.id]);
    const fixed = await gql(`mutation($id: ID!) { updateTestResult(input: { id: $id, expectedVersion: 1, value: "4.8" }) { testResult { flag } } }`, { id: toGlobalId('TestResult', copied as string) }, clinician);
    expect(fixed.data!.updateTestResult.testResult.flag).toBe('NORMAL');
    const query = `query($id: ID!) { node(id: $id) { ... on TestReport { verifiedAt results(first: 5) { nodes { value flag } } amendments(first: 2) { totalCount nodes { id results(first: 5) { nodes { value } } } } } } }`;
    const fast = await gql(query, { id: reportId }, clinician);
    expect(fast.data).toEqual((await gql(query, { id: reportId }, clinician, paths.resolvers)).data);
    expect(fast.data!.node).toMatchObject({ results: { nodes: [{ value: '6.8', flag: 'CRITICAL_HIGH' }] }, amendments: { totalCount: 1, nodes: [{ id: amendment.id, results: { nodes: [{ value: '4.8' }] } }] } });

    expect((await verify(clinician, amendment.id)).errors).toBeUndefined();
    expect((await amend(clinician, amendment.id, 'Second look.')).errors).toBeUndefined();
  });

  it('are in the demo data: northwind has reports awaiting verification, abnormal values, and an amendment', async () => {
    const [counts] = await owner(
      `SELECT (SELECT count(*)::int FROM test_reports WHERE ${inNorthwind} AND verified_at IS NULL) AS awaiting,
              (SELECT count(*)::int FROM test_results WHERE ${inNorthwind} AND flag <> 'NORMAL') AS abnormal,
              (SELECT count(*)::int FROM test_results WHERE ${inNorthwind} AND flag LIKE 'CRITICAL%') AS critical,
              (SELECT count(*)::int FROM test_reports WHERE ${inNorthwind} AND amends_id IS NOT NULL) AS amendments,
              (SELECT count(DISTINCT status)::int FROM diagnostic_tests WHERE ${inNorthwind}) AS statuses`,
    );
    expect(counts.awaiting).toBeGreaterThan(0);
    expect(counts.abnormal).toBeGreaterThan(counts.critical as number);
    expect(counts.critical).toBeGreaterThan(0);
    expect(counts.amendments).toBeGreaterThan(0);
    expect(counts.statuses).toBe(5);
  });
});
