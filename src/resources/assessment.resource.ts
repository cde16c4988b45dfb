import { Assessment } from '../entities/assessment.entity';
import { Role, Feature } from '../entities/enums';
import { CARE_GIVERS } from '../auth/permissions';
import { assertAssessment, FINDINGS_DESCRIPTION, RECOMMENDATIONS_DESCRIPTION } from '../domain/assessments';
import { defineResource } from './define';
import { patientResource } from './patient.resource';
import { careProfessionalResource } from './care-professional.resource';

const { ADMIN, CLINICIAN, CARE_WORKER } = Role;

export const assessmentResource = defineResource<Assessment>({
  typeName: 'Assessment',
  entity: Assessment,
  pluralField: 'assessments',
  relations: {
    patientId: { target: () => patientResource, field: 'patient', inverse: 'assessments', inverseDescription: 'The resident’s assessments.', cascade: true, samePatient: true },
    assessedById: { target: () => careProfessionalResource, field: 'assessedBy', description: 'The care professional who assessed.' },
  },
  filters: ['patient', 'type', 'assessedOn', 'score', 'assessedBy', 'findings'],
  orderBy: ['assessedOn', 'createdAt'],
  defaultOrder: [{ property: 'assessedOn', direction: 'DESC' }],
  feature: Feature.CARE_HOMES,
  permissions: { read: CARE_GIVERS, create: [ADMIN, CLINICIAN, CARE_WORKER], update: [ADMIN, CLINICIAN, CARE_WORKER], delete: [ADMIN, CLINICIAN], restore: [ADMIN, CLINICIAN] },
  inputs: {
    required: ['patientId', 'type', 'assessedOn', 'assessedById', 'findings'],
    optional: ['score', 'recommendations'],
    immutable: ['patientId', 'type'],
    descriptions: { findings: FINDINGS_DESCRIPTION, recommendations: RECOMMENDATIONS_DESCRIPTION },
  },
  patientIdProperty: 'patientId',
  rules: {
    beforeCreate(values) {
      values.recommendations ??= { actions: [] };
      assertAssessment({ type: values.type!, score: values.score, findings: values.findings, recommendations: values.recommendations });
    },
    beforeUpdate(current, changes) {
      assertAssessment({ ...current, ...changes });
    },
  },
});
