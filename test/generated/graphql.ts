/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Conditions on Appointment; fields are ANDed. */
export type AppointmentFilter = {
  /** All of these hold. */
  and?: Array<AppointmentFilter> | null | undefined;
  careProfessional?: IdFilter | null | undefined;
  endTime?: DateTimeFilter | null | undefined;
  id?: IdFilter | null | undefined;
  lead?: IdFilter | null | undefined;
  /** This does not hold. */
  not?: AppointmentFilter | null | undefined;
  /** At least one of these holds. */
  or?: Array<AppointmentFilter> | null | undefined;
  patient?: IdFilter | null | undefined;
  site?: IdFilter | null | undefined;
  startTime?: DateTimeFilter | null | undefined;
  status?: AppointmentStatusFilter | null | undefined;
  title?: StringFilter | null | undefined;
};

export type AppointmentStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'CONFIRMED'
  | 'IN_PROGRESS'
  | 'NO_SHOW'
  | 'SCHEDULED';

export type AppointmentStatusFilter = {
  eq?: AppointmentStatus | null | undefined;
  in?: Array<AppointmentStatus> | null | undefined;
  ne?: AppointmentStatus | null | undefined;
  notIn?: Array<AppointmentStatus> | null | undefined;
};

export type BooleanFilter = {
  eq?: boolean | null | undefined;
  isNull?: boolean | null | undefined;
  ne?: boolean | null | undefined;
};

/** Conditions on CareProfessional; fields are ANDed. */
export type CareProfessionalFilter = {
  /** All of these hold. */
  and?: Array<CareProfessionalFilter> | null | undefined;
  canPrescribe?: BooleanFilter | null | undefined;
  firstName?: StringFilter | null | undefined;
  id?: IdFilter | null | undefined;
  lastName?: StringFilter | null | undefined;
  licenseNumber?: StringFilter | null | undefined;
  /** This does not hold. */
  not?: CareProfessionalFilter | null | undefined;
  /** At least one of these holds. */
  or?: Array<CareProfessionalFilter> | null | undefined;
  profession?: ProfessionFilter | null | undefined;
  site?: IdFilter | null | undefined;
};

/** Conditions on ClinicalNote; fields are ANDed. */
export type ClinicalNoteFilter = {
  /** All of these hold. */
  and?: Array<ClinicalNoteFilter> | null | undefined;
  appointment?: IdFilter | null | undefined;
  author?: IdFilter | null | undefined;
  category?: IdFilter | null | undefined;
  content?: StringFilter | null | undefined;
  id?: IdFilter | null | undefined;
  /** This does not hold. */
  not?: ClinicalNoteFilter | null | undefined;
  noteDate?: DateTimeFilter | null | undefined;
  /** At least one of these holds. */
  or?: Array<ClinicalNoteFilter> | null | undefined;
  patient?: IdFilter | null | undefined;
};

export type CreateAppointmentInput = {
  /** A CareProfessional id. */
  careProfessionalId: string | number;
  /** Must be after startTime; 30 minutes after it when not given. */
  endTime?: string | null | undefined;
  /** Exactly one of patientId and leadId. */
  leadId?: string | number | null | undefined;
  location?: string | null | undefined;
  /** An https:// video link for remote appointments. */
  meetingLink?: string | null | undefined;
  /** Exactly one of patientId and leadId. */
  patientId?: string | number | null | undefined;
  reason?: string | null | undefined;
  /** A Site id. */
  siteId?: string | number | null | undefined;
  startTime: string;
  /** Starts SCHEDULED or CONFIRMED (default SCHEDULED); then moves only along allowed transitions. */
  status?: AppointmentStatus | null | undefined;
  title: string;
};

export type CreateCareProfessionalInput = {
  /** Whether they may prescribe: true for a DOCTOR unless given; set it for nurse and pharmacist prescribers. */
  canPrescribe?: boolean | null | undefined;
  email?: string | null | undefined;
  firstName: string;
  lastName: string;
  licenseNumber?: string | null | undefined;
  phone?: string | null | undefined;
  profession: Profession;
  /** A Site id. */
  siteId?: string | number | null | undefined;
  specialization?: string | null | undefined;
};

