import { Membership, Tenant, User } from '../entities';
import type { Resource } from '../data/resource';
import { linkResources } from './define';
import { siteResource } from './site.resource';
import { patientResource } from './patient.resource';
import { careProfessionalResource } from './care-professional.resource';
import { appointmentResource } from './appointment.resource';
import { clinicalNoteCategoryResource } from './clinical-note-category.resource';
import { clinicalNoteResource } from './clinical-note.resource';
import { memberResource } from './member.resource';
import { taskResource } from './task.resource';
import { carePlanResource } from './care-plan.resource';
import { medicationResource } from './medication.resource';
import { patientMedicationResource } from './patient-medication.resource';
import { careTeamMemberResource, careTeamResource, patientCareTeamResource } from './care-team.resource';
import { riskAssessmentResource } from './risk-assessment.resource';
import { patientConsentResource } from './patient-consent.resource';
import { clinicalNoteTemplateResource } from './clinical-note-template.resource';
import { reminderResource } from './reminder.resource';
import { providerAvailabilityResource } from './provider-availability.resource';
import { timeOffRequestResource } from './time-off-request.resource';
import { leadResource } from './lead.resource';
import { journeyStageChangeResource } from './journey-stage-change.resource';
import { activityLogResource } from './activity-log.resource';
import { residentStayResource } from './resident-stay.resource';
import { carePlanReviewResource } from './care-plan-review.resource';
import { assessmentResource } from './assessment.resource';
import { dailyRecordResource } from './daily-record.resource';
import { auditActionItemResource, qualityAuditResource } from './quality-audit.resource';
import { incidentResource } from './incident.resource';
import { invitationResource } from './invitation.resource';
import { tenantFeatureResource } from './tenant-feature.resource';
import { customRoleResource } from './custom-role.resource';
import { prescriptionResource } from './prescription.resource';
import { diagnosticTestResource } from './diagnostic-test.resource';
import { testReportResource, testResultResource } from './test-report.resource';
import { medicalRecordResource } from './medical-record.resource';
import { invoiceItemResource, invoiceResource, paymentResource, refundResource } from './invoice.resource';
import { payrollEntryResource } from './payroll-entry.resource';
import { documentResource, documentVersionResource } from './document.resource';
import { notificationResource } from './notification.resource';
import { apiClientKeyResource, apiClientResource } from './api-client.resource';
import { trustedDocumentResource } from './trusted-document.resource';

export { siteResource, patientResource, careProfessionalResource, appointmentResource, clinicalNoteCategoryResource, clinicalNoteResource, memberResource, taskResource };

/**
 * The registry: every resource the API serves. Registering an entity is one line here; its
 * GraphQL type, connection, filters, mutations, relation fields, TypeORM entity, compiled reads,
 * role table and conformance tests follow from its declaration.
 */
export const RESOURCES: Resource[] = [
  siteResource,
  patientResource,
  careProfessionalResource,
  appointmentResource,
  clinicalNoteCategoryResource,
  clinicalNoteResource,
  memberResource,
  taskResource,
  carePlanResource,
  medicationResource,
  patientMedicationResource,
  careTeamResource,
  careTeamMemberResource,
  patientCareTeamResource,
  riskAssessmentResource,
  patientConsentResource,
  clinicalNoteTemplateResource,
  reminderResource,
  providerAvailabilityResource,
  timeOffRequestResource,
  leadResource,
  journeyStageChangeResource,
  activityLogResource,
  residentStayResource,
  carePlanReviewResource,
  assessmentResource,
  dailyRecordResource,
  qualityAuditResource,
  auditActionItemResource,
  incidentResource,
  invitationResource,
  tenantFeatureResource,
  customRoleResource,
  prescriptionResource,
  diagnosticTestResource,
  testReportResource,
  testResultResource,
  medicalRecordResource,
  invoiceResource,
  invoiceItemResource,
  paymentResource,
  refundResource,
  payrollEntryResource,
  notificationResource,
  documentResource,
  documentVersionResource,
  apiClientResource,
  apiClientKeyResource,
  trustedDocumentResource,
] as Resource[];

linkResources(RESOURCES);

export const resourceByTypeName = new Map(RESOURCES.map((r) => [r.typeName, r]));

/** TypeORM's entities: the accounts (served by their own resolvers) and every resource's. */
export const ENTITIES: Function[] = [Tenant, User, Membership, ...RESOURCES.map((r) => r.entity)];
