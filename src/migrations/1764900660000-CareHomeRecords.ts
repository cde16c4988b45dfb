import { MigrationInterface, QueryRunner } from 'typeorm';
import { checkNotBlank, checkOneOf, createTenantTable, dropTenantTable } from '../db/tenant-table';

/** A sealed value (src/crypto/data-keys.ts): no path can store plaintext in an encrypted column. */
const sealed = (column: string) => `${column} LIKE 'cg1:%'`;

/**
 * Write Care Notes (seed 003), care records: care plan reviews, assessments, daily records per
 * shift, quality audits with their action items, and incidents. A review's patient is its plan's
 * (a composite foreign key to care_plans (tenant_id, id, patient_id)), so access logging by the
 * review's own column is exact.
 */
export class CareHomeRecords1764900660000 implements MigrationInterface {
  name = 'CareHomeRecords1764900660000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE care_plans ADD CONSTRAINT care_plans_tenant_id_patient_key UNIQUE (tenant_id, id, patient_id)`);
    await createTenantTable(queryRunner, 'care_plan_reviews', {
      columns: [
        'care_plan_id uuid NOT NULL',
        'patient_id uuid NOT NULL',
        'reviewer_id uuid NOT NULL',
        'review_date date NOT NULL',
        'outcome varchar(16) NOT NULL',
        'notes text',
        'next_review_date date',
      ],
      references: { care_plan_id: 'care_plans', patient_id: 'patients', reviewer_id: 'care_professionals' },
      checks: {
        outcome: checkOneOf('outcome', ['NO_CHANGE', 'PLAN_UPDATED', 'ESCALATED', 'PLAN_CLOSED']),
        next_review_date: "next_review_date > review_date OR (next_review_date IS NULL AND outcome = 'PLAN_CLOSED')",
        notes: 'length(notes) <= 10000',
      },
      indexes: [{ columns: ['care_plan_id', 'review_date', 'id'] }],
      writable: true,
    });
    await queryRunner.query(`ALTER TABLE care_plan_reviews ADD CONSTRAINT care_plan_reviews_plan_patient_fkey
      FOREIGN KEY (tenant_id, care_plan_id, patient_id) REFERENCES care_plans (tenant_id, id, patient_id)`);
    // carePlans(filter: { reviewDue: { eq: true } }): plans in force whose review date has come.
    await queryRunner.query(`CREATE INDEX care_plans_tenant_review_due_idx ON care_plans (tenant_id, review_date) WHERE deleted_at IS NULL AND status IN ('ACTIVE', 'UNDER_REVIEW')`);

    await createTenantTable(queryRunner, 'assessments', {
      columns: [
        'patient_id uuid NOT NULL',
        'assessment_type varchar(20) NOT NULL',
        'assessed_on date NOT NULL',
        'score integer',
        "findings jsonb NOT NULL DEFAULT '{}'",
        "recommendations jsonb NOT NULL DEFAULT '{}'",
        'assessed_by_id uuid NOT NULL',
      ],
      references: { patient_id: 'patients', assessed_by_id: 'care_professionals' },
      checks: {
        type: checkOneOf('assessment_type', ['FALLS', 'WATERLOW', 'MUST', 'BARTHEL', 'MENTAL_CAPACITY', 'OTHER']),
        // The ranges of src/domain/assessments.ts, kept by the database too.
        score: `CASE assessment_type WHEN 'FALLS' THEN score BETWEEN 0 AND 125 WHEN 'WATERLOW' THEN score BETWEEN 0 AND 64 WHEN 'MUST' THEN score BETWEEN 0 AND 6
                WHEN 'BARTHEL' THEN score BETWEEN 0 AND 20 WHEN 'MENTAL_CAPACITY' THEN score IS NULL ELSE score IS NULL OR score BETWEEN 0 AND 1000 END`,
        findings: "jsonb_typeof(findings) = 'object'",
        recommendations: "jsonb_typeof(recommendations) = 'object'",
      },
      indexes: [{ columns: ['patient_id', 'assessed_on', 'id'] }, { columns: ['assessment_type', 'assessed_on', 'id'], live: true }],
      writable: true,
    });

