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

/**
 * SQL for the end of a record's shift, as a timestamptz: the record's date and shift in the
 * patient's site's time zone (Europe/London when the patient has no site). Parameters: date, shift's
 * start hour, length in hours, patient id; the tenant comes from row-level security and `tenant`.
 */
export const SHIFT_BOUNDS_SQL = (tenant: string, date: string, startHour: string, hours: string, patientId: string) =>
  `SELECT (${date}::date + make_interval(hours => ${startHour})) AT TIME ZONE tz AS starts_at,
          (${date}::date + make_interval(hours => ${startHour} + ${hours})) AT TIME ZONE tz AS ends_at,
          now() AS now
     FROM (SELECT coalesce((SELECT s.timezone FROM patients p JOIN sites s ON s.tenant_id = p.tenant_id AND s.id = p.site_id
                            WHERE p.tenant_id = ${tenant} AND p.id = ${patientId}), 'Europe/London') AS tz) zone`;
