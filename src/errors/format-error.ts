import { randomUUID } from 'node:crypto';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import type { Logger } from 'pino';
import { AppError, ErrorCode, FieldProblem } from './app-error';
import { ARGS_TYPES } from '../graphql/args-types';
import { toGlobalId } from '../data/global-id';
import { databaseUnavailable, isDatabaseUnavailable } from '../db/unavailable';
import { SessionFinishedError } from '../db/request-db';
import type { ApolloServerPlugin } from '@apollo/server';
import { DataKeyError } from '../crypto/data-keys';

/** Every domain code maps to one GraphQL `extensions.code`; the compiler checks the table is complete. */
const EXTENSION_CODES = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  FEATURE_DISABLED: 'FEATURE_DISABLED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const satisfies Record<ErrorCode, string>;

/** Codes Apollo and graphql-js give to problems with the request itself; their messages are safe to show. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'RATE_LIMITED',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'LIMIT_EXCEEDED',
]);

/** Postgres constraint → the input field it guards, for errors that reach the database (races, other paths). */
const CONSTRAINT_FIELDS: Record<string, FieldProblem> = {
  patients_tenant_nhs_number_key: { field: 'input.nhsNumber', rule: 'unique', message: 'another patient already has this NHS number' },
  care_professionals_tenant_license_key: { field: 'input.licenseNumber', rule: 'unique', message: 'another professional already has this licence number' },
  appointments_end_after_start_check: { field: 'input.endTime', rule: 'endAfterStart', message: 'must be after startTime' },
  patients_discharge_after_admission_check: { field: 'input.dischargeDate', rule: 'afterAdmission', message: 'must not be before admissionDate' },
  patients_nhs_number_check: { field: 'input.nhsNumber', rule: 'nhsNumber', message: 'must be a valid NHS number' },
  clinical_notes_appointment_fkey: { field: 'input.appointmentId', rule: 'samePatient', message: "must be an appointment of the note's patient" },
  memberships_tenant_user_key: { field: 'input.id', rule: 'activeMembership', message: 'the user has an active membership of the tenant already' },
  memberships_last_admin: { field: 'input.id', rule: 'lastAdmin', message: 'is the tenant’s last active admin: make another member admin first' },
  invitations_email_not_api_client: { field: 'input.email', rule: 'apiClientAccount', message: 'is the address of an API client’s own account, not a person’s' },
  api_clients_status_revoked_final: { field: 'input.status', rule: 'final', message: 'a revoked API client stays revoked' },
  invitations_tenant_pending_email_key: { field: 'input.email', rule: 'pendingInvitation', message: 'has a pending invitation already: revoke it first to invite again' },
  tenants_domain_key: { field: 'input.domain', rule: 'unique', message: 'another tenant already uses this domain' },
  sites_care_home_capacity_check: { field: 'input.capacity', rule: 'careHomeCapacity', message: 'a care home needs its number of beds' },
  sites_capacity_check: { field: 'input.capacity', rule: 'range', message: 'must be from 1 to 10000' },
  sites_capacity_below_occupancy: { field: 'input.capacity', rule: 'belowOccupancy', message: 'is below the beds in use: discharge or transfer residents first' },
  sites_residents_present: { field: 'input.id', rule: 'residentsPresent', message: 'the site has residents in residence: discharge or transfer them first' },
  resident_stays_capacity: { field: 'input.siteId', rule: 'siteFull', message: 'the care home has no free bed on that date' },
  resident_stays_one_per_room: { field: 'input.room', rule: 'roomOccupied', message: 'another resident holds this room on that date' },
  resident_stays_no_overlap_per_patient: { field: 'input.patientId', rule: 'staysOverlap', message: 'the resident has another stay over these dates' },
  custom_roles_tenant_name_key: { field: 'input.name', rule: 'unique', message: 'another custom role already has this name' },
  custom_roles_name_check: { field: 'input.name', rule: 'systemRoleName', message: 'must not be blank nor a system role’s name' },
  custom_roles_masking_profile_check: { field: 'input.maskingProfile', rule: 'notAdmin', message: 'cannot be ADMIN' },
  custom_roles_in_use: { field: 'input.id', rule: 'roleInUse', message: 'members (active or deactivated) or pending invitations have this role: give them another role first' },
  tenant_features_custom_roles_in_use: { field: 'input.feature', rule: 'inUse', message: 'members or pending invitations have custom roles: give them system roles first' },
  prescriptions_refills_used_check: { field: 'input.refillsAllowed', rule: 'belowRefillsUsed', message: 'is below the refills already dispensed' },
  memberships_custom_role_live: { field: 'input.customRoleId', rule: 'exists', message: 'the custom role was deleted' },
  invitations_custom_role_live: { field: 'input.customRoleId', rule: 'exists', message: 'the custom role was deleted' },
  diagnostic_tests_currency_check: { field: 'input.currency', rule: 'currencyWithCost', message: 'is required with a cost, as an ISO 4217 code' },
  test_reports_verified: { field: 'input.id', rule: 'verified', message: 'the report is verified: it is read-only (amendTestReport corrects it)' },
  test_results_report_verified: { field: 'input.reportId', rule: 'verified', message: 'the report is verified: its results are read-only (amendTestReport corrects it)' },
  test_reports_tenant_amends_id_key: { field: 'input.id', rule: 'alreadyAmended', message: 'the report has an amendment already: amend that one' },
  test_results_report_fixed: { field: 'input.reportId', rule: 'immutable', message: 'a result stays with its report' },
  test_results_value_check: { field: 'input.value', rule: 'exactlyOne', message: 'exactly one of value and textValue is given' },
  test_results_normal_high_check: { field: 'input.normalHigh', rule: 'range', message: 'must be above normalLow' },
  test_results_critical_low_check: { field: 'input.criticalLow', rule: 'range', message: 'must be below the normal range' },
  test_results_critical_high_check: { field: 'input.criticalHigh', rule: 'range', message: 'must be above the normal range (and criticalLow)' },
  medical_records_appointment_fkey: { field: 'input.appointmentId', rule: 'samePatient', message: "must be an appointment of the record's patient" },
  patients_restricted_records: { field: 'input.id', rule: 'restrictedRecords', message: 'the patient has restricted medical records you cannot see: an admin deletes or restores this patient' },
  invoices_issued_fixed: { field: 'input.id', rule: 'issued', message: 'the invoice is issued: its patient, site, currency, issue date and number are fixed (void it and issue a new one)' },
  invoices_issued_kept: { field: 'input.id', rule: 'issued', message: 'the invoice is issued: it is kept (void it instead); it goes only with its patient' },
  invoices_void_fixed: { field: 'input.id', rule: 'void', message: 'the invoice is VOID: it no longer changes' },
  invoices_void_check: { field: 'input.id', rule: 'hasPayments', message: 'the invoice has payments left: refund them first' },
  invoices_due_date_check: { field: 'input.dueDate', rule: 'notBeforeIssueDate', message: 'must not be before the issue date' },
  invoices_not_overpaid_check: { field: 'input.amount', rule: 'exceedsBalance', message: 'is more than the invoice’s balance' },
  invoices_refunds_check: { field: 'input.amount', rule: 'exceedsPayment', message: 'is more than what was paid' },
  invoice_items_invoice_issued: { field: 'input.invoiceId', rule: 'invoiceIssued', message: 'the invoice is issued: its items are fixed (void it and issue a new one)' },
  invoice_items_issued_fixed: { field: 'input.id', rule: 'invoiceIssued', message: 'the invoice is issued: its items are fixed (void it and issue a new one)' },
  invoice_items_line_check: { field: 'input.unitPrice', rule: 'lineTooLarge', message: 'quantity × unitPrice with its tax must stay below 10000000000' },
  invoices_issue_range_check: { field: 'input.issueDate', rule: 'range', message: 'must be from 2000-01-01 to 2999-12-31' },
  invoices_due_range_check: { field: 'input.dueDate', rule: 'range', message: 'must be at most ten years after the issue date' },
  refunds_after_payment: { field: 'input.refundedAt', rule: 'afterPayment', message: 'must not be before the payment was received' },
  invoice_items_invoice_fixed: { field: 'input.invoiceId', rule: 'immutable', message: 'an item stays on its invoice' },
  payments_invoice_open: { field: 'input.invoiceId', rule: 'invoiceNotOpen', message: 'only an ISSUED, PARTIALLY_PAID or OVERDUE invoice is paid (issue a DRAFT first; a PAID or VOID one takes no payment)' },
  payments_exceeds_balance: { field: 'input.amount', rule: 'exceedsBalance', message: 'is more than the invoice’s balance' },
  payments_fixed: { field: 'input.id', rule: 'immutable', message: 'a payment’s invoice and amount are fixed (refund a mistake)' },
  refunds_exceeds_payment: { field: 'input.amount', rule: 'exceedsPayment', message: 'is more than what is left of the payment after its refunds' },
  refunds_payment_live: { field: 'input.paymentId', rule: 'exists', message: 'the payment was deleted' },
  payments_kept: { field: 'input.id', rule: 'kept', message: 'a payment is deleted only with its invoice (refund a mistake)' },
  refunds_kept: { field: 'input.id', rule: 'kept', message: 'a refund is deleted only with its payment' },
  payroll_entries_period_end_check: { field: 'input.periodEnd', rule: 'notBeforeStart', message: 'must not be before periodStart' },
  payroll_entries_deductions_check: { field: 'input.deductions', rule: 'atMostGross', message: 'must not be more than the gross pay' },
  payroll_entries_no_overlap: { field: 'input.periodStart', rule: 'periodOverlap', message: 'the professional has another pay period over these dates' },
  payroll_entries_kept: { field: 'input.id', rule: 'approved', message: 'the payroll entry is approved or paid: it is kept (it goes only with its professional)' },
  payroll_entries_approved: { field: 'input.id', rule: 'approved', message: 'the payroll entry is approved: its figures are fixed' },
  refunds_fixed: { field: 'input.id', rule: 'immutable', message: 'a refund’s payment and amount are fixed' },
  documents_care_team_check: { field: 'input.accessLevel', rule: 'needsPatient', message: 'CARE_TEAM needs a patient, whose care team sees the document' },
  documents_attachment_standard_check: { field: 'input.accessLevel', rule: 'attachmentStandard', message: 'an attachment of a clinical note is STANDARD: it is read with the note' },
  documents_own_level: { field: 'input.accessLevel', rule: 'ownDocument', message: 'is changed only by the uploader (or an admin)' },
  documents_note_fkey: { field: 'input.patientId', rule: 'samePatient', message: "must be the note's patient (or be left out)" },
  documents_tags_check: { field: 'input.tags', rule: 'tags', message: 'at most 20, each 1 to 50 characters without surrounding blanks' },
  documents_fixed: { field: 'input.id', rule: 'immutable', message: 'a document’s patient, note and uploader are fixed' },
  document_versions_fixed: { field: 'input.id', rule: 'immutable', message: 'a version never changes (upload a new one)' },
  document_versions_kept: { field: 'input.id', rule: 'kept', message: 'a version is deleted only with its document' },
  document_versions_document_live: { field: 'input.documentId', rule: 'exists', message: 'the document was deleted' },
  patients_hidden_documents: { field: 'input.id', rule: 'hiddenDocuments', message: 'the patient has documents you cannot see (CARE_TEAM or PRIVATE): an admin deletes or restores this patient' },
  clinical_notes_hidden_documents: { field: 'input.id', rule: 'hiddenDocuments', message: 'the note has attachments you cannot see (CARE_TEAM or PRIVATE): an admin deletes or restores this note' },
  patient_care_teams_one_primary_key: { field: 'input.isPrimary', rule: 'onePrimaryTeam', message: 'the patient already has a current primary care team' },
};