    await createTenantTable(queryRunner, 'daily_records', {
      columns: [
        'patient_id uuid NOT NULL',
        'record_date date NOT NULL',
        'shift varchar(16) NOT NULL',
        "care_delivered jsonb NOT NULL DEFAULT '{}'",
        'observations text NOT NULL',
        'author_id uuid NOT NULL',
      ],
      references: { patient_id: 'patients', author_id: 'memberships' },
      checks: {
        shift: checkOneOf('shift', ['MORNING', 'AFTERNOON', 'NIGHT']),
        care_delivered: "jsonb_typeof(care_delivered) = 'object'",
        observations: sealed('observations'),
      },
      // Patient.dailyRecords(filter: { recordDate, shift }), latest first.
      indexes: [{ columns: ['patient_id', 'record_date', 'shift', 'id'] }],
      writable: true,
    });

    await createTenantTable(queryRunner, 'quality_audits', {
      columns: ['site_id uuid NOT NULL', 'audit_type varchar(32) NOT NULL', 'audit_date date NOT NULL', 'auditor_id uuid NOT NULL', 'findings text', 'score integer NOT NULL'],
      references: { site_id: 'sites', auditor_id: 'memberships' },
      checks: {
        type: checkOneOf('audit_type', ['MEDICATION', 'INFECTION_CONTROL', 'CARE_PLANS', 'HEALTH_AND_SAFETY', 'DIGNITY_AND_RESPECT', 'OTHER']),
        score: 'score BETWEEN 0 AND 100',
        findings: 'length(findings) <= 20000',
      },
      indexes: [{ columns: ['site_id', 'audit_date', 'id'] }],
      writable: true,
    });
    await createTenantTable(queryRunner, 'audit_action_items', {
      columns: [
        'audit_id uuid NOT NULL',
        'description varchar(500) NOT NULL',
        'owner_id uuid NOT NULL',
        'due_date date NOT NULL',
        "status varchar(16) NOT NULL DEFAULT 'OPEN'",
        'completed_at timestamptz',
      ],
      references: { audit_id: 'quality_audits', owner_id: 'memberships' },
      checks: { description: checkNotBlank('description'), status: checkOneOf('status', ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED']) },
      indexes: [{ columns: ['audit_id', 'due_date', 'id'] }, { columns: ['owner_id', 'due_date', 'id'], live: true }],
      writable: true,
    });

    await createTenantTable(queryRunner, 'incidents', {
      columns: [
        'site_id uuid NOT NULL',
        'patient_id uuid',
        'incident_type varchar(20) NOT NULL',
        'severity varchar(16) NOT NULL',
        'occurred_at timestamptz NOT NULL',
        'details text NOT NULL',
        'safeguarding_notes text',
        'actions_taken text',
        'reported_by_id uuid NOT NULL',
        "status varchar(24) NOT NULL DEFAULT 'OPEN'",
        'closed_at timestamptz',
        'regulator_notifiable boolean NOT NULL DEFAULT false',
      ],
      references: { site_id: 'sites', patient_id: 'patients', reported_by_id: 'memberships' },
      checks: {
        type: checkOneOf('incident_type', ['FALL', 'MEDICATION_ERROR', 'SAFEGUARDING', 'INJURY', 'BEHAVIOUR', 'OTHER']),
        severity: checkOneOf('severity', ['NO_HARM', 'LOW', 'MODERATE', 'SEVERE', 'DEATH']),
        status: checkOneOf('status', ['OPEN', 'UNDER_INVESTIGATION', 'CLOSED']),
        details: sealed('details'),
        safeguarding_notes: sealed('safeguarding_notes'),
        // Sealed when given (the text is checked by the API: requiredToClose); a closed incident has some.
        actions_taken: `${sealed('actions_taken')} AND (status <> 'CLOSED' OR actions_taken IS NOT NULL)`,
      },
      indexes: [{ columns: ['site_id', 'occurred_at', 'id'] }, { columns: ['status', 'occurred_at', 'id'], live: true }],
      writable: true,
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['incidents', 'audit_action_items', 'quality_audits', 'daily_records', 'assessments', 'care_plan_reviews']) await dropTenantTable(queryRunner, table);
    await queryRunner.query(`DROP INDEX care_plans_tenant_review_due_idx; ALTER TABLE care_plans DROP CONSTRAINT care_plans_tenant_id_patient_key`);
  }
}
