import { Feature } from '../entities/enums';
import { JourneyStageChange } from '../entities/journey-stage-change.entity';
import { PATIENT_READERS } from '../auth/permissions';
import { defineResource } from './define';
import { patientResource } from './patient.resource';
import { memberResource } from './member.resource';
import type { JourneyStage } from '../entities/enums';
import type { DataAccess } from '../data/data-access';
import { callerMemberId } from '../data/caller-records';
import { toGlobalId } from '../data/global-id';

/** Read-only: journey changes are written by `convertLead` and `advanceJourney` (src/resolvers/lead.resolver.ts), never edited. */
export const journeyStageChangeResource = defineResource<JourneyStageChange>({
  typeName: 'JourneyStageChange',
  entity: JourneyStageChange,
  pluralField: 'journeyStageChanges',
  relations: {
    patientId: {
      target: () => patientResource,
      field: 'patient',
      inverse: 'journeyHistory',
      inverseDescription: 'Every change of the patient’s journey stage, oldest first: time in a stage is the gap to the next change.',
      cascade: true,
      samePatient: true,
    },
    changedById: { target: () => memberResource, field: 'changedBy', description: 'The member who moved the journey; null if their membership was deleted.' },
  },
  filters: ['patient', 'fromStage', 'toStage', 'changedAt', 'changedBy'],
  orderBy: ['changedAt'],
  defaultOrder: [{ property: 'changedAt', direction: 'ASC' }],
  feature: Feature.LEAD_PIPELINE,
  permissions: { read: PATIENT_READERS, create: [], update: [], delete: [], restore: [] },
  patientIdProperty: 'patientId',
});

/** Keeps one journey move (by the caller's membership), on the action's authority: nobody creates these directly. */
export async function recordJourneyChange(data: DataAccess, patientId: string, fromStage: JourneyStage | null, toStage: JourneyStage): Promise<void> {
  const memberId = await callerMemberId(data);
  await data.create(
    journeyStageChangeResource,
    { patientId: toGlobalId(patientResource.typeName, patientId), fromStage, toStage, changedById: toGlobalId(memberResource.typeName, memberId) },
    true,
  );
}