/** The author is always the care professional record of the caller. */
export type CreateClinicalNoteInput = {
  /** An appointment of the same patient. */
  appointmentId?: string | number | null | undefined;
  /** A ClinicalNoteCategory id. */
  categoryId?: string | number | null | undefined;
  /** Required unless templateId is given. */
  content?: string | null | undefined;
  /** When the observation was made; defaults to now. */
  noteDate?: string | null | undefined;
  /** A Patient id. */
  patientId: string | number;
  /** A ClinicalNoteTemplate: its body is the content when `content` is not given. */
  templateId?: string | number | null | undefined;
};

export type CreatePatientInput = {
  address?: string | null | undefined;
  dateOfBirth?: string | null | undefined;
  email?: string | null | undefined;
  emergencyContact?: string | null | undefined;
  firstName: string;
  gender?: Gender | null | undefined;
  /** A Member id. */
  healthCoachId?: string | number | null | undefined;
  lastName: string;
  /** Medical details (diagnoses, allergies, dietary needs…) as a JSON object. Encrypted at rest; never filterable. */
  medicalDetails?: unknown;
  /** 10 digits with a valid modulus-11 check digit. */
  nhsNumber?: string | null | undefined;
  phone?: string | null | undefined;
  /** A CareProfessional id. */
  primaryPhysicianId?: string | number | null | undefined;
  /** The Site (clinic or care home) the patient belongs to (their home clinic); a resident in residence moves with `transferResident`. */
  siteId?: string | number | null | undefined;
  status?: PatientStatus | null | undefined;
};

export type DateFilter = {
  eq?: string | null | undefined;
  gt?: string | null | undefined;
  gte?: string | null | undefined;
  isNull?: boolean | null | undefined;
  lt?: string | null | undefined;
  lte?: string | null | undefined;
};

export type DateTimeFilter = {
  eq?: string | null | undefined;
  gt?: string | null | undefined;
  gte?: string | null | undefined;
  isNull?: boolean | null | undefined;
  lt?: string | null | undefined;
  lte?: string | null | undefined;
};

/** Soft delete: the object disappears from every query until restored. */
export type DeleteInput = {
  /** When given, the delete is refused (CONFLICT) if the object has changed since. */
  expectedVersion?: number | null | undefined;
  id: string | number;
};

/** A field encrypted at rest: the database holds only ciphertext and cannot compare it, so any filter naming it is refused (BAD_USER_INPUT, rule `encrypted`). It is listed so that the refusal can say why. */
export type EncryptedFieldFilter = {
  /** Refused like any other condition on this field. */
  isNull?: boolean | null | undefined;
};

export type Gender =
  | 'FEMALE'
  | 'MALE'
  | 'OTHER'
  | 'UNKNOWN';

export type GenderFilter = {
  eq?: Gender | null | undefined;
  in?: Array<Gender> | null | undefined;
  ne?: Gender | null | undefined;
  notIn?: Array<Gender> | null | undefined;
};

/** Conditions on a reference to another object, by its global id. */
export type IdFilter = {
  eq?: string | number | null | undefined;
  in?: Array<string | number> | null | undefined;
  isNull?: boolean | null | undefined;
};

/** In order, INTAKE first; after RESTART_ANNUAL_PROCESS the journey continues at INITIAL_LABS (the annual cycle: onboarding is not repeated). */
export type JourneyStage =
  | 'FIRST_FOLLOW_UP_LABS'
  | 'FIRST_FOLLOW_UP_LAB_REVIEW'
  | 'FIRST_FOLLOW_UP_PROVIDER_EXAM'
  | 'FIRST_MEDICATION_REFILL'
  | 'INITIAL_LABS'
  | 'INITIAL_LAB_REVIEW'
  | 'INITIAL_MEDICATION_ORDER'
  | 'INITIAL_PROVIDER_EXAM'
  | 'INTAKE'
  | 'RESTART_ANNUAL_PROCESS'
  | 'SECOND_FOLLOW_UP_LABS'
  | 'SECOND_FOLLOW_UP_LAB_REVIEW'
  | 'SECOND_FOLLOW_UP_PROVIDER_EXAM'
  | 'SECOND_MEDICATION_REFILL'
  | 'THIRD_MEDICATION_REFILL';

export type JourneyStageFilter = {
  eq?: JourneyStage | null | undefined;
  in?: Array<JourneyStage> | null | undefined;
  ne?: JourneyStage | null | undefined;
  notIn?: Array<JourneyStage> | null | undefined;
};

export type LoginInput = {
  email: string;
  password: string;
  /** The tenant to act in, e.g. `acme-care`. */
  tenantSlug: string;
};

