/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date string, such as 2007-12-03, compliant with the `full-date` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  Date: { input: string; output: string; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
};

export type Appointment = Node & {
  __typename?: 'Appointment';
  /** Null when the professional record has been deleted. */
  careProfessional?: Maybe<CareProfessional>;
  /** Notes written for this appointment, a page per appointment. */
  clinicalNotes: ClinicalNoteConnection;
  createdAt: Scalars['DateTime']['output'];
  endTime: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  location?: Maybe<Scalars['String']['output']>;
  /** Video link for remote appointments. */
  meetingLink?: Maybe<Scalars['String']['output']>;
  /** Never null: deleting a patient deletes their appointments too. */
  patient: Patient;
  reason?: Maybe<Scalars['String']['output']>;
  site?: Maybe<Site>;
  startTime: Scalars['DateTime']['output'];
  status: AppointmentStatus;
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Optimistic-concurrency version: pass it as `expectedVersion` when updating. */
  version: Scalars['Int']['output'];
};


export type AppointmentClinicalNotesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ClinicalNoteFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ClinicalNoteOrder>>;
};

export type AppointmentConnection = {
  __typename?: 'AppointmentConnection';
  edges: Array<AppointmentEdge>;
  /** The nodes of `edges`, for clients that need no cursors. */
  nodes: Array<Appointment>;
  pageInfo: PageInfo;
  /** Rows matching the filter, across all pages. Computed only when selected. */
  totalCount: Scalars['Int']['output'];
};

export type AppointmentEdge = {
  __typename?: 'AppointmentEdge';
  /** Opaque keyset cursor; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  node: Appointment;
};

/** Conditions on Appointment; fields are ANDed. */
export type AppointmentFilter = {
  /** All of these hold. */
  and?: InputMaybe<Array<AppointmentFilter>>;
  careProfessional?: InputMaybe<IdFilter>;
  endTime?: InputMaybe<DateTimeFilter>;
  id?: InputMaybe<IdFilter>;
  /** This does not hold. */
  not?: InputMaybe<AppointmentFilter>;
  /** At least one of these holds. */
  or?: InputMaybe<Array<AppointmentFilter>>;
  patient?: InputMaybe<IdFilter>;
  site?: InputMaybe<IdFilter>;
  startTime?: InputMaybe<DateTimeFilter>;
  status?: InputMaybe<AppointmentStatusFilter>;
  title?: InputMaybe<StringFilter>;
};

export type AppointmentOrder = {
  direction?: SortDirection;
  field: AppointmentOrderField;
};

export type AppointmentOrderField =
  | 'CREATED_AT'
  | 'END_TIME'
  | 'START_TIME';

export type AppointmentPayload = {
  __typename?: 'AppointmentPayload';
  /** The Appointment as it is after the mutation. */
  appointment: Appointment;
};

export type AppointmentStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'CONFIRMED'
  | 'IN_PROGRESS'
  | 'NO_SHOW'
  | 'SCHEDULED';

export type AppointmentStatusFilter = {
  eq?: InputMaybe<AppointmentStatus>;
  in?: InputMaybe<Array<AppointmentStatus>>;
  ne?: InputMaybe<AppointmentStatus>;
  notIn?: InputMaybe<Array<AppointmentStatus>>;
};

export type CareProfessional = Node & {
  __typename?: 'CareProfessional';
  /** The professional's appointments, a page per professional. */
  appointments: AppointmentConnection;
  createdAt: Scalars['DateTime']['output'];
  email?: Maybe<Scalars['String']['output']>;
  firstName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  lastName: Scalars['String']['output'];
  licenseNumber?: Maybe<Scalars['String']['output']>;
  phone?: Maybe<Scalars['String']['output']>;
  profession: Profession;
  site?: Maybe<Site>;
  specialization?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  /** Optimistic-concurrency version: pass it as `expectedVersion` when updating. */
  version: Scalars['Int']['output'];
};


export type CareProfessionalAppointmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AppointmentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<AppointmentOrder>>;
};

export type CareProfessionalConnection = {
  __typename?: 'CareProfessionalConnection';
  edges: Array<CareProfessionalEdge>;
  /** The nodes of `edges`, for clients that need no cursors. */
  nodes: Array<CareProfessional>;
  pageInfo: PageInfo;
  /** Rows matching the filter, across all pages. Computed only when selected. */
  totalCount: Scalars['Int']['output'];
};

