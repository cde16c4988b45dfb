import { Shift } from '../entities/enums';
import { describeShape, type JsonShape } from './json-shape';

/** Shift windows in the site's local time: start hour and length in hours (NIGHT runs past midnight). */
export const SHIFT_WINDOWS: Readonly<Record<Shift, { startHour: number; hours: number }>> = {
  [Shift.MORNING]: { startHour: 7, hours: 7 },
  [Shift.AFTERNOON]: { startHour: 14, hours: 8 },
  [Shift.NIGHT]: { startHour: 22, hours: 9 },
};

export const CARE_DELIVERED_SHAPE: JsonShape = {
  personalCare: { type: 'boolean' },
  continenceCare: { type: 'boolean' },
  repositioned: { type: 'integer', min: 0, max: 48, description: 'times' },
  mealsTaken: { type: 'oneOf', values: ['ALL', 'MOST', 'HALF', 'LITTLE', 'NONE'] },
  fluidsMl: { type: 'integer', min: 0, max: 10000 },
  medicationGiven: { type: 'boolean' },
  activities: { type: 'strings' },
};

export const OBSERVATIONS_SHAPE: JsonShape = {
  mood: { type: 'oneOf', values: ['SETTLED', 'LOW', 'ANXIOUS', 'AGITATED', 'DISTRESSED'] },
  sleep: { type: 'oneOf', values: ['WELL', 'FAIR', 'POOR', 'AWAKE'] },
  skinIntact: { type: 'boolean' },
  painScore: { type: 'integer', min: 0, max: 10 },
  notes: { type: 'string' },
};

export const CARE_DELIVERED_DESCRIPTION = `Care delivered: ${describeShape(CARE_DELIVERED_SHAPE)}.`;
export const OBSERVATIONS_DESCRIPTION = `Observations: ${describeShape(OBSERVATIONS_SHAPE)}. Encrypted at rest.`;