/** Conditions on Patient; fields are ANDed. */
export type PatientFilter = {
  admissionDate?: DateFilter | null | undefined;
  ageBand?: StringFilter | null | undefined;
  /** All of these hold. */
  and?: Array<PatientFilter> | null | undefined;
  createdAt?: DateTimeFilter | null | undefined;
  dateOfBirth?: DateFilter | null | undefined;
  firstName?: StringFilter | null | undefined;
  gender?: GenderFilter | null | undefined;
  healthCoach?: IdFilter | null | undefined;
  id?: IdFilter | null | undefined;
  journeyStage?: JourneyStageFilter | null | undefined;
  lastName?: StringFilter | null | undefined;
  lead?: IdFilter | null | undefined;
  /** Encrypted at rest: not filterable (refused). */
  medicalDetails?: EncryptedFieldFilter | null | undefined;
  mrn?: StringFilter | null | undefined;
  nhsNumber?: StringFilter | null | undefined;
  /** This does not hold. */
  not?: PatientFilter | null | undefined;
  /** At least one of these holds. */
  or?: Array<PatientFilter> | null | undefined;
  primaryPhysician?: IdFilter | null | undefined;
  residentStatus?: ResidentStatusFilter | null | undefined;
  roomNumber?: StringFilter | null | undefined;
  site?: IdFilter | null | undefined;
  status?: PatientStatusFilter | null | undefined;
  updatedAt?: DateTimeFilter | null | undefined;
};

export type PatientOrder = {
  direction?: SortDirection;
  field: PatientOrderField;
};

export type PatientOrderField =
  | 'CREATED_AT'
  | 'FIRST_NAME'
  | 'LAST_NAME'
  | 'MRN'
  | 'UPDATED_AT';

export type PatientStatus =
  | 'ACTIVE'
  | 'DECEASED'
  | 'DISCHARGED';

export type PatientStatusFilter = {
  eq?: PatientStatus | null | undefined;
  in?: Array<PatientStatus> | null | undefined;
  ne?: PatientStatus | null | undefined;
  notIn?: Array<PatientStatus> | null | undefined;
};

export type Profession =
  | 'CARE_WORKER'
  | 'DOCTOR'
  | 'HEALTH_COACH'
  | 'NURSE'
  | 'OTHER'
  | 'PHARMACIST'
  | 'THERAPIST';

export type ProfessionFilter = {
  eq?: Profession | null | undefined;
  in?: Array<Profession> | null | undefined;
  ne?: Profession | null | undefined;
  notIn?: Array<Profession> | null | undefined;
};

/** ADMITTED, ON_LEAVE and HOSPITAL hold a room; DISCHARGED and DECEASED end the stay. */
export type ResidentStatus =
  | 'ADMITTED'
  | 'DECEASED'
  | 'DISCHARGED'
  | 'HOSPITAL'
  | 'ON_LEAVE';

export type ResidentStatusFilter = {
  eq?: ResidentStatus | null | undefined;
  in?: Array<ResidentStatus> | null | undefined;
  ne?: ResidentStatus | null | undefined;
  notIn?: Array<ResidentStatus> | null | undefined;
};

export type RestoreInput = {
  id: string | number;
};

/** A member’s role within one tenant. */
export type Role =
  | 'ADMIN'
  | 'ANALYST'
  | 'CARE_WORKER'
  | 'CLINICIAN'
  | 'COORDINATOR'
  | 'HEALTH_COACH'
  | 'SDR';

export type SiteKind =
  | 'CARE_HOME'
  | 'CLINIC';

export type SortDirection =
  | 'ASC'
  | 'DESC';

/** Conditions on a text field; all given conditions must hold. */
export type StringFilter = {
  /** Case-insensitive substring. */
  contains?: string | null | undefined;
  eq?: string | null | undefined;
  in?: Array<string> | null | undefined;
  isNull?: boolean | null | undefined;
  ne?: string | null | undefined;
  notIn?: Array<string> | null | undefined;
  /** Case-insensitive prefix. */
  startsWith?: string | null | undefined;
};