export type CareProfessionalEdge = {
  __typename?: 'CareProfessionalEdge';
  /** Opaque keyset cursor; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  node: CareProfessional;
};

/** Conditions on CareProfessional; fields are ANDed. */
export type CareProfessionalFilter = {
  /** All of these hold. */
  and?: InputMaybe<Array<CareProfessionalFilter>>;
  firstName?: InputMaybe<StringFilter>;
  id?: InputMaybe<IdFilter>;
  lastName?: InputMaybe<StringFilter>;
  licenseNumber?: InputMaybe<StringFilter>;
  /** This does not hold. */
  not?: InputMaybe<CareProfessionalFilter>;
  /** At least one of these holds. */
  or?: InputMaybe<Array<CareProfessionalFilter>>;
  profession?: InputMaybe<ProfessionFilter>;
  site?: InputMaybe<IdFilter>;
};

export type CareProfessionalOrder = {
  direction?: SortDirection;
  field: CareProfessionalOrderField;
};

export type CareProfessionalOrderField =
  | 'CREATED_AT'
  | 'FIRST_NAME'
  | 'LAST_NAME';

export type CareProfessionalPayload = {
  __typename?: 'CareProfessionalPayload';
  /** The CareProfessional as it is after the mutation. */
  careProfessional: CareProfessional;
};

export type ClinicalNote = Node & {
  __typename?: 'ClinicalNote';
  /** Null for notes outside an appointment, or when it was deleted. */
  appointment?: Maybe<Appointment>;
  /** The care professional who wrote the note; null when that record was deleted. */
  author?: Maybe<CareProfessional>;
  category?: Maybe<ClinicalNoteCategory>;
  content: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  noteDate: Scalars['DateTime']['output'];
  /** Never null: deleting a patient deletes their notes too. */
  patient: Patient;
  updatedAt: Scalars['DateTime']['output'];
  /** Optimistic-concurrency version: pass it as `expectedVersion` when updating. */
  version: Scalars['Int']['output'];
};

export type ClinicalNoteCategory = Node & {
  __typename?: 'ClinicalNoteCategory';
  createdAt: Scalars['DateTime']['output'];
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Optimistic-concurrency version: pass it as `expectedVersion` when updating. */
  version: Scalars['Int']['output'];
};

export type ClinicalNoteCategoryConnection = {
  __typename?: 'ClinicalNoteCategoryConnection';
  edges: Array<ClinicalNoteCategoryEdge>;
  /** The nodes of `edges`, for clients that need no cursors. */
  nodes: Array<ClinicalNoteCategory>;
  pageInfo: PageInfo;
  /** Rows matching the filter, across all pages. Computed only when selected. */
  totalCount: Scalars['Int']['output'];
};

export type ClinicalNoteCategoryEdge = {
  __typename?: 'ClinicalNoteCategoryEdge';
  /** Opaque keyset cursor; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  node: ClinicalNoteCategory;
};

/** Conditions on ClinicalNoteCategory; fields are ANDed. */
export type ClinicalNoteCategoryFilter = {
  /** All of these hold. */
  and?: InputMaybe<Array<ClinicalNoteCategoryFilter>>;
  id?: InputMaybe<IdFilter>;
  name?: InputMaybe<StringFilter>;
  /** This does not hold. */
  not?: InputMaybe<ClinicalNoteCategoryFilter>;
  /** At least one of these holds. */
  or?: InputMaybe<Array<ClinicalNoteCategoryFilter>>;
};

export type ClinicalNoteCategoryOrder = {
  direction?: SortDirection;
  field: ClinicalNoteCategoryOrderField;
};

export type ClinicalNoteCategoryOrderField =
  | 'CREATED_AT'
  | 'NAME';

export type ClinicalNoteConnection = {
  __typename?: 'ClinicalNoteConnection';
  edges: Array<ClinicalNoteEdge>;
  /** The nodes of `edges`, for clients that need no cursors. */
  nodes: Array<ClinicalNote>;
  pageInfo: PageInfo;
  /** Rows matching the filter, across all pages. Computed only when selected. */
  totalCount: Scalars['Int']['output'];
};

export type ClinicalNoteEdge = {
  __typename?: 'ClinicalNoteEdge';
  /** Opaque keyset cursor; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  node: ClinicalNote;
};

/** Conditions on ClinicalNote; fields are ANDed. */
export type ClinicalNoteFilter = {
  /** All of these hold. */
  and?: InputMaybe<Array<ClinicalNoteFilter>>;
  appointment?: InputMaybe<IdFilter>;
  author?: InputMaybe<IdFilter>;
  category?: InputMaybe<IdFilter>;
  content?: InputMaybe<StringFilter>;
  id?: InputMaybe<IdFilter>;
  /** This does not hold. */
  not?: InputMaybe<ClinicalNoteFilter>;
  noteDate?: InputMaybe<DateTimeFilter>;
  /** At least one of these holds. */
  or?: InputMaybe<Array<ClinicalNoteFilter>>;
  patient?: InputMaybe<IdFilter>;
};

export type ClinicalNoteOrder = {
  direction?: SortDirection;
  field: ClinicalNoteOrderField;
};

export type ClinicalNoteOrderField =
  | 'CREATED_AT'
  | 'NOTE_DATE';

export type ClinicalNotePayload = {
  __typename?: 'ClinicalNotePayload';
  /** The ClinicalNote as it is after the mutation. */
  clinicalNote: ClinicalNote;
};

export type CreateAppointmentInput = {
  careProfessionalId: Scalars['ID']['input'];
  /** Must be after startTime. */
  endTime: Scalars['DateTime']['input'];
  location?: InputMaybe<Scalars['String']['input']>;
  meetingLink?: InputMaybe<Scalars['String']['input']>;
  patientId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
  siteId?: InputMaybe<Scalars['ID']['input']>;
  startTime: Scalars['DateTime']['input'];
  /** SCHEDULED (default) or CONFIRMED. */
  status?: InputMaybe<AppointmentStatus>;
  title: Scalars['String']['input'];
};

export type CreateCareProfessionalInput = {
  email?: InputMaybe<Scalars['String']['input']>;
  firstName: Scalars['String']['input'];
  lastName: Scalars['String']['input'];
  licenseNumber?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
  profession: Profession;
  siteId?: InputMaybe<Scalars['ID']['input']>;
  specialization?: InputMaybe<Scalars['String']['input']>;
};

/** The author is always the care professional record of the caller. */
export type CreateClinicalNoteInput = {
  /** An appointment of the same patient. */
  appointmentId?: InputMaybe<Scalars['ID']['input']>;
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  content: Scalars['String']['input'];
  /** When the observation was made; defaults to now. */
  noteDate?: InputMaybe<Scalars['DateTime']['input']>;
  patientId: Scalars['ID']['input'];
};

export type CreatePatientInput = {
  address?: InputMaybe<Scalars['String']['input']>;
  admissionDate?: InputMaybe<Scalars['Date']['input']>;
  dateOfBirth?: InputMaybe<Scalars['Date']['input']>;
  dischargeDate?: InputMaybe<Scalars['Date']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  emergencyContact?: InputMaybe<Scalars['String']['input']>;
  firstName: Scalars['String']['input'];
  gender?: InputMaybe<Gender>;
  lastName: Scalars['String']['input'];
  nhsNumber?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
  roomNumber?: InputMaybe<Scalars['String']['input']>;
  /** The Site (clinic or care home) the patient belongs to. */
  siteId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<PatientStatus>;
};

export type DateFilter = {
  eq?: InputMaybe<Scalars['Date']['input']>;
  gt?: InputMaybe<Scalars['Date']['input']>;
  gte?: InputMaybe<Scalars['Date']['input']>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  lt?: InputMaybe<Scalars['Date']['input']>;
  lte?: InputMaybe<Scalars['Date']['input']>;
};

export type DateTimeFilter = {
  eq?: InputMaybe<Scalars['DateTime']['input']>;
  gt?: InputMaybe<Scalars['DateTime']['input']>;
  gte?: InputMaybe<Scalars['DateTime']['input']>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  lt?: InputMaybe<Scalars['DateTime']['input']>;
  lte?: InputMaybe<Scalars['DateTime']['input']>;
};

/** Soft delete: the object disappears from every query until restored. */
export type DeleteInput = {
  /** When given, the delete is refused (CONFLICT) if the object has changed since. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};

export type Gender =
  | 'FEMALE'
  | 'MALE'
  | 'OTHER'
  | 'UNKNOWN';

export type GenderFilter = {
  eq?: InputMaybe<Gender>;
  in?: InputMaybe<Array<Gender>>;
  ne?: InputMaybe<Gender>;
  notIn?: InputMaybe<Array<Gender>>;
};

/** Conditions on a reference to another object, by its global id. */
export type IdFilter = {
  eq?: InputMaybe<Scalars['ID']['input']>;
  in?: InputMaybe<Array<Scalars['ID']['input']>>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

export type LoginInput = {
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
  /** The tenant to act in, e.g. `acme-care`. */
  tenantSlug: Scalars['String']['input'];
};

export type LoginPayload = {
  __typename?: 'LoginPayload';
  /** Send as `Authorization: Bearer <accessToken>`. */
  accessToken: Scalars['String']['output'];
  expiresAt: Scalars['DateTime']['output'];
  role: Role;
  tenant: Tenant;
  user: User;
};

export type Mutation = {
  __typename?: 'Mutation';
  createAppointment: AppointmentPayload;
  createCareProfessional: CareProfessionalPayload;
  createClinicalNote: ClinicalNotePayload;
  createPatient: PatientPayload;
  /** Soft delete; `restore…` brings it back. */
  deleteAppointment: AppointmentPayload;
  /** Soft delete; `restore…` brings it back. */
  deleteCareProfessional: CareProfessionalPayload;
  /** Soft delete; `restore…` brings it back. */
  deleteClinicalNote: ClinicalNotePayload;
  /** Soft delete; `restore…` brings it back. */
  deletePatient: PatientPayload;
  /** Exchanges an email, password and tenant slug for an access token. */
  login: LoginPayload;
  restoreAppointment: AppointmentPayload;
  restoreCareProfessional: CareProfessionalPayload;
  restoreClinicalNote: ClinicalNotePayload;
  restorePatient: PatientPayload;
  /** Refused with CONFLICT when `expectedVersion` is stale. */
  updateAppointment: AppointmentPayload;
  /** Refused with CONFLICT when `expectedVersion` is stale. */
  updateCareProfessional: CareProfessionalPayload;
  /** Refused with CONFLICT when `expectedVersion` is stale. */
  updateClinicalNote: ClinicalNotePayload;
  /** Refused with CONFLICT when `expectedVersion` is stale. */
  updatePatient: PatientPayload;
};


export type MutationCreateAppointmentArgs = {
  input: CreateAppointmentInput;
};


export type MutationCreateCareProfessionalArgs = {
  input: CreateCareProfessionalInput;
};


export type MutationCreateClinicalNoteArgs = {
  input: CreateClinicalNoteInput;
};


export type MutationCreatePatientArgs = {
  input: CreatePatientInput;
};


export type MutationDeleteAppointmentArgs = {
  input: DeleteInput;
};


export type MutationDeleteCareProfessionalArgs = {
  input: DeleteInput;
};


export type MutationDeleteClinicalNoteArgs = {
  input: DeleteInput;
};


export type MutationDeletePatientArgs = {
  input: DeleteInput;
};


export type MutationLoginArgs = {
  input: LoginInput;
};


export type MutationRestoreAppointmentArgs = {
  input: RestoreInput;
};


export type MutationRestoreCareProfessionalArgs = {
  input: RestoreInput;
};


export type MutationRestoreClinicalNoteArgs = {
  input: RestoreInput;
};


export type MutationRestorePatientArgs = {
  input: RestoreInput;
};


export type MutationUpdateAppointmentArgs = {
  input: UpdateAppointmentInput;
};


export type MutationUpdateCareProfessionalArgs = {
  input: UpdateCareProfessionalInput;
};


export type MutationUpdateClinicalNoteArgs = {
  input: UpdateClinicalNoteInput;
};


export type MutationUpdatePatientArgs = {
  input: UpdatePatientInput;
};

/** An object with a globally unique, opaque id (Relay Global Object Identification). */
export type Node = {
  id: Scalars['ID']['output'];
};

/** Relay page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Patient = Node & {
  __typename?: 'Patient';
  address?: Maybe<Scalars['String']['output']>;
  admissionDate?: Maybe<Scalars['Date']['output']>;
  /** The patient's appointments, a page per patient. */
  appointments: AppointmentConnection;
  /** The patient's clinical notes, a page per patient. */
  clinicalNotes: ClinicalNoteConnection;
  createdAt: Scalars['DateTime']['output'];
  dateOfBirth?: Maybe<Scalars['Date']['output']>;
  dischargeDate?: Maybe<Scalars['Date']['output']>;
  email?: Maybe<Scalars['String']['output']>;
  emergencyContact?: Maybe<Scalars['String']['output']>;
  firstName: Scalars['String']['output'];
  gender: Gender;
  id: Scalars['ID']['output'];
  lastName: Scalars['String']['output'];
  /** Medical record number, generated per tenant on creation. */
  mrn: Scalars['String']['output'];
  /** 10-digit NHS number (modulus-11 checked). */
  nhsNumber?: Maybe<Scalars['String']['output']>;
  phone?: Maybe<Scalars['String']['output']>;
  /** Care-home room. */
  roomNumber?: Maybe<Scalars['String']['output']>;
  site?: Maybe<Site>;
  status: PatientStatus;
  updatedAt: Scalars['DateTime']['output'];
  /** Optimistic-concurrency version: pass it as `expectedVersion` when updating. */
  version: Scalars['Int']['output'];
};


export type PatientAppointmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AppointmentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<AppointmentOrder>>;
};


export type PatientClinicalNotesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ClinicalNoteFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ClinicalNoteOrder>>;
};

export type PatientConnection = {
  __typename?: 'PatientConnection';
  edges: Array<PatientEdge>;
  /** The nodes of `edges`, for clients that need no cursors. */
  nodes: Array<Patient>;
  pageInfo: PageInfo;
  /** Rows matching the filter, across all pages. Computed only when selected. */
  totalCount: Scalars['Int']['output'];
};

export type PatientEdge = {
  __typename?: 'PatientEdge';
  /** Opaque keyset cursor; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  node: Patient;
};

/** Conditions on Patient; fields are ANDed. */
export type PatientFilter = {
  /** All of these hold. */
  and?: InputMaybe<Array<PatientFilter>>;
  createdAt?: InputMaybe<DateTimeFilter>;
  dateOfBirth?: InputMaybe<DateFilter>;
  firstName?: InputMaybe<StringFilter>;
  gender?: InputMaybe<GenderFilter>;
  id?: InputMaybe<IdFilter>;
  lastName?: InputMaybe<StringFilter>;
  mrn?: InputMaybe<StringFilter>;
  nhsNumber?: InputMaybe<StringFilter>;
  /** This does not hold. */
  not?: InputMaybe<PatientFilter>;
  /** At least one of these holds. */
  or?: InputMaybe<Array<PatientFilter>>;
  site?: InputMaybe<IdFilter>;
  status?: InputMaybe<PatientStatusFilter>;
  updatedAt?: InputMaybe<DateTimeFilter>;
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

export type PatientPayload = {
  __typename?: 'PatientPayload';
  /** The Patient as it is after the mutation. */
  patient: Patient;
};

export type PatientStatus =
  | 'ACTIVE'
  | 'DECEASED'
  | 'DISCHARGED';

export type PatientStatusFilter = {
  eq?: InputMaybe<PatientStatus>;
  in?: InputMaybe<Array<PatientStatus>>;
  ne?: InputMaybe<PatientStatus>;
  notIn?: InputMaybe<Array<PatientStatus>>;
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
  eq?: InputMaybe<Profession>;
  in?: InputMaybe<Array<Profession>>;
  ne?: InputMaybe<Profession>;
  notIn?: InputMaybe<Array<Profession>>;
};

export type Query = {
  __typename?: 'Query';
  /** Appointment objects of your tenant, one page at a time. */
  appointments: AppointmentConnection;
  /** CareProfessional objects of your tenant, one page at a time. */
  careProfessionals: CareProfessionalConnection;
  /** ClinicalNoteCategory objects of your tenant, one page at a time. */
  clinicalNoteCategories: ClinicalNoteCategoryConnection;
  /** ClinicalNote objects of your tenant, one page at a time. */
  clinicalNotes: ClinicalNoteConnection;
  me: Viewer;
  /** Refetches any object by its global id; null when it does not exist for you. */
  node?: Maybe<Node>;
  /** Several objects by global id, in the order given (batched). */
  nodes: Array<Maybe<Node>>;
  /** Patient objects of your tenant, one page at a time. */
  patients: PatientConnection;
  /** Site objects of your tenant, one page at a time. */
  sites: SiteConnection;
};


export type QueryAppointmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AppointmentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<AppointmentOrder>>;
};


export type QueryCareProfessionalsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CareProfessionalFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<CareProfessionalOrder>>;
};


export type QueryClinicalNoteCategoriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ClinicalNoteCategoryFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ClinicalNoteCategoryOrder>>;
};


export type QueryClinicalNotesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ClinicalNoteFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ClinicalNoteOrder>>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryPatientsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PatientFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<PatientOrder>>;
};


