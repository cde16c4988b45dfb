import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { MaxLength, Min } from 'class-validator';
import type { Context } from '../context';
import { TestReport } from '../entities/test-report.entity';
import { DiagnosticTestStatus } from '../entities/enums';
import { AppError } from '../errors/app-error';
import { permissionOf } from '../auth/permissions';
import { expectGlobalId, toGlobalId } from '../data/global-id';
import { callerMemberId } from '../data/caller-records';
import { IsNotBlank } from '../graphql/validators';
import { testReportResource } from '../resources/test-report.resource';
import { diagnosticTestResource } from '../resources/diagnostic-test.resource';
import { memberResource } from '../resources/member.resource';
import { payloadTypeOf } from './resource-resolver';

@InputType()
class VerifyTestReportInput {
  @Field(() => ID, { description: 'The TestReport.' }) id!: string;
  @Field(() => Int, { description: 'The version read: a stale one is CONFLICT. Writing a result moves the report’s version too, so what is verified is what was read.' })
  @Min(1)
  expectedVersion!: number;
}

@InputType()
class AmendTestReportInput {
  @Field(() => ID, { description: 'The verified TestReport to correct.' }) id!: string;
  @Field(() => String, { description: 'Why it needs correcting (kept with the amendment).' })
  @IsNotBlank()
  @MaxLength(2000)
  reason!: string;
}

const VERIFY = permissionOf(testReportResource, 'verify');
const AMEND = permissionOf(testReportResource, 'amend');
const TestReportPayload = payloadTypeOf(testReportResource);

const conflict = (rule: string, message: string) => AppError.conflict(`The report ${message}`, { fields: [{ field: 'input.id', rule, message }] });

/** Verification and amendment of test reports: a verified report is a record, corrected only by a new one. */
@Resolver(() => TestReport)
export class DiagnosticsResolver {
  @Authorized(VERIFY)
  @Mutation(() => TestReportPayload, {
    description:
      'Verifies a report (verifiedAt, verifiedBy): from then on it and its results are read-only, and its test, if IN_PROGRESS, is COMPLETED. ' +
      'Refused for a report verified already (rule alreadyVerified), with neither findings nor results (rule empty), of a CANCELLED test (rule testCancelled), or of a test another verified report completed (rule testCompleted: amend that one).',
  })
  async verifyTestReport(@Arg('input', () => VerifyTestReportInput) input: VerifyTestReportInput, @Ctx() { data }: Context) {
    // A verifier reads what they sign off.
    data.authorize(testReportResource, 'read');
    const memberId = await callerMemberId(data);
    // The test first, then the report: the order a deletion of the test takes them in (no deadlock).
    const reportId = expectGlobalId(input.id, testReportResource.typeName, 'input.id');
    await data.db.query('SELECT 1 FROM diagnostic_tests d JOIN test_reports r ON r.tenant_id = d.tenant_id AND r.diagnostic_test_id = d.id WHERE r.tenant_id = $1 AND r.id = $2 FOR UPDATE OF d', [data.tenantId, reportId]);
    let testStatus: string | undefined;
    const report = await data.act<TestReport>(
      testReportResource,
      input,
      async (current) => {
        if (current.verifiedAt) throw conflict('alreadyVerified', 'is verified already');
        // Locked with the report: a result written meanwhile waits, then finds the report verified.
        const [state] = await data.db.query<{ testStatus: string; results: number }>(
          `SELECT d.status AS "testStatus", (SELECT count(*)::int FROM test_results r WHERE r.tenant_id = d.tenant_id AND r.report_id = $3 AND r.deleted_at IS NULL) AS results
             FROM diagnostic_tests d WHERE d.tenant_id = $1 AND d.id = $2`,
          [data.tenantId, current.diagnosticTestId, current.id],
        );
        testStatus = state.testStatus;
        if (state.testStatus === DiagnosticTestStatus.CANCELLED) throw conflict('testCancelled', 'is of a CANCELLED test');
        // One report of a test is verified; what follows corrects it (an amendment), never competes with it.
        if (!current.amendsId && state.testStatus === DiagnosticTestStatus.COMPLETED) throw conflict('testCompleted', 'is of a test COMPLETED with another verified report: amend that one');
        if (!current.findings && state.results === 0) throw conflict('empty', 'has neither findings nor results: there is nothing to verify');
        return { verifiedAt: new Date(), verifiedById: toGlobalId(memberResource.typeName, memberId) };
      },
      VERIFY,
    );
    // The status read under the test's lock above, which this request still holds.
    if (testStatus === DiagnosticTestStatus.IN_PROGRESS) {
      await data.act(diagnosticTestResource, { id: toGlobalId(diagnosticTestResource.typeName, report.diagnosticTestId) }, () => ({ status: DiagnosticTestStatus.COMPLETED }), VERIFY);
    }
    return { testReport: report };
  }

  @Authorized(AMEND)
  @Mutation(() => TestReportPayload, {
    description:
      'Starts the correction of a verified report: a new report (`amends` the original, which stays as it was) with its content and results copied, to edit and then verify. ' +
      'Refused for a report not verified yet (rule notVerified: edit it instead) or amended already (rule alreadyAmended: amend the amendment).',
  })
  async amendTestReport(@Arg('input', () => AmendTestReportInput) input: AmendTestReportInput, @Ctx() { data }: Context) {
    // Locked: two amendments of one report take turns, and the second finds the first.
    const original = await data.act<TestReport>(
      testReportResource,
      { id: input.id },
      (current) => {
        if (!current.verifiedAt) throw conflict('notVerified', 'is not verified: edit it instead');
        return {};
      },
      AMEND,
    );
    const [amended] = await data.db.query('SELECT 1 FROM test_reports WHERE tenant_id = $1 AND amends_id = $2 AND deleted_at IS NULL', [data.tenantId, original.id]);
    if (amended) throw conflict('alreadyAmended', 'has an amendment already: amend that one');
    const amendment = await data.create<TestReport>(
      testReportResource,
      {
        diagnosticTestId: toGlobalId(diagnosticTestResource.typeName, original.diagnosticTestId),
        findings: original.findings,
        interpretation: original.interpretation,
        recommendations: original.recommendations,
        amendsId: toGlobalId(testReportResource.typeName, original.id),
        amendmentReason: input.reason,
      },
      true,
    );
    // The original's live results, copied in one statement (audited by the table's trigger like any insert).
    const caller = data.requireCaller();
    await data.db.query(
      `INSERT INTO test_results (tenant_id, created_by, updated_by, report_id, patient_id, code, name, value, text_value, unit, normal_low, normal_high, critical_low, critical_high)
       SELECT tenant_id, $3, $3, $4, patient_id, code, name, value, text_value, unit, normal_low, normal_high, critical_low, critical_high
         FROM test_results WHERE tenant_id = $1 AND report_id = $2 AND deleted_at IS NULL ORDER BY created_at, id`,
      [data.tenantId, original.id, caller.userId, amendment.id],
    );
    return { testReport: amendment };
  }
}
