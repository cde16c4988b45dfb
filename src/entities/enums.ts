import { registerEnumType } from 'type-graphql';

/** Enumerations mirror the CHECK constraints of the migrations (values are stored as-is). */
export enum Role {
  ADMIN = 'ADMIN',
  CLINICIAN = 'CLINICIAN',
  CARE_WORKER = 'CARE_WORKER',
  COORDINATOR = 'COORDINATOR',
  ANALYST = 'ANALYST',
  /** Works the lead pipeline (HealthCRM's sales development representatives). */
  SDR = 'SDR',
  /** Carries converted patients through their journey (HealthCRM). */
  HEALTH_COACH = 'HEALTH_COACH',
}
export enum TenantKind {
  CLINIC = 'CLINIC',
  CARE_HOME_GROUP = 'CARE_HOME_GROUP',
  CARE_PROVIDER = 'CARE_PROVIDER',
  HEALTH_COACHING = 'HEALTH_COACHING',
}
/** Subscription plans (table `plans` holds their limits); set by an operator, `npm run tenant:set-plan`. */
export enum TenantPlan {
  FREE = 'FREE',
  STARTER = 'STARTER',
  PROFESSIONAL = 'PROFESSIONAL',
  ENTERPRISE = 'ENTERPRISE',
}
/** A SUSPENDED tenant can read but not write; PAST_DUE still can. */
export enum SubscriptionStatus {
  ACTIVE = 'ACTIVE',
  PAST_DUE = 'PAST_DUE',
  SUSPENDED = 'SUSPENDED',
}
export enum SiteKind {
  CLINIC = 'CLINIC',
  CARE_HOME = 'CARE_HOME',
}
export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  OTHER = 'OTHER',
  UNKNOWN = 'UNKNOWN',
}
export enum PatientStatus {
  ACTIVE = 'ACTIVE',
  DISCHARGED = 'DISCHARGED',
  DECEASED = 'DECEASED',
}
export enum Profession {
  DOCTOR = 'DOCTOR',
  NURSE = 'NURSE',
  CARE_WORKER = 'CARE_WORKER',
  THERAPIST = 'THERAPIST',
  HEALTH_COACH = 'HEALTH_COACH',
  PHARMACIST = 'PHARMACIST',
  OTHER = 'OTHER',
}
export enum AppointmentStatus {
  SCHEDULED = 'SCHEDULED',
  CONFIRMED = 'CONFIRMED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  NO_SHOW = 'NO_SHOW',
}
/**
 * Parts of the product a plan includes and a tenant's admins may switch off (tables `features`,
 * `plan_features`, `tenant_features`). The core (patients, professionals, appointments, notes,
 * tasks, teams, medications, sites, members) is in every plan and cannot be switched off.
 */
export enum Feature {
  LEAD_PIPELINE = 'LEAD_PIPELINE',
  CARE_PLANNING = 'CARE_PLANNING',
  CARE_HOMES = 'CARE_HOMES',
  CUSTOM_ROLES = 'CUSTOM_ROLES',
}
export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(Role, { name: 'Role', description: 'A member’s role within one tenant.' });
registerEnumType(TenantKind, { name: 'TenantKind' });
registerEnumType(TenantPlan, { name: 'TenantPlan', description: 'FREE (3 members, 50 patients, 1 site), STARTER (10, 500, 2), PROFESSIONAL (50, 5,000, 10), ENTERPRISE (no limits).' });
registerEnumType(SubscriptionStatus, { name: 'SubscriptionStatus', description: 'A SUSPENDED tenant can read but not write.' });
registerEnumType(SiteKind, { name: 'SiteKind' });
registerEnumType(Gender, { name: 'Gender' });
registerEnumType(PatientStatus, { name: 'PatientStatus' });
registerEnumType(Profession, { name: 'Profession' });
registerEnumType(AppointmentStatus, { name: 'AppointmentStatus' });
registerEnumType(Feature, {
  name: 'Feature',
  description: 'A part of the product that the tenant’s plan includes and its admins may switch off (`setTenantFeature`). An operation behind a feature that is off is refused with FEATURE_DISABLED.',
  valuesConfig: {
    LEAD_PIPELINE: { description: 'HealthCRM: leads, their pipeline and funnel, conversion, and patients’ journeys.' },
    CARE_PLANNING: { description: 'ComplexCare: care plans, their reviews, and risk assessments.' },
    CARE_HOMES: { description: 'Write Care Notes: residents and stays, assessments, daily records, quality audits and incidents.' },
    CUSTOM_ROLES: { description: 'Roles the tenant defines itself, as sets of permissions.' },
  },
});
registerEnumType(SortDirection, { name: 'SortDirection' });