/** Rules about the state of other rows (a full care home), not about the input: CONFLICT, like a taken unique value. */
const STATE_CONSTRAINTS = new Set(['resident_stays_capacity', 'sites_capacity_below_occupancy', 'sites_residents_present', 'memberships_last_admin', 'custom_roles_in_use', 'tenant_features_custom_roles_in_use', 'test_reports_verified', 'test_results_report_verified', 'test_reports_tenant_amends_id_key', 'patients_restricted_records',
  'invoices_issued_fixed', 'invoices_issued_kept', 'invoices_void_fixed', 'invoices_void_check', 'invoices_not_overpaid_check', 'invoices_refunds_check',
  'invoice_items_invoice_issued', 'invoice_items_issued_fixed', 'payments_invoice_open', 'payments_exceeds_balance', 'refunds_exceeds_payment', 'refunds_payment_live', 'payments_kept', 'refunds_kept',
  'payroll_entries_no_overlap', 'payroll_entries_approved', 'payroll_entries_kept', 'document_versions_kept', 'document_versions_document_live', 'patients_hidden_documents', 'clinical_notes_hidden_documents']);

function validationProblems(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule,
      message: message.replace(new RegExp(`^${error.property} `), ''),
    }));
    return [...own, ...validationProblems(error.children ?? [], field)];
  });
}

