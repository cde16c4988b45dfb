import { RiskAssessment } from '../entities/risk-assessment.entity';
import { RiskLevel, Role, Feature } from '../entities/enums';
import { CARE_GIVERS } from '../auth/permissions';
import { defineResource } from './define';
import { patientResource } from './patient.resource';
import { memberResource } from './member.resource';

const { ADMIN, CLINICIAN, CARE_WORKER } = Role;

export const riskAssessmentResource = defineResource<RiskAssessment>({
  typeName: 'RiskAssessment',
  entity: RiskAssessment,
  pluralField: 'riskAssessments',
  relations: {
    patientId: { target: () => patientResource, field: 'patient', description: 'The patient assessed, if the risk is about one.', inverse: 'riskAssessments', cascade: true, samePatient: true },
    conductedById: { target: () => memberResource, field: 'conductedBy', description: 'The member who assessed the risk.' },
  },
  filters: ['patient', 'conductedBy', 'title', 'level', 'assessmentDate', 'nextReviewDate'],
  orderBy: [{ property: 'level', byRank: Object.values(RiskLevel) }, 'assessmentDate', 'createdAt'],
  defaultOrder: [{ property: 'assessmentDate', direction: 'DESC' }],
  feature: Feature.CARE_PLANNING,
  permissions: { read: CARE_GIVERS, create: [ADMIN, CLINICIAN, CARE_WORKER], update: [ADMIN, CLINICIAN, CARE_WORKER], delete: [ADMIN, CLINICIAN], restore: [ADMIN, CLINICIAN] },
  inputs: {
    required: ['title', 'description', 'level', 'assessmentDate'],
    optional: ['patientId', 'mitigation', 'conductedById', 'nextReviewDate'],
    immutable: ['patientId'],
  },
  periods: [{ start: 'assessmentDate', end: 'nextReviewDate' }],
  patientIdProperty: 'patientId',
});