export enum TaskStatus {
  PENDING = 'PENDING',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
/** Declared from least to most pressing: ordering by priority follows this rank. */
export enum TaskPriority {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}
registerEnumType(TaskStatus, { name: 'TaskStatus' });
registerEnumType(TaskPriority, { name: 'TaskPriority', description: 'From least to most pressing; ordering by PRIORITY follows this rank.' });

export enum CarePlanStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  UNDER_REVIEW = 'UNDER_REVIEW',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
export enum MedicationStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  STOPPED = 'STOPPED',
  COMPLETED = 'COMPLETED',
}
/** A prescription is ACTIVE (refillable) until COMPLETED or CANCELLED. */
export enum PrescriptionStatus {
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PrescriptionStatus, { name: 'PrescriptionStatus', description: 'ACTIVE (refillable) until COMPLETED or CANCELLED.' });
/** A diagnostic test from order to result: ORDERED → SAMPLE_COLLECTED → IN_PROGRESS → COMPLETED, or CANCELLED before it completes. */
export enum DiagnosticTestStatus {
  ORDERED = 'ORDERED',
  SAMPLE_COLLECTED = 'SAMPLE_COLLECTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(DiagnosticTestStatus, { name: 'DiagnosticTestStatus', description: 'ORDERED → SAMPLE_COLLECTED → IN_PROGRESS → COMPLETED (with a verified report), or CANCELLED before completion.' });
/** Declared from least to most urgent: ordering by priority follows this rank. */
export enum TestPriority {
  ROUTINE = 'ROUTINE',
  URGENT = 'URGENT',
  STAT = 'STAT',
}
registerEnumType(TestPriority, { name: 'TestPriority', description: 'ROUTINE, URGENT, or STAT (immediately).' });
/** Where a result value lies against its ranges; computed by the database, never typed in. */
export enum ResultFlag {
  NORMAL = 'NORMAL',
  LOW = 'LOW',
  HIGH = 'HIGH',
  CRITICAL_LOW = 'CRITICAL_LOW',
  CRITICAL_HIGH = 'CRITICAL_HIGH',
}
registerEnumType(ResultFlag, {
  name: 'ResultFlag',
  description: 'Computed from the value and its ranges: CRITICAL_LOW / CRITICAL_HIGH past a critical bound, else LOW / HIGH outside the normal range, else NORMAL.',
});
export enum MedicalRecordType {
  CONSULTATION = 'CONSULTATION',
  DIAGNOSIS = 'DIAGNOSIS',
  PROCEDURE = 'PROCEDURE',
  HISTORY = 'HISTORY',
  IMMUNISATION = 'IMMUNISATION',
  ALLERGY = 'ALLERGY',
  IMAGING = 'IMAGING',
  OTHER = 'OTHER',
}
registerEnumType(MedicalRecordType, { name: 'MedicalRecordType' });
/** Declared from least to most confidential. */
export enum Confidentiality {
  NORMAL = 'NORMAL',
  RESTRICTED = 'RESTRICTED',
  HIGHLY_RESTRICTED = 'HIGHLY_RESTRICTED',
}
registerEnumType(Confidentiality, {
  name: 'Confidentiality',
  description: "NORMAL: whoever reads medical records. RESTRICTED and HIGHLY_RESTRICTED: only the record's author, the members of the patient's current care teams and admins; to anyone else the record does not exist.",
});
/** Declared from lowest to highest: ordering by level follows this rank. */
export enum RiskLevel {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}
export enum ReminderStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  DISMISSED = 'DISMISSED',
}
registerEnumType(CarePlanStatus, { name: 'CarePlanStatus' });
registerEnumType(MedicationStatus, { name: 'MedicationStatus' });
registerEnumType(RiskLevel, { name: 'RiskLevel', description: 'From lowest to highest; ordering by LEVEL follows this rank.' });
registerEnumType(ReminderStatus, { name: 'ReminderStatus' });