/** Only the fields given change; null clears an optional field. */
export type UpdateAppointmentInput = {
  /** A CareProfessional id. */
  careProfessionalId?: string | number | null | undefined;
  /** Must be after startTime; 30 minutes after it when not given. */
  endTime?: string | null | undefined;
  expectedVersion: number;
  id: string | number;
  location?: string | null | undefined;
  /** An https:// video link for remote appointments. */
  meetingLink?: string | null | undefined;
  reason?: string | null | undefined;
  /** A Site id. */
  siteId?: string | number | null | undefined;
  startTime?: string | null | undefined;
  /** Starts SCHEDULED or CONFIRMED (default SCHEDULED); then moves only along allowed transitions. */
  status?: AppointmentStatus | null | undefined;
  title?: string | null | undefined;
};

/** Only the fields given change; null clears an optional field. */
export type UpdateCareProfessionalInput = {
  /** Whether they may prescribe: true for a DOCTOR unless given; set it for nurse and pharmacist prescribers. */
  canPrescribe?: boolean | null | undefined;
  email?: string | null | undefined;
  expectedVersion: number;
  firstName?: string | null | undefined;
  id: string | number;
  lastName?: string | null | undefined;
  licenseNumber?: string | null | undefined;
  phone?: string | null | undefined;
  profession?: Profession | null | undefined;
  /** A Site id. */
  siteId?: string | number | null | undefined;
  specialization?: string | null | undefined;
};

/** Only the author may amend a note; every version stays in the audit log. */
export type UpdateClinicalNoteInput = {
  /** An appointment of the same patient. */
  appointmentId?: string | number | null | undefined;
  /** A ClinicalNoteCategory id. */
  categoryId?: string | number | null | undefined;
  /** Required unless templateId is given. */
  content?: string | null | undefined;
  expectedVersion: number;
  id: string | number;
  /** When the observation was made; defaults to now. */
  noteDate?: string | null | undefined;
};

/** Only the fields given change; null clears an optional field. */
export type UpdatePatientInput = {
  address?: string | null | undefined;
  dateOfBirth?: string | null | undefined;
  email?: string | null | undefined;
  emergencyContact?: string | null | undefined;
  expectedVersion: number;
  firstName?: string | null | undefined;
  gender?: Gender | null | undefined;
  /** A Member id. */
  healthCoachId?: string | number | null | undefined;
  id: string | number;
  lastName?: string | null | undefined;
  /** Medical details (diagnoses, allergies, dietary needs…) as a JSON object. Encrypted at rest; never filterable. */
  medicalDetails?: unknown;
  /** 10 digits with a valid modulus-11 check digit. */
  nhsNumber?: string | null | undefined;
  phone?: string | null | undefined;
  /** A CareProfessional id. */
  primaryPhysicianId?: string | number | null | undefined;
  /** The Site (clinic or care home) the patient belongs to (their home clinic); a resident in residence moves with `transferResident`. */
  siteId?: string | number | null | undefined;
  status?: PatientStatus | null | undefined;
};

export type AppointmentFieldsFragment = { id: string, version: number, title: string, startTime: string, endTime: string, status: AppointmentStatus, patient: { id: string } | null };

export type AppointmentsQueryVariables = Exact<{
  first?: number | null | undefined;
  filter?: AppointmentFilter | null | undefined;
}>;


export type AppointmentsQuery = { appointments: { totalCount: number, nodes: Array<{ id: string, version: number, title: string, startTime: string, endTime: string, status: AppointmentStatus, patient: { id: string } | null }> } | null };

export type PatientAppointmentsQueryVariables = Exact<{
  patient: string | number;
  first?: number | null | undefined;
}>;


export type PatientAppointmentsQuery = { node:
    | { appointments: { totalCount: number, nodes: Array<{ id: string }> } | null, clinicalNotes: { totalCount: number, nodes: Array<{ id: string }> } | null }
    | Record<PropertyKey, never>
   | null };

export type CreateAppointmentMutationVariables = Exact<{
  input: CreateAppointmentInput;
}>;


export type CreateAppointmentMutation = { createAppointment: { appointment: { id: string, version: number, title: string, startTime: string, endTime: string, status: AppointmentStatus, patient: { id: string } | null } } };

export type UpdateAppointmentMutationVariables = Exact<{
  input: UpdateAppointmentInput;
}>;


export type UpdateAppointmentMutation = { updateAppointment: { appointment: { id: string, version: number, title: string, startTime: string, endTime: string, status: AppointmentStatus, patient: { id: string } | null } } };

export type DeleteAppointmentMutationVariables = Exact<{
  input: DeleteInput;
}>;


export type DeleteAppointmentMutation = { deleteAppointment: { appointment: { id: string } } };

