import { MaxLength } from 'class-validator';
import { DiagnosticTest } from '../entities/diagnostic-test.entity';
import { DiagnosticTestStatus, Role, TestPriority } from '../entities/enums';
import type { StatusMachine } from '../data/resource';
import { CARE_GIVERS } from '../auth/permissions';
import { AppError } from '../errors/app-error';
import { IsCurrencyCode, IsDecimalOf, IsNotBlank } from '../graphql/validators';
import { defineResource } from './define';
import { patientResource } from './patient.resource';
import { careProfessionalResource } from './care-professional.resource';

const { ADMIN, CLINICIAN } = Role;
const { ORDERED, SAMPLE_COLLECTED, IN_PROGRESS, COMPLETED, CANCELLED } = DiagnosticTestStatus;

/** From order to result; a test is COMPLETED with a verified report (verifying one completes it). */
const TEST_LIFECYCLE: StatusMachine<DiagnosticTestStatus> = {
  property: 'status',
  // A test recorded once the sample is taken, or once the lab has it, starts there.
  initial: [ORDERED, SAMPLE_COLLECTED, IN_PROGRESS],
  transitions: {
    [ORDERED]: [SAMPLE_COLLECTED, CANCELLED],
    [SAMPLE_COLLECTED]: [IN_PROGRESS, CANCELLED],
    [IN_PROGRESS]: [COMPLETED, CANCELLED],
    [COMPLETED]: [],
    [CANCELLED]: [],
  },
  stamps: { [SAMPLE_COLLECTED]: 'sampleCollectedAt', [COMPLETED]: 'completedAt', [CANCELLED]: 'cancelledAt' },
};

/** What may still change once a test is COMPLETED or CANCELLED: what it costs and who pays, which billing settles after. */
const BILLING_FIELDS = new Set(['cost', 'currency', 'insuranceProvider', 'insurancePolicyNumber', 'insuranceAuthorization']);

/**
 * Diagnostic tests (seed 004): ordered by a doctor for a patient, followed through the lab's
 * states to a verified report (src/resources/test-report.resource.ts).
 */
export const diagnosticTestResource = defineResource<DiagnosticTest>({
  typeName: 'DiagnosticTest',
  entity: DiagnosticTest,
  pluralField: 'diagnosticTests',
  relations: {
    patientId: { target: () => patientResource, field: 'patient', inverse: 'diagnosticTests', inverseDescription: "The patient's diagnostic tests.", cascade: true, samePatient: true },
    orderingDoctorId: {
      target: () => careProfessionalResource,
      field: 'orderingDoctor',
      description: 'The doctor who ordered the test; null when deleted since.',
      inverse: 'diagnosticTestsOrdered',
      targetIs: { property: 'profession', value: 'DOCTOR', rule: 'doctor', message: 'must be a care professional who is a DOCTOR' },
    },
  },
  filters: ['patient', 'orderingDoctor', 'testCode', 'testName', 'status', 'priority', 'orderedAt', 'completedAt', 'cost'],
  orderBy: ['orderedAt', { property: 'priority', byRank: Object.values(TestPriority) }, 'createdAt'],
  defaultOrder: [{ property: 'orderedAt', direction: 'DESC' }],
  permissions: { read: CARE_GIVERS, create: [ADMIN, CLINICIAN], update: [ADMIN, CLINICIAN], delete: [ADMIN, CLINICIAN], restore: [ADMIN, CLINICIAN] },
  inputs: {
    required: ['patientId', 'orderingDoctorId', 'testCode', 'testName'],
    optional: ['reason', 'status', 'priority', 'orderedAt', 'cost', 'currency', 'insuranceProvider', 'insurancePolicyNumber', 'insuranceAuthorization'],
    // Which test, for whom and by whom stays as ordered: a different one is a new order.
    immutable: ['patientId', 'orderingDoctorId', 'testCode', 'testName', 'orderedAt'],
    descriptions: { priority: 'ROUTINE by default.', orderedAt: 'Now by default; not in the future.', currency: 'Required with a cost.' },
    validate: {
      reason: [IsNotBlank(), MaxLength(10000)],
      cost: [IsDecimalOf({ digits: 10, scale: 2, nonNegative: true })],
      currency: [IsCurrencyCode()],
      insuranceProvider: [IsNotBlank()],
      insurancePolicyNumber: [IsNotBlank()],
      insuranceAuthorization: [IsNotBlank()],
    },
  },
  status: TEST_LIFECYCLE,
  patientIdProperty: 'patientId',
  notInFuture: ['orderedAt'],
  rules: {
    async beforeUpdate(current, changes, data) {
      const final = current.status === COMPLETED || current.status === CANCELLED;
      if (final && Object.keys(changes).some((key) => !BILLING_FIELDS.has(key))) {
        throw AppError.conflict(`The test is ${current.status}: only its cost and insurance change any more`, { fields: [{ field: 'input.id', rule: 'final', message: `is ${current.status}` }] });
      }
      if (changes.status === COMPLETED) {
        const [verified] = await data.db.query(
          'SELECT 1 FROM test_reports WHERE tenant_id = $1 AND diagnostic_test_id = $2 AND verified_at IS NOT NULL AND deleted_at IS NULL LIMIT 1',
          [data.tenantId, current.id],
        );
        if (!verified) throw AppError.conflict('The test has no verified report', { fields: [{ field: 'input.status', rule: 'verifiedReport', message: 'COMPLETED needs a verified report (verifyTestReport completes the test)' }] });
      }
    },
  },
});