export type QuerySitesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SiteFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<SiteOrder>>;
};

export type RestoreInput = {
  id: Scalars['ID']['input'];
};

/** A member’s role within one tenant. */
export type Role =
  | 'ADMIN'
  | 'ANALYST'
  | 'CARE_WORKER'
  | 'CLINICIAN'
  | 'COORDINATOR';

export type Site = Node & {
  __typename?: 'Site';
  address?: Maybe<Scalars['String']['output']>;
  /** Beds, for care homes. */
  capacity?: Maybe<Scalars['Int']['output']>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  kind: SiteKind;
  licenceNumber?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** Patients (residents) of this site. */
  patients: PatientConnection;
  phone?: Maybe<Scalars['String']['output']>;
  /** IANA time zone, e.g. Europe/London. */
  timezone: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Optimistic-concurrency version: pass it as `expectedVersion` when updating. */
  version: Scalars['Int']['output'];
};


export type SitePatientsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PatientFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<PatientOrder>>;
};

export type SiteConnection = {
  __typename?: 'SiteConnection';
  edges: Array<SiteEdge>;
  /** The nodes of `edges`, for clients that need no cursors. */
  nodes: Array<Site>;
  pageInfo: PageInfo;
  /** Rows matching the filter, across all pages. Computed only when selected. */
  totalCount: Scalars['Int']['output'];
};

