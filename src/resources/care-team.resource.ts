import { CareTeam } from '../entities/care-team.entity';
import { CareTeamMember } from '../entities/care-team-member.entity';
import { PatientCareTeam } from '../entities/patient-care-team.entity';
import { Role } from '../entities/enums';
import { EVERYONE, PATIENT_READERS } from '../auth/permissions';
import { defineResource } from './define';
import { careProfessionalResource } from './care-professional.resource';
import { patientResource } from './patient.resource';
import { FREE_TEXT } from '../data/masks';

const { ADMIN, CLINICIAN, COORDINATOR } = Role;
/** Teams and their rosters are organised by admins and coordinators, and read by everyone. */
const TEAM_MANAGED = { read: EVERYONE, create: [ADMIN, COORDINATOR], update: [ADMIN, COORDINATOR], delete: [ADMIN, COORDINATOR], restore: [ADMIN, COORDINATOR] };

export const careTeamResource = defineResource<CareTeam>({
  typeName: 'CareTeam',
  entity: CareTeam,
  pluralField: 'careTeams',
  relations: {
    leadId: { target: () => careProfessionalResource, field: 'lead', description: 'The team lead, if any.', inverse: 'ledCareTeams' },
  },
  filters: ['name', 'active', 'lead'],
  orderBy: ['name', 'createdAt'],
  defaultOrder: [{ property: 'name', direction: 'ASC' }],
  permissions: TEAM_MANAGED,
  inputs: { required: ['name'], optional: ['description', 'leadId', 'active'] },
});

export const careTeamMemberResource = defineResource<CareTeamMember>({
  typeName: 'CareTeamMember',
  entity: CareTeamMember,
  pluralField: 'careTeamMembers',
  relations: {
    careTeamId: { target: () => careTeamResource, field: 'careTeam', inverse: 'members', inverseDescription: "The team's members, past and present.", cascade: true },
    careProfessionalId: { target: () => careProfessionalResource, field: 'careProfessional', inverse: 'careTeamMemberships' },
  },
  filters: ['careTeam', 'careProfessional', 'role', 'joinedAt', 'leftAt'],
  orderBy: ['joinedAt', 'createdAt'],
  defaultOrder: [{ property: 'joinedAt', direction: 'ASC' }],
  permissions: TEAM_MANAGED,
  inputs: { required: ['careTeamId', 'careProfessionalId'], optional: ['role', 'joinedAt', 'leftAt'], immutable: ['careTeamId', 'careProfessionalId'] },
  periods: [{ start: 'joinedAt', end: 'leftAt' }],
});

export const patientCareTeamResource = defineResource<PatientCareTeam>({
  typeName: 'PatientCareTeam',
  entity: PatientCareTeam,
  pluralField: 'patientCareTeams',
  masks: { notes: FREE_TEXT },
  relations: {
    patientId: { target: () => patientResource, field: 'patient', inverse: 'careTeams', inverseDescription: "The patient's care team assignments.", cascade: true, samePatient: true },
    careTeamId: { target: () => careTeamResource, field: 'careTeam', inverse: 'patientAssignments', inverseDescription: "The team's patient assignments, past and present.", cascade: true },
  },
  filters: ['patient', 'careTeam', 'isPrimary', 'assignedDate', 'unassignedDate'],
  orderBy: ['assignedDate', 'createdAt'],
  defaultOrder: [{ property: 'assignedDate', direction: 'DESC' }],
  // Which patient a team looks after is patient data: not for SDRs.
  permissions: { read: PATIENT_READERS, create: [ADMIN, CLINICIAN, COORDINATOR], update: [ADMIN, CLINICIAN, COORDINATOR], delete: [ADMIN, COORDINATOR], restore: [ADMIN, COORDINATOR] },
  inputs: {
    required: ['patientId', 'careTeamId', 'assignedDate'],
    optional: ['unassignedDate', 'isPrimary', 'notes'],
    immutable: ['patientId', 'careTeamId'],
  },
  periods: [{ start: 'assignedDate', end: 'unassignedDate' }],
  patientIdProperty: 'patientId',
});