export type RestoreAppointmentMutationVariables = Exact<{
  input: RestoreInput;
}>;


export type RestoreAppointmentMutation = { restoreAppointment: { appointment: { id: string } } };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { login: { accessToken: string, expiresAt: string, role: Role, user: { id: string, email: string, displayName: string }, tenant: { id: string, slug: string, name: string } } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { role: Role, user: { email: string }, tenant: { slug: string } } };

export type CareProfessionalsQueryVariables = Exact<{
  first?: number | null | undefined;
  filter?: CareProfessionalFilter | null | undefined;
}>;


export type CareProfessionalsQuery = { careProfessionals: { totalCount: number, nodes: Array<{ id: string, version: number, firstName: string, lastName: string, profession: Profession, licenseNumber: string | null }> } | null };

export type SitesQueryVariables = Exact<{ [key: string]: never; }>;


export type SitesQuery = { sites: { nodes: Array<{ id: string, name: string, kind: SiteKind }> } | null };

export type CreateCareProfessionalMutationVariables = Exact<{
  input: CreateCareProfessionalInput;
}>;


export type CreateCareProfessionalMutation = { createCareProfessional: { careProfessional: { id: string, version: number, lastName: string } } };

export type UpdateCareProfessionalMutationVariables = Exact<{
  input: UpdateCareProfessionalInput;
}>;


export type UpdateCareProfessionalMutation = { updateCareProfessional: { careProfessional: { id: string, version: number, lastName: string } } };

export type DeleteCareProfessionalMutationVariables = Exact<{
  input: DeleteInput;
}>;


export type DeleteCareProfessionalMutation = { deleteCareProfessional: { careProfessional: { id: string } } };

export type RestoreCareProfessionalMutationVariables = Exact<{
  input: RestoreInput;
}>;


export type RestoreCareProfessionalMutation = { restoreCareProfessional: { careProfessional: { id: string } } };

export type ClinicalNotesQueryVariables = Exact<{
  first?: number | null | undefined;
  filter?: ClinicalNoteFilter | null | undefined;
}>;


export type ClinicalNotesQuery = { clinicalNotes: { totalCount: number, nodes: Array<{ id: string, content: string, patient: { id: string }, appointment: { id: string } | null, author: { id: string } | null }> } | null };

export type CreateClinicalNoteMutationVariables = Exact<{
  input: CreateClinicalNoteInput;
}>;


export type CreateClinicalNoteMutation = { createClinicalNote: { clinicalNote: { id: string, version: number, content: string, author: { id: string } | null, patient: { id: string }, appointment: { id: string } | null } } };

export type UpdateClinicalNoteMutationVariables = Exact<{
  input: UpdateClinicalNoteInput;
}>;


export type UpdateClinicalNoteMutation = { updateClinicalNote: { clinicalNote: { id: string, version: number, content: string } } };

export type DeleteClinicalNoteMutationVariables = Exact<{
  input: DeleteInput;
}>;


export type DeleteClinicalNoteMutation = { deleteClinicalNote: { clinicalNote: { id: string } } };

export type RestoreClinicalNoteMutationVariables = Exact<{
  input: RestoreInput;
}>;


export type RestoreClinicalNoteMutation = { restoreClinicalNote: { clinicalNote: { id: string } } };

export type PatientFieldsFragment = { id: string, version: number, mrn: string | null, firstName: string, lastName: string, nhsNumber: string | null, dateOfBirth: string | null, status: PatientStatus };

export type PatientsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: PatientFilter | null | undefined;
  orderBy?: Array<PatientOrder> | PatientOrder | null | undefined;
}>;


export type PatientsQuery = { patients: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, version: number, mrn: string | null, firstName: string, lastName: string, nhsNumber: string | null, dateOfBirth: string | null, status: PatientStatus } }> } | null };

export type PatientGraphQueryVariables = Exact<{
  first: number;
  appointments: number;
  notes: number;
}>;


export type PatientGraphQuery = { patients: { nodes: Array<{ id: string, lastName: string, appointments: { nodes: Array<{ id: string, startTime: string, status: AppointmentStatus, patient: { id: string } | null, careProfessional: { id: string, lastName: string } | null, clinicalNotes: { nodes: Array<{ id: string, content: string, noteDate: string, author: { id: string, lastName: string } | null, category: { name: string } | null }> } | null }> } | null }> } | null };