export type SiteEdge = {
  __typename?: 'SiteEdge';
  /** Opaque keyset cursor; pass it as `after` or `before`. */
  cursor: Scalars['String']['output'];
  node: Site;
};

/** Conditions on Site; fields are ANDed. */
export type SiteFilter = {
  /** All of these hold. */
  and?: InputMaybe<Array<SiteFilter>>;
  id?: InputMaybe<IdFilter>;
  kind?: InputMaybe<SiteKindFilter>;
  name?: InputMaybe<StringFilter>;
  /** This does not hold. */
  not?: InputMaybe<SiteFilter>;
  /** At least one of these holds. */
  or?: InputMaybe<Array<SiteFilter>>;
};

export type SiteKind =
  | 'CARE_HOME'
  | 'CLINIC';

export type SiteKindFilter = {
  eq?: InputMaybe<SiteKind>;
  in?: InputMaybe<Array<SiteKind>>;
  ne?: InputMaybe<SiteKind>;
  notIn?: InputMaybe<Array<SiteKind>>;
};

export type SiteOrder = {
  direction?: SortDirection;
  field: SiteOrderField;
};

export type SiteOrderField =
  | 'CREATED_AT'
  | 'NAME';

export type SortDirection =
  | 'ASC'
  | 'DESC';

/** Conditions on a text field; all given conditions must hold. */
export type StringFilter = {
  /** Case-insensitive substring. */
  contains?: InputMaybe<Scalars['String']['input']>;
  eq?: InputMaybe<Scalars['String']['input']>;
  in?: InputMaybe<Array<Scalars['String']['input']>>;
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  ne?: InputMaybe<Scalars['String']['input']>;
  notIn?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Case-insensitive prefix. */
  startsWith?: InputMaybe<Scalars['String']['input']>;
};