function fromAppError(error: AppError, formatted: GraphQLFormattedError): GraphQLFormattedError {
  return { ...formatted, message: error.message, extensions: { code: EXTENSION_CODES[error.code], ...error.details } };
}

const camelCase = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The input field a constraint guards: from the table above, else from Postgres's own naming
 * (`<table>_<column>_check`, `<table>_tenant_id_<column>_fkey`, `<table>_tenant_<column>_key`) or the reported column.
 */
function problemOf(error: { code?: string; constraint?: string; table?: string; column?: string }): FieldProblem | null {
  if (error.constraint && CONSTRAINT_FIELDS[error.constraint]) return CONSTRAINT_FIELDS[error.constraint];
  const prefix = `${error.table}_`;
  const named = error.constraint?.startsWith(prefix) ? error.constraint.slice(prefix.length) : undefined;
  if (error.code === '23514' && named?.endsWith('_check')) {
    return { field: `input.${camelCase(named.slice(0, -'_check'.length))}`, rule: 'check', message: 'is not an accepted value' };
  }
  if (error.code === '23503' && named?.endsWith('_fkey')) {
    const column = named.slice(0, -'_fkey'.length).replace(/^tenant_id_/, '');
    return { field: `input.${camelCase(column)}`, rule: 'exists', message: 'does not refer to an existing object' };
  }
  // createTenantTable's unique indexes: `<table>_tenant_<column>_key`, `<table>_tenant_lower_<column>_key`.
  const unique = error.code === '23505' && named ? /^tenant_(?:lower_)?([a-z0-9_]+)_key$/.exec(named) : null;
  if (unique) return { field: `input.${camelCase(unique[1])}`, rule: 'unique', message: 'another object already has this value' };
  if (error.code === '23502' && error.column) return { field: `input.${camelCase(error.column)}`, rule: 'notNull', message: 'is required' };
  return null;
}