/** HealthCRM's five-stage lead pipeline (seed 002), in order: a lead moves one stage forward at a time. */
export enum LeadStatus {
  HHQ_STARTED = 'HHQ_STARTED',
  HHQ_SIGNED = 'HHQ_SIGNED',
  BOOKING_NOT_PAID = 'BOOKING_NOT_PAID',
  BOOKING_PAID_NOT_BOOKED = 'BOOKING_PAID_NOT_BOOKED',
  BOOKING_PAID_BOOKED = 'BOOKING_PAID_BOOKED',
}
/** Where a lead came from (seed 002's marketing attribution). */
export enum LeadSource {
  HHQ_COMPLETE = 'HHQ_COMPLETE',
  HHQ_STARTED = 'HHQ_STARTED',
  LAB_PURCHASE = 'LAB_PURCHASE',
  MAREK_HEALTH_DISCOVERY_CALL = 'MAREK_HEALTH_DISCOVERY_CALL',
  NEWSLETTER_DISCOVERY_CALL = 'NEWSLETTER_DISCOVERY_CALL',
  SOCIAL_MEDIA_DISCOVERY_CALL = 'SOCIAL_MEDIA_DISCOVERY_CALL',
  NEWSLETTER = 'NEWSLETTER',
  NONE = 'NONE',
}
export enum LeadReadiness {
  COLD = 'COLD',
  WARM = 'WARM',
  HOT = 'HOT',
  FOLLOW_UP = 'FOLLOW_UP',
}
registerEnumType(LeadStatus, {
  name: 'LeadStatus',
  description:
    'HHQ_STARTED (health questionnaire begun) → HHQ_SIGNED → BOOKING_NOT_PAID → BOOKING_PAID_NOT_BOOKED → BOOKING_PAID_BOOKED (ready to convert). Ordering by STATUS follows this rank.',
});
registerEnumType(LeadSource, { name: 'LeadSource' });
registerEnumType(LeadReadiness, { name: 'LeadReadiness', description: 'Ordering by READINESS follows this rank, FOLLOW_UP last.' });

/** HealthCRM's fifteen-stage patient journey (seed 002), in order (src/domain/journey.ts). */
export enum JourneyStage {
  INTAKE = 'INTAKE',
  INITIAL_LABS = 'INITIAL_LABS',
  INITIAL_LAB_REVIEW = 'INITIAL_LAB_REVIEW',
  INITIAL_PROVIDER_EXAM = 'INITIAL_PROVIDER_EXAM',
  INITIAL_MEDICATION_ORDER = 'INITIAL_MEDICATION_ORDER',
  FIRST_FOLLOW_UP_LABS = 'FIRST_FOLLOW_UP_LABS',
  FIRST_FOLLOW_UP_LAB_REVIEW = 'FIRST_FOLLOW_UP_LAB_REVIEW',
  FIRST_FOLLOW_UP_PROVIDER_EXAM = 'FIRST_FOLLOW_UP_PROVIDER_EXAM',
  FIRST_MEDICATION_REFILL = 'FIRST_MEDICATION_REFILL',
  SECOND_FOLLOW_UP_LABS = 'SECOND_FOLLOW_UP_LABS',
  SECOND_FOLLOW_UP_LAB_REVIEW = 'SECOND_FOLLOW_UP_LAB_REVIEW',
  SECOND_FOLLOW_UP_PROVIDER_EXAM = 'SECOND_FOLLOW_UP_PROVIDER_EXAM',
  SECOND_MEDICATION_REFILL = 'SECOND_MEDICATION_REFILL',
  THIRD_MEDICATION_REFILL = 'THIRD_MEDICATION_REFILL',
  RESTART_ANNUAL_PROCESS = 'RESTART_ANNUAL_PROCESS',
}
registerEnumType(JourneyStage, {
  name: 'JourneyStage',
  description: 'In order, INTAKE first; after RESTART_ANNUAL_PROCESS the journey continues at INITIAL_LABS (the annual cycle: onboarding is not repeated).',
});

/** What an activity-feed entry records (written by the domain operations, src/resources/activity-log.resource.ts). */
export enum ActivityAction {
  CALL_LOGGED = 'CALL_LOGGED',
  LEAD_STATUS_CHANGED = 'LEAD_STATUS_CHANGED',
  LEAD_ASSIGNED = 'LEAD_ASSIGNED',
  LEAD_CONVERTED = 'LEAD_CONVERTED',
  JOURNEY_ADVANCED = 'JOURNEY_ADVANCED',
  TASK_COMPLETED = 'TASK_COMPLETED',
}
registerEnumType(ActivityAction, { name: 'ActivityAction' });