export type Tenant = Node & {
  __typename?: 'Tenant';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  kind: TenantKind;
  name: Scalars['String']['output'];
  plan: TenantPlan;
  /** URL-safe unique name, used to log in. */
  slug: Scalars['String']['output'];
};

export type TenantKind =
  | 'CARE_HOME_GROUP'
  | 'CARE_PROVIDER'
  | 'CLINIC'
  | 'HEALTH_COACHING';

export type TenantPlan =
  | 'ENTERPRISE'
  | 'STANDARD'
  | 'TRIAL';

/** Only the fields given change. Status moves only along allowed transitions. */
export type UpdateAppointmentInput = {
  careProfessionalId?: InputMaybe<Scalars['ID']['input']>;
  endTime?: InputMaybe<Scalars['DateTime']['input']>;
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  location?: InputMaybe<Scalars['String']['input']>;
  meetingLink?: InputMaybe<Scalars['String']['input']>;
  reason?: InputMaybe<Scalars['String']['input']>;
  siteId?: InputMaybe<Scalars['ID']['input']>;
  startTime?: InputMaybe<Scalars['DateTime']['input']>;
  status?: InputMaybe<AppointmentStatus>;
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Only the fields given change; null clears an optional field. */
export type UpdateCareProfessionalInput = {
  email?: InputMaybe<Scalars['String']['input']>;
  expectedVersion: Scalars['Int']['input'];
  firstName?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  lastName?: InputMaybe<Scalars['String']['input']>;
  licenseNumber?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
  profession?: InputMaybe<Profession>;
  siteId?: InputMaybe<Scalars['ID']['input']>;
  specialization?: InputMaybe<Scalars['String']['input']>;
};

/** Only the author may amend a note; every version stays in the audit log. */
export type UpdateClinicalNoteInput = {
  appointmentId?: InputMaybe<Scalars['ID']['input']>;
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  content?: InputMaybe<Scalars['String']['input']>;
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  noteDate?: InputMaybe<Scalars['DateTime']['input']>;
};

/** Only the fields given change; null clears an optional field. */
export type UpdatePatientInput = {
  address?: InputMaybe<Scalars['String']['input']>;
  admissionDate?: InputMaybe<Scalars['Date']['input']>;
  dateOfBirth?: InputMaybe<Scalars['Date']['input']>;
  dischargeDate?: InputMaybe<Scalars['Date']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  emergencyContact?: InputMaybe<Scalars['String']['input']>;
  expectedVersion: Scalars['Int']['input'];
  firstName?: InputMaybe<Scalars['String']['input']>;
  gender?: InputMaybe<Gender>;
  id: Scalars['ID']['input'];
  lastName?: InputMaybe<Scalars['String']['input']>;
  nhsNumber?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
  roomNumber?: InputMaybe<Scalars['String']['input']>;
  siteId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<PatientStatus>;
};

export type User = Node & {
  __typename?: 'User';
  displayName: Scalars['String']['output'];
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
};

/** Who is calling: the user, the tenant the token acts in, and the role there. */
export type Viewer = {
  __typename?: 'Viewer';
  role: Role;
  tenant: Tenant;
  user: User;
};

/** Conditions on Appointment; fields are ANDed. */
export type AppointmentFilter = {
  /** All of these hold. */
  and?: Array<AppointmentFilter> | null | undefined;
  careProfessional?: IdFilter | null | undefined;
  endTime?: DateTimeFilter | null | undefined;
  id?: IdFilter | null | undefined;
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

/** Conditions on CareProfessional; fields are ANDed. */
export type CareProfessionalFilter = {
  /** All of these hold. */
  and?: Array<CareProfessionalFilter> | null | undefined;
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
  careProfessionalId: string | number;
  /** Must be after startTime. */
  endTime: string;
  location?: string | null | undefined;
  meetingLink?: string | null | undefined;
  patientId: string | number;
  reason?: string | null | undefined;
  siteId?: string | number | null | undefined;
  startTime: string;
  /** SCHEDULED (default) or CONFIRMED. */
  status?: AppointmentStatus | null | undefined;
  title: string;
};

export type CreateCareProfessionalInput = {
  email?: string | null | undefined;
  firstName: string;
  lastName: string;
  licenseNumber?: string | null | undefined;
  phone?: string | null | undefined;
  profession: Profession;
  siteId?: string | number | null | undefined;
  specialization?: string | null | undefined;
};

/** The author is always the care professional record of the caller. */
export type CreateClinicalNoteInput = {
  /** An appointment of the same patient. */
  appointmentId?: string | number | null | undefined;
  categoryId?: string | number | null | undefined;
  content: string;
  /** When the observation was made; defaults to now. */
  noteDate?: string | null | undefined;
  patientId: string | number;
};

export type CreatePatientInput = {
  address?: string | null | undefined;
  admissionDate?: string | null | undefined;
  dateOfBirth?: string | null | undefined;
  dischargeDate?: string | null | undefined;
  email?: string | null | undefined;
  emergencyContact?: string | null | undefined;
  firstName: string;
  gender?: Gender | null | undefined;
  lastName: string;
  nhsNumber?: string | null | undefined;
  phone?: string | null | undefined;
  roomNumber?: string | null | undefined;
  /** The Site (clinic or care home) the patient belongs to. */
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

export type LoginInput = {
  email: string;
  password: string;
  /** The tenant to act in, e.g. `acme-care`. */
  tenantSlug: string;
};

/** Conditions on Patient; fields are ANDed. */
export type PatientFilter = {
  /** All of these hold. */
  and?: Array<PatientFilter> | null | undefined;
  createdAt?: DateTimeFilter | null | undefined;
  dateOfBirth?: DateFilter | null | undefined;
  firstName?: StringFilter | null | undefined;
  gender?: GenderFilter | null | undefined;
  id?: IdFilter | null | undefined;
  lastName?: StringFilter | null | undefined;
  mrn?: StringFilter | null | undefined;
  nhsNumber?: StringFilter | null | undefined;
  /** This does not hold. */
  not?: PatientFilter | null | undefined;
  /** At least one of these holds. */
  or?: Array<PatientFilter> | null | undefined;
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

export type RestoreInput = {
  id: string | number;
};

/** A member’s role within one tenant. */
export type Role =
  | 'ADMIN'
  | 'ANALYST'
  | 'CARE_WORKER'
  | 'CLINICIAN'
  | 'COORDINATOR';

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

/** Only the fields given change. Status moves only along allowed transitions. */
export type UpdateAppointmentInput = {
  careProfessionalId?: string | number | null | undefined;
  endTime?: string | null | undefined;
  expectedVersion: number;
  id: string | number;
  location?: string | null | undefined;
  meetingLink?: string | null | undefined;
  reason?: string | null | undefined;
  siteId?: string | number | null | undefined;
  startTime?: string | null | undefined;
  status?: AppointmentStatus | null | undefined;
  title?: string | null | undefined;
};

/** Only the fields given change; null clears an optional field. */
export type UpdateCareProfessionalInput = {
  email?: string | null | undefined;
  expectedVersion: number;
  firstName?: string | null | undefined;
  id: string | number;
  lastName?: string | null | undefined;
  licenseNumber?: string | null | undefined;
  phone?: string | null | undefined;
  profession?: Profession | null | undefined;
  siteId?: string | number | null | undefined;
  specialization?: string | null | undefined;
};

/** Only the author may amend a note; every version stays in the audit log. */
export type UpdateClinicalNoteInput = {
  appointmentId?: string | number | null | undefined;
  categoryId?: string | number | null | undefined;
  content?: string | null | undefined;
  expectedVersion: number;
  id: string | number;
  noteDate?: string | null | undefined;
};

/** Only the fields given change; null clears an optional field. */
export type UpdatePatientInput = {
  address?: string | null | undefined;
  admissionDate?: string | null | undefined;
  dateOfBirth?: string | null | undefined;
  dischargeDate?: string | null | undefined;
  email?: string | null | undefined;
  emergencyContact?: string | null | undefined;
  expectedVersion: number;
  firstName?: string | null | undefined;
  gender?: Gender | null | undefined;
  id: string | number;
  lastName?: string | null | undefined;
  nhsNumber?: string | null | undefined;
  phone?: string | null | undefined;
  roomNumber?: string | null | undefined;
  siteId?: string | number | null | undefined;
  status?: PatientStatus | null | undefined;
};

export type AppointmentFieldsFragment = { id: string, version: number, title: string, startTime: string, endTime: string, status: AppointmentStatus, patient: { id: string } };

export type AppointmentsQueryVariables = Exact<{
  first?: number | null | undefined;
  filter?: AppointmentFilter | null | undefined;
}>;


export type AppointmentsQuery = { appointments: { totalCount: number, nodes: Array<{ id: string, version: number, title: string, startTime: string, endTime: string, status: AppointmentStatus, patient: { id: string } }> } };

export type PatientAppointmentsQueryVariables = Exact<{
  patient: string | number;
  first?: number | null | undefined;
}>;


export type PatientAppointmentsQuery = { node:
    | { appointments: { totalCount: number, nodes: Array<{ id: string }> }, clinicalNotes: { totalCount: number, nodes: Array<{ id: string }> } }
    | Record<PropertyKey, never>
   | null };

export type CreateAppointmentMutationVariables = Exact<{
  input: CreateAppointmentInput;
}>;


export type CreateAppointmentMutation = { createAppointment: { appointment: { id: string, version: number, title: string, startTime: string, endTime: string, status: AppointmentStatus, patient: { id: string } } } };

export type UpdateAppointmentMutationVariables = Exact<{
  input: UpdateAppointmentInput;
}>;


export type UpdateAppointmentMutation = { updateAppointment: { appointment: { id: string, version: number, title: string, startTime: string, endTime: string, status: AppointmentStatus, patient: { id: string } } } };

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


export type CareProfessionalsQuery = { careProfessionals: { totalCount: number, nodes: Array<{ id: string, version: number, firstName: string, lastName: string, profession: Profession, licenseNumber: string | null }> } };

export type SitesQueryVariables = Exact<{ [key: string]: never; }>;


export type SitesQuery = { sites: { nodes: Array<{ id: string, name: string, kind: SiteKind }> } };

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


export type ClinicalNotesQuery = { clinicalNotes: { totalCount: number, nodes: Array<{ id: string, content: string, patient: { id: string }, appointment: { id: string } | null, author: { id: string } | null }> } };

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

export type PatientFieldsFragment = { id: string, version: number, mrn: string, firstName: string, lastName: string, nhsNumber: string | null, dateOfBirth: string | null, status: PatientStatus };

export type PatientsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: PatientFilter | null | undefined;
  orderBy?: Array<PatientOrder> | PatientOrder | null | undefined;
}>;


export type PatientsQuery = { patients: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, version: number, mrn: string, firstName: string, lastName: string, nhsNumber: string | null, dateOfBirth: string | null, status: PatientStatus } }> } };