export type NodeQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeQuery = { node:
    | { __typename: 'ActivityLog', id: string }
    | { __typename: 'ApiClient', id: string }
    | { __typename: 'ApiClientKey', id: string }
    | { __typename: 'Appointment', title: string, id: string }
    | { __typename: 'Assessment', id: string }
    | { __typename: 'AuditActionItem', id: string }
    | { __typename: 'CarePlan', id: string }
    | { __typename: 'CarePlanReview', id: string }
    | { __typename: 'CareProfessional', id: string }
    | { __typename: 'CareTeam', id: string }
    | { __typename: 'CareTeamMember', id: string }
    | { __typename: 'ClinicalNote', content: string, id: string }
    | { __typename: 'ClinicalNoteCategory', id: string }
    | { __typename: 'ClinicalNoteTemplate', id: string }
    | { __typename: 'CustomRole', id: string }
    | { __typename: 'DailyRecord', id: string }
    | { __typename: 'DiagnosticTest', id: string }
    | { __typename: 'Document', id: string }
    | { __typename: 'DocumentVersion', id: string }
    | { __typename: 'Incident', id: string }
    | { __typename: 'Invitation', id: string }
    | { __typename: 'Invoice', id: string }
    | { __typename: 'InvoiceItem', id: string }
    | { __typename: 'JourneyStageChange', id: string }
    | { __typename: 'Lead', id: string }
    | { __typename: 'MedicalRecord', id: string }
    | { __typename: 'Medication', id: string }
    | { __typename: 'Member', id: string }
    | { __typename: 'Notification', id: string }
    | { __typename: 'Patient', lastName: string, id: string }
    | { __typename: 'PatientCareTeam', id: string }
    | { __typename: 'PatientConsent', id: string }
    | { __typename: 'PatientMedication', id: string }
    | { __typename: 'Payment', id: string }
    | { __typename: 'PayrollEntry', id: string }
    | { __typename: 'Prescription', id: string }
    | { __typename: 'ProviderAvailability', id: string }
    | { __typename: 'QualityAudit', id: string }
    | { __typename: 'Refund', id: string }
    | { __typename: 'Reminder', id: string }
    | { __typename: 'ResidentStay', id: string }
    | { __typename: 'RiskAssessment', id: string }
    | { __typename: 'Site', id: string }
    | { __typename: 'Task', id: string }
    | { __typename: 'Tenant', id: string }
    | { __typename: 'TenantFeature', id: string }
    | { __typename: 'TestReport', id: string }
    | { __typename: 'TestResult', id: string }
    | { __typename: 'TimeOffRequest', id: string }
    | { __typename: 'TrustedDocument', id: string }
    | { __typename: 'User', id: string }
   | null };

export type CreatePatientMutationVariables = Exact<{
  input: CreatePatientInput;
}>;


export type CreatePatientMutation = { createPatient: { patient: { id: string, version: number, mrn: string | null, firstName: string, lastName: string, nhsNumber: string | null, dateOfBirth: string | null, status: PatientStatus } } };

export type UpdatePatientMutationVariables = Exact<{
  input: UpdatePatientInput;
}>;


export type UpdatePatientMutation = { updatePatient: { patient: { id: string, version: number, mrn: string | null, firstName: string, lastName: string, nhsNumber: string | null, dateOfBirth: string | null, status: PatientStatus } } };

export type DeletePatientMutationVariables = Exact<{
  input: DeleteInput;
}>;


export type DeletePatientMutation = { deletePatient: { patient: { id: string } } };

export type RestorePatientMutationVariables = Exact<{
  input: RestoreInput;
}>;


export type RestorePatientMutation = { restorePatient: { patient: { id: string, version: number, mrn: string | null, firstName: string, lastName: string, nhsNumber: string | null, dateOfBirth: string | null, status: PatientStatus } } };