/** A care-home resident's status (seed 003): the first three hold a room (the bed is kept during leave or a hospital stay). */
export enum ResidentStatus {
  ADMITTED = 'ADMITTED',
  ON_LEAVE = 'ON_LEAVE',
  HOSPITAL = 'HOSPITAL',
  DISCHARGED = 'DISCHARGED',
  DECEASED = 'DECEASED',
}
registerEnumType(ResidentStatus, { name: 'ResidentStatus', description: 'ADMITTED, ON_LEAVE and HOSPITAL hold a room; DISCHARGED and DECEASED end the stay.' });
/** The statuses in which a resident occupies a bed of their site. */
export const IN_RESIDENCE: readonly ResidentStatus[] = [ResidentStatus.ADMITTED, ResidentStatus.ON_LEAVE, ResidentStatus.HOSPITAL];

/** How a stay ends: a discharge or a death (`dischargeResident`). */
export enum DischargeOutcome {
  DISCHARGED = 'DISCHARGED',
  DECEASED = 'DECEASED',
}
registerEnumType(DischargeOutcome, { name: 'DischargeOutcome' });

/** What a care plan review concluded (`CarePlanReview.outcome`). */
export enum ReviewOutcome {
  NO_CHANGE = 'NO_CHANGE',
  PLAN_UPDATED = 'PLAN_UPDATED',
  ESCALATED = 'ESCALATED',
  PLAN_CLOSED = 'PLAN_CLOSED',
}
registerEnumType(ReviewOutcome, { name: 'ReviewOutcome' });

/** Standard care-home assessments (seed 003); src/domain/assessments.ts declares each one's score range and findings. */
export enum AssessmentType {
  FALLS = 'FALLS',
  WATERLOW = 'WATERLOW',
  MUST = 'MUST',
  BARTHEL = 'BARTHEL',
  MENTAL_CAPACITY = 'MENTAL_CAPACITY',
  OTHER = 'OTHER',
}
registerEnumType(AssessmentType, {
  name: 'AssessmentType',
  description: 'FALLS (falls risk, score 0–125), WATERLOW (pressure ulcer risk, 0–64), MUST (malnutrition, 0–6), BARTHEL (daily living, 0–20), MENTAL_CAPACITY (no score), OTHER.',
});

/** The three shifts of a care-home day, in the site's time zone: MORNING 07–14, AFTERNOON 14–22, NIGHT 22–07 (ends the next morning). */
export enum Shift {
  MORNING = 'MORNING',
  AFTERNOON = 'AFTERNOON',
  NIGHT = 'NIGHT',
}
registerEnumType(Shift, { name: 'Shift', description: 'In the site’s time zone: MORNING 07:00–14:00, AFTERNOON 14:00–22:00, NIGHT 22:00–07:00 the next day.' });

export enum QualityAuditType {
  MEDICATION = 'MEDICATION',
  INFECTION_CONTROL = 'INFECTION_CONTROL',
  CARE_PLANS = 'CARE_PLANS',
  HEALTH_AND_SAFETY = 'HEALTH_AND_SAFETY',
  DIGNITY_AND_RESPECT = 'DIGNITY_AND_RESPECT',
  OTHER = 'OTHER',
}
registerEnumType(QualityAuditType, { name: 'QualityAuditType' });

export enum ActionItemStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ActionItemStatus, { name: 'ActionItemStatus' });

export enum IncidentType {
  FALL = 'FALL',
  MEDICATION_ERROR = 'MEDICATION_ERROR',
  SAFEGUARDING = 'SAFEGUARDING',
  INJURY = 'INJURY',
  BEHAVIOUR = 'BEHAVIOUR',
  OTHER = 'OTHER',
}
registerEnumType(IncidentType, { name: 'IncidentType' });

/** Harm caused, as NHS incident reporting grades it. */
export enum IncidentSeverity {
  NO_HARM = 'NO_HARM',
  LOW = 'LOW',
  MODERATE = 'MODERATE',
  SEVERE = 'SEVERE',
  DEATH = 'DEATH',
}
registerEnumType(IncidentSeverity, { name: 'IncidentSeverity', description: 'Harm caused, in increasing order.' });

