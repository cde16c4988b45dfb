import { MaxLength } from 'class-validator';
import { TestReport } from '../entities/test-report.entity';
import { TestResult } from '../entities/test-result.entity';
import { DiagnosticTestStatus, Role } from '../entities/enums';
import type { Resource } from '../data/resource';
import { CARE_GIVERS } from '../auth/permissions';
import { AppError } from '../errors/app-error';
import { IsDecimalOf, IsNotBlank } from '../graphql/validators';
import { defineResource } from './define';
import { diagnosticTestResource } from './diagnostic-test.resource';
import { memberResource } from './member.resource';

const { ADMIN, CLINICIAN } = Role;
const WRITERS = [ADMIN, CLINICIAN] as const;
const WRITE = { create: WRITERS, update: WRITERS, delete: WRITERS, restore: WRITERS };

/**
 * A test's reports (seed 004's test_reports). Written while the test is IN_PROGRESS, verified
 * once (`verifyTestReport`, which completes the test), then read-only, results included: the
 * database refuses any change (rule `verified`). A correction is an amendment
 * (`amendTestReport`): a new report with the same content to edit and verify, the original kept.
 */
export const testReportResource: Resource<TestReport> = defineResource<TestReport>({
  typeName: 'TestReport',
  entity: TestReport,
  pluralField: 'testReports',
  relations: {
    diagnosticTestId: { target: () => diagnosticTestResource, field: 'diagnosticTest', inverse: 'reports', inverseDescription: "The test's reports, amendments included.", cascade: true, samePatient: true },
    verifiedById: { target: () => memberResource, field: 'verifiedBy', description: 'The member who verified the report; null until verified.' },
    amendsId: {
      target: (): Resource => testReportResource as Resource,
      field: 'amends',
      description: 'The verified report this one corrects (amendments only).',
      inverse: 'amendments',
      inverseDescription: 'The report correcting this one, if any (at most one live).',
    },
  },
  filters: ['diagnosticTest', 'verifiedAt', 'amends', 'createdAt'],
  orderBy: ['createdAt'],
  defaultOrder: [{ property: 'createdAt', direction: 'DESC' }],
  permissions: { read: CARE_GIVERS, ...WRITE },
  actions: {
    verify: { roles: WRITERS, description: 'verify a test report (`verifyTestReport`): it becomes read-only, and its test COMPLETED' },
    amend: { roles: WRITERS, description: 'correct a verified report with an amendment (`amendTestReport`)' },
  },
  inputs: {
    required: ['diagnosticTestId'],
    optional: ['findings', 'interpretation', 'recommendations'],
    immutable: ['diagnosticTestId'],
    validate: { findings: [IsNotBlank(), MaxLength(20000)], interpretation: [IsNotBlank(), MaxLength(20000)], recommendations: [IsNotBlank(), MaxLength(20000)] },
  },
  patientIdProperty: 'patientId',
  rules: {
    // The report is of the test's patient; a first report comes while the lab works on it (an amendment later).
    async beforeCreate(values, data) {
      const [test] = await data.db.query<{ patientId: string; status: string }>(
        'SELECT patient_id AS "patientId", status FROM diagnostic_tests WHERE tenant_id = $1 AND id = $2',
        [data.tenantId, values.diagnosticTestId],
      );
      if (!values.amendsId && test.status !== DiagnosticTestStatus.IN_PROGRESS) {
        throw AppError.conflict(`The test is ${test.status}`, { fields: [{ field: 'input.diagnosticTestId', rule: 'testInProgress', message: `is ${test.status}: a report is written while the test is IN_PROGRESS` }] });
      }
      values.patientId = test.patientId;
    },
  },
});

/** Result values of a report (one per analyte), each with its unit, ranges, and the flag the database computes. */
export const testResultResource = defineResource<TestResult>({
  typeName: 'TestResult',
  entity: TestResult,
  pluralField: 'testResults',
  relations: {
    // Part of the report: writing one moves the report's version (in the database), so a verification names what it saw.
    reportId: { target: () => testReportResource, field: 'report', inverse: 'results', inverseDescription: "The report's result values.", cascade: true, samePatient: true, changesTarget: true },
  },
  filters: ['report', 'code', 'name', 'flag', 'value', 'createdAt'],
  orderBy: ['name', 'createdAt'],
  defaultOrder: [{ property: 'createdAt', direction: 'ASC' }],
  permissions: { read: CARE_GIVERS, ...WRITE },
  inputs: {
    required: ['reportId', 'name'],
    optional: ['code', 'value', 'textValue', 'unit', 'normalLow', 'normalHigh', 'criticalLow', 'criticalHigh'],
    immutable: ['reportId'],
    descriptions: { value: 'Exactly one of value and textValue.', textValue: 'Exactly one of value and textValue.' },
    validate: {
      code: [IsNotBlank()],
      name: [IsNotBlank()],
      textValue: [IsNotBlank()],
      unit: [IsNotBlank()],
      ...Object.fromEntries(['value', 'normalLow', 'normalHigh', 'criticalLow', 'criticalHigh'].map((field) => [field, [IsDecimalOf({ digits: 12, scale: 6 })]])),
    },
  },
  exactlyOne: [['value', 'textValue']],
  patientIdProperty: 'patientId',
  rules: {
    async beforeCreate(values, data) {
      const [report] = await data.db.query<{ patientId: string }>('SELECT patient_id AS "patientId" FROM test_reports WHERE tenant_id = $1 AND id = $2', [data.tenantId, values.reportId]);
      values.patientId = report.patientId;
    },
  },
});