/**
 * appointments_no_double_booking (migration NoDoubleBooking): the professional has another live
 * appointment at that time. CONFLICT, like a unique value taken: the input is valid, another
 * row holds the slot. The migration's trigger gives the other appointment's id (same tenant) as
 * a detail of exactly this form; any other detail (PostgreSQL's own quotes key values) is
 * ignored, so the answer may lack the id but never echoes a value.
 */
const DOUBLE_BOOKING_CONSTRAINT = 'appointments_no_double_booking';
const DOUBLE_BOOKING_DETAIL = /^conflicting appointment ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function doubleBooking(detail: unknown): AppError {
  const match = typeof detail === 'string' ? DOUBLE_BOOKING_DETAIL.exec(detail) : null;
  const conflictingId = match ? toGlobalId('Appointment', match[1]) : null;
  const message = conflictingId
    ? `the care professional already has appointment ${conflictingId} at this time`
    : 'the care professional already has another appointment at this time';
  const problem: FieldProblem = { field: 'input.startTime', rule: 'noDoubleBooking', message };
  return AppError.conflict(`${problem.field}: ${message}`, { fields: [problem], conflictingAppointmentId: conflictingId });
}

/**
 * plan_limit (migration TenantPlans): the tenant's plan allows no more of these rows. The
 * trigger's detail is exactly `<limit> <max>`; anything else gives the answer without them.
 */
const PLAN_LIMIT_DETAIL = /^(maxMembers|maxPatients|maxSites) (\d+)$/;

function planLimit(detail: unknown): AppError {
  const match = typeof detail === 'string' ? PLAN_LIMIT_DETAIL.exec(detail) : null;
  const [limit, max] = match ? [match[1], Number(match[2])] : [null, null];
  return new AppError('LIMIT_EXCEEDED', `The tenant's plan allows ${limit ? `at most ${max} (${limit})` : 'no more of these'}: an operator can move it to a larger plan`, { limit, max });
}

/**
 * Billing's limits (migration Billing) report what was left as their detail, exactly an amount
 * (`40.00`): the answer says it, so that the caller need not read the invoice again. Any other
 * detail is left out.
 */