export type PatientGraphQueryVariables = Exact<{
  first: number;
  appointments: number;
  notes: number;
}>;


export type PatientGraphQuery = { patients: { nodes: Array<{ id: string, lastName: string, appointments: { nodes: Array<{ id: string, startTime: string, status: AppointmentStatus, patient: { id: string }, careProfessional: { id: string, lastName: string } | null, clinicalNotes: { nodes: Array<{ id: string, content: string, noteDate: string, author: { id: string, lastName: string } | null, category: { name: string } | null }> } }> } }> } };

export type NodeQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeQuery = { node:
    | { __typename: 'Appointment', title: string, id: string }
    | { __typename: 'CareProfessional', id: string }
    | { __typename: 'ClinicalNote', content: string, id: string }
    | { __typename: 'ClinicalNoteCategory', id: string }
    | { __typename: 'Patient', lastName: string, id: string }
    | { __typename: 'Site', id: string }
    | { __typename: 'Tenant', id: string }
    | { __typename: 'User', id: string }
   | null };

export type CreatePatientMutationVariables = Exact<{
  input: CreatePatientInput;
}>;


export type CreatePatientMutation = { createPatient: { patient: { id: string, version: number, mrn: string, firstName: string, lastName: string, nhsNumber: string | null, dateOfBirth: string | null, status: PatientStatus } } };

export type UpdatePatientMutationVariables = Exact<{
  input: UpdatePatientInput;
}>;


export type UpdatePatientMutation = { updatePatient: { patient: { id: string, version: number, mrn: string, firstName: string, lastName: string, nhsNumber: string | null, dateOfBirth: string | null, status: PatientStatus } } };

export type DeletePatientMutationVariables = Exact<{
  input: DeleteInput;
}>;


export type DeletePatientMutation = { deletePatient: { patient: { id: string } } };

export type RestorePatientMutationVariables = Exact<{
  input: RestoreInput;
}>;


export type RestorePatientMutation = { restorePatient: { patient: { id: string, version: number, mrn: string, firstName: string, lastName: string, nhsNumber: string | null, dateOfBirth: string | null, status: PatientStatus } } };

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