export const AppointmentFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AppointmentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Appointment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"patient"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AppointmentFieldsFragment, unknown>;
export const PatientFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Patient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"mrn"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"nhsNumber"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]} as unknown as DocumentNode<PatientFieldsFragment, unknown>;
export const AppointmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Appointments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AppointmentFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AppointmentFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AppointmentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Appointment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"patient"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AppointmentsQuery, AppointmentsQueryVariables>;
export const PatientAppointmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientAppointments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"patient"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"patient"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Patient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"clinicalNotes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PatientAppointmentsQuery, PatientAppointmentsQueryVariables>;
export const CreateAppointmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateAppointment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateAppointmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAppointment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AppointmentFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AppointmentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Appointment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"patient"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CreateAppointmentMutation, CreateAppointmentMutationVariables>;
export const UpdateAppointmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateAppointment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateAppointmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAppointment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AppointmentFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AppointmentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Appointment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"patient"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<UpdateAppointmentMutation, UpdateAppointmentMutationVariables>;
export const DeleteAppointmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteAppointment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteAppointment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteAppointmentMutation, DeleteAppointmentMutationVariables>;
export const RestoreAppointmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RestoreAppointment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RestoreInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreAppointment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<RestoreAppointmentMutation, RestoreAppointmentMutationVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const CareProfessionalsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CareProfessionals"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CareProfessionalFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"careProfessionals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"profession"}},{"kind":"Field","name":{"kind":"Name","value":"licenseNumber"}}]}}]}}]}}]} as unknown as DocumentNode<CareProfessionalsQuery, CareProfessionalsQueryVariables>;
export const SitesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Sites"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sites"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]} as unknown as DocumentNode<SitesQuery, SitesQueryVariables>;
export const CreateCareProfessionalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCareProfessional"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCareProfessionalInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCareProfessional"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"careProfessional"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}}]}}]}}]} as unknown as DocumentNode<CreateCareProfessionalMutation, CreateCareProfessionalMutationVariables>;
export const UpdateCareProfessionalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCareProfessional"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCareProfessionalInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCareProfessional"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"careProfessional"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateCareProfessionalMutation, UpdateCareProfessionalMutationVariables>;
export const DeleteCareProfessionalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteCareProfessional"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteCareProfessional"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"careProfessional"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteCareProfessionalMutation, DeleteCareProfessionalMutationVariables>;
export const RestoreCareProfessionalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RestoreCareProfessional"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RestoreInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreCareProfessional"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"careProfessional"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<RestoreCareProfessionalMutation, RestoreCareProfessionalMutationVariables>;
export const ClinicalNotesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClinicalNotes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ClinicalNoteFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clinicalNotes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"patient"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"appointment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ClinicalNotesQuery, ClinicalNotesQueryVariables>;
export const CreateClinicalNoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateClinicalNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateClinicalNoteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createClinicalNote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clinicalNote"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"patient"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"appointment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateClinicalNoteMutation, CreateClinicalNoteMutationVariables>;
export const UpdateClinicalNoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateClinicalNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateClinicalNoteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateClinicalNote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clinicalNote"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"content"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateClinicalNoteMutation, UpdateClinicalNoteMutationVariables>;
export const DeleteClinicalNoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteClinicalNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteClinicalNote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clinicalNote"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteClinicalNoteMutation, DeleteClinicalNoteMutationVariables>;
export const RestoreClinicalNoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RestoreClinicalNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RestoreInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreClinicalNote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clinicalNote"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<RestoreClinicalNoteMutation, RestoreClinicalNoteMutationVariables>;
export const PatientsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Patients"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PatientFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PatientOrder"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PatientFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Patient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"mrn"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"nhsNumber"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]} as unknown as DocumentNode<PatientsQuery, PatientsQueryVariables>;
export const PatientGraphDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientGraph"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"appointments"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"notes"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"appointments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"appointments"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"patient"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"careProfessional"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"clinicalNotes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"notes"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"noteDate"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PatientGraphQuery, PatientGraphQueryVariables>;
export const NodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Node"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Patient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Appointment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ClinicalNote"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"content"}}]}}]}}]}}]} as unknown as DocumentNode<NodeQuery, NodeQueryVariables>;
export const CreatePatientDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePatient"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePatientInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPatient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patient"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PatientFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Patient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"mrn"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"nhsNumber"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]} as unknown as DocumentNode<CreatePatientMutation, CreatePatientMutationVariables>;
export const UpdatePatientDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdatePatient"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePatientInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePatient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patient"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PatientFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Patient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"mrn"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"nhsNumber"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]} as unknown as DocumentNode<UpdatePatientMutation, UpdatePatientMutationVariables>;
export const DeletePatientDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeletePatient"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletePatient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patient"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<DeletePatientMutation, DeletePatientMutationVariables>;
export const RestorePatientDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RestorePatient"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RestoreInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restorePatient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patient"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PatientFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Patient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"mrn"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"nhsNumber"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]} as unknown as DocumentNode<RestorePatientMutation, RestorePatientMutationVariables>;