const AMOUNT_LEFT_CONSTRAINTS = new Set(['payments_exceeds_balance', 'refunds_exceeds_payment']);

function withAmountLeft(problem: FieldProblem | null, error: { constraint?: string; detail?: unknown }): FieldProblem | null {
  if (!problem || !AMOUNT_LEFT_CONSTRAINTS.has(error.constraint ?? '') || typeof error.detail !== 'string' || !/^\d{1,12}\.\d{2}$/.test(error.detail)) return problem;
  return { ...problem, message: `${problem.message} (${error.detail} left)` };
}

/** Known database failures become input errors; the rest stay unknown. */
function fromDatabaseError(error: { code?: string; constraint?: string; table?: string; column?: string; detail?: unknown; message?: string }): AppError | null {
  if (error.code === '23P01' && error.constraint === DOUBLE_BOOKING_CONSTRAINT) return doubleBooking(error.detail);
  if (error.code === '23514' && error.constraint === 'plan_limit') return planLimit(error.detail);
  const problem = withAmountLeft(problemOf(error), error);
  if (problem) {
    const conflict = error.code === '23505' || error.code === '23P01' || STATE_CONSTRAINTS.has(error.constraint ?? '');
    return conflict ? AppError.conflict(`${problem.field}: ${problem.message}`, { fields: [problem] }) : AppError.badInput([problem]);
  }
  // A row-level security policy refused a row the write would leave out of the caller's sight
  // (a confidential record nobody in the request may read): the database's guard behind the API's own.
  if (error.code === '42501' && /row-level security/.test(error.message ?? '')) {
    return new AppError('FORBIDDEN', 'The change would put the row out of your sight (a rule of who may see it): nothing was written');
  }
  if (error.code === '22001') return AppError.badInput([{ field: 'input', rule: 'maxLength', message: 'a value is too long' }]);
  // A number the column cannot hold, in a sum the database computes (an invoice's total past 10^12).
  if (error.code === '22003') return AppError.badInput([{ field: 'input', rule: 'outOfRange', message: 'a number, or a total it adds to, is too large' }]);
  // Two requests locked the same rows in opposite orders (a task completed while its lead converts):
  // PostgreSQL aborted this one. Nothing was written; the same request sent again succeeds.
  // 55P03: a row another request holds (an invitation being accepted) was not waited for.
  if (error.code === '40P01' || error.code === '40001' || error.code === '55P03') {
    return AppError.conflict('Another request changed the same objects at the same moment: nothing was written; send the request again', { retryable: true });
  }
  // statement_timeout (DB_STATEMENT_TIMEOUT_MS) cancelled it: the request asked for too much at once.
  if (error.code === '57014') return new AppError('LIMIT_EXCEEDED', 'The query ran longer than the statement time limit: ask for smaller pages, fewer nested levels or narrower filters');
  return null;
}

/**
 * An input error of an input object nested in `input` (`input.document` of uploadDocument, whose
 * fields the generic create checks as `input.<field>`): the same error with its fields named
 * where the client sent them. Any other error is returned as it is.
 */
export function underInputField(field: string, error: unknown): unknown {
  const known = error instanceof AppError ? error : error && typeof error === 'object' ? fromDatabaseError(error as { code?: string }) : null;
  const fields = known?.details.fields as FieldProblem[] | undefined;
  if (!known || !fields) return error;
  const moved = (text: string) => text.replace(/\binput(?=\.|:|$)/g, `input.${field}`);
  return new AppError(known.code, moved(known.message), { ...known.details, fields: fields.map((f) => ({ ...f, field: moved(f.field) })) });
}

/** What an unexpected error's log line may say: ids, codes and names, never values (no message of a database error, no SQL, no parameters). */
function safeLogFields(error: unknown): Record<string, unknown> {
  if (!error || typeof error !== 'object') return { errorType: typeof error };
  const { code, constraint, table, column, routine } = error as Record<string, unknown>;
  const isDatabase = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
  const fields: Record<string, unknown> = { errorClass: (error as Error).constructor?.name };
  if (isDatabase) Object.assign(fields, { sqlState: code, constraint, table, column, routine });
  // A database error's message and stack can quote values; anything else's is our own code's.
  else if (error instanceof Error) fields.stack = error.stack;
  return fields;
}