export enum IncidentStatus {
  OPEN = 'OPEN',
  UNDER_INVESTIGATION = 'UNDER_INVESTIGATION',
  CLOSED = 'CLOSED',
}
registerEnumType(IncidentStatus, { name: 'IncidentStatus', description: 'OPEN → UNDER_INVESTIGATION → CLOSED (or OPEN → CLOSED); closing needs the actions taken.' });

export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REVOKED = 'REVOKED',
}
registerEnumType(InvitationStatus, { name: 'InvitationStatus' });
/** An invoice's status: DRAFT until issued, then as its payments and due date say, or VOID. */
export enum InvoiceStatus {
  DRAFT = 'DRAFT',
  ISSUED = 'ISSUED',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
  PAID = 'PAID',
  OVERDUE = 'OVERDUE',
  VOID = 'VOID',
}
registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description:
    'DRAFT (items editable, no number) until `issueInvoice`; then computed by the database: PAID when nothing is due, OVERDUE past the due date (the tenant’s day) with a balance, PARTIALLY_PAID with some paid, else ISSUED. VOID (`voidInvoice`) is final.',
});
export enum PaymentMethod {
  CASH = 'CASH',
  CARD = 'CARD',
  BANK_TRANSFER = 'BANK_TRANSFER',
  CHEQUE = 'CHEQUE',
  INSURANCE = 'INSURANCE',
  OTHER = 'OTHER',
}
registerEnumType(PaymentMethod, { name: 'PaymentMethod' });
/** A pay period: DRAFT while checked, APPROVED (its figures fixed), then PAID. */
export enum PayrollStatus {
  DRAFT = 'DRAFT',
  APPROVED = 'APPROVED',
  PAID = 'PAID',
}
registerEnumType(PayrollStatus, { name: 'PayrollStatus', description: 'DRAFT → APPROVED (its figures fixed) → PAID.' });
export enum NotificationType {
  TEST_REPORT_VERIFIED = 'TEST_REPORT_VERIFIED',
  TASK_ASSIGNED = 'TASK_ASSIGNED',
  INVOICE_OVERDUE = 'INVOICE_OVERDUE',
}
registerEnumType(NotificationType, {
  name: 'NotificationType',
  description: 'TEST_REPORT_VERIFIED (to the ordering doctor), TASK_ASSIGNED (to the assignee), INVOICE_OVERDUE (to every admin).',
});
/** Declared from least to most urgent: ordering by priority follows this rank. */
export enum NotificationPriority {
  LOW = 'LOW',
  NORMAL = 'NORMAL',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}
registerEnumType(NotificationPriority, { name: 'NotificationPriority' });
export enum DocumentCategory {
  CLINICAL = 'CLINICAL',
  LAB_RESULT = 'LAB_RESULT',
  IMAGING = 'IMAGING',
  REFERRAL = 'REFERRAL',
  CONSENT = 'CONSENT',
  CORRESPONDENCE = 'CORRESPONDENCE',
  INSURANCE = 'INSURANCE',
  IDENTITY = 'IDENTITY',
  POLICY = 'POLICY',
  OTHER = 'OTHER',
}
registerEnumType(DocumentCategory, { name: 'DocumentCategory' });
export enum DocumentAccessLevel {
  STANDARD = 'STANDARD',
  CARE_TEAM = 'CARE_TEAM',
  PRIVATE = 'PRIVATE',
}
registerEnumType(DocumentAccessLevel, {
  name: 'DocumentAccessLevel',
  description:
    'STANDARD: whoever reads documents. CARE_TEAM: its uploader, the members of the patient’s current care teams and admins. PRIVATE: its uploader and admins. ' +
    'To anyone else the document and its versions do not exist.',
});
export enum ApiClientStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  REVOKED = 'REVOKED',
}
registerEnumType(ApiClientStatus, {
  name: 'ApiClientStatus',
  description: 'ACTIVE: its keys work. SUSPENDED: refused until made ACTIVE again. REVOKED: refused for good, every key revoked (`revokeApiClient`).',
});
export enum TrustedOperationType {
  QUERY = 'QUERY',
  MUTATION = 'MUTATION',
}
registerEnumType(TrustedOperationType, { name: 'TrustedOperationType', description: 'Subscriptions are not served.' });