/** Where an error happened, for its log line (see errorLogPlugin). */
const errorContexts = new WeakMap<object, { requestId?: string; operationName?: string | null }>();

/** Remembers which request an error belongs to, for its log line; for errors formatted outside Apollo's pipeline. */
export function noteErrorContext(error: unknown, context: { requestId: string; operationName?: string | null }): void {
  if (error && typeof error === 'object') errorContexts.set(error, context);
}

/**
 * Records each failing request's id and operation name against its errors, for the error log
 * (Apollo's formatError sees only the error). Runs before the errors are formatted.
 */
export function errorLogPlugin(): ApolloServerPlugin<{ requestId: string }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, operationName, contextValue }) {
          for (const error of errors) noteErrorContext(error.originalError ?? error, { requestId: contextValue.requestId, operationName });
        },
      };
    },
  };
}

/**
 * The one place errors become responses (DESIGN.md §2.6). Expected errors keep their code and
 * message; anything else is logged with an id and masked, so no SQL, stack or internal message
 * ever reaches a client, and no value of the request reaches the log.
 */
export function createErrorFormatter(logger: Logger) {
  const masked = (formatted: GraphQLFormattedError, original: unknown, context: object): GraphQLFormattedError => {
    const errorId = randomUUID();
    logger.error({ ...context, errorId, code: 'INTERNAL_SERVER_ERROR', path: formatted.path, ...safeLogFields(original) }, 'unexpected error');
    return {
      message: `Internal server error (error id ${errorId})`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    };
  };
  const format = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? error.originalError ?? error : error;
    const context = (original && typeof original === 'object' && errorContexts.get(original)) || {};
    if (isDatabaseUnavailable(original)) {
      logger.warn({ ...context, ...safeLogFields(original), code: 'SERVICE_UNAVAILABLE' }, 'database unavailable');
      return fromAppError(databaseUnavailable(), formatted);
    }
    if (original instanceof AppError) return fromAppError(original, formatted);
    if (original instanceof DataKeyError) {
      // An operator's problem, not the client's: the log names the column and key id (never a value).
      logger.error({ ...context, code: 'DATA_KEY_UNAVAILABLE', keyId: original.keyId, reason: original.message }, 'encrypted data cannot be opened');
      return {
        message: 'Encrypted data could not be read: the server’s data encryption key is missing or wrong (an operator must fix DATA_ENCRYPTION_KEY). Nothing is shown rather than garbage.',
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'DATA_KEY_UNAVAILABLE' },
      };
    }
    if (original instanceof ArgumentValidationError) {
      const errors = original.extensions.validationErrors as ValidationError[];
      // Mutations take one `input` argument (DESIGN.md §4); connection arguments are top-level.
      const prefix = errors[0]?.target && ARGS_TYPES.has(errors[0].target.constructor) ? '' : 'input';
      const fields = validationProblems(errors, prefix);
      return fromAppError(AppError.badInput(fields), formatted);
    }
    const databaseError = original && typeof original === 'object' ? fromDatabaseError(original as { code?: string }) : null;
    if (databaseError) return fromAppError(databaseError, formatted);
    const code = formatted.extensions?.code;
    if (original instanceof GraphQLError && !original.originalError) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) return { ...formatted, extensions };
      // Apollo's own refusals of a request (a persisted query whose hash does not match its
      // text, an unknown version) carry a 4xx status but no code.
      const status = (original.extensions.http as { status?: number } | undefined)?.status;
      if (original.extensions.code === undefined && status && status >= 400 && status < 500) return { ...formatted, extensions: { ...extensions, code: 'BAD_REQUEST' } };
    }
    // TypeORM wraps what the connection threw in a QueryFailedError (`driverError`).
    if (original instanceof SessionFinishedError || (original as { driverError?: unknown } | null)?.driverError instanceof SessionFinishedError) {
      // A resolver still running after its client hung up: nobody will read this answer.
      logger.debug({ ...context }, 'request ended before its resolvers finished');
      return { message: 'The request ended before this field was resolved', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    return masked(formatted, original, context);
  };
  // Formatting itself must not fail: Apollo would answer an untraceable "Internal server error".
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    try {
      return format(formatted, error);
    } catch (formatting) {
      return masked(formatted, formatting, {});
    }
  };
}
