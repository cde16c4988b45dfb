import { AssessmentType } from '../entities/enums';
import { AppError } from '../errors/app-error';
import { assertShapes, describeShape, type JsonShape } from './json-shape';

/**
 * Each assessment type's score range (null: the type has no score) and the shape of its
 * findings, declared once: the input descriptions print them, and create and update check them.
 * Ranges are the instruments' own (Morse falls scale, Waterlow, MUST, Barthel index 0–20).
 */
export const ASSESSMENT_TYPES: Readonly<Record<AssessmentType, { score: { min: number; max: number } | null; findings: JsonShape }>> = {
  [AssessmentType.FALLS]: {
    score: { min: 0, max: 125 },
    findings: { fallsLast12Months: { type: 'integer', min: 0, max: 100, required: true }, mobilityAid: { type: 'string' }, riskLevel: { type: 'oneOf', values: ['LOW', 'MEDIUM', 'HIGH'], required: true } },
  },
  [AssessmentType.WATERLOW]: {
    score: { min: 0, max: 64 },
    findings: { skinCondition: { type: 'string', required: true }, riskLevel: { type: 'oneOf', values: ['NOT_AT_RISK', 'AT_RISK', 'HIGH', 'VERY_HIGH'], required: true } },
  },
  [AssessmentType.MUST]: {
    score: { min: 0, max: 6 },
    findings: { bmi: { type: 'number', min: 5, max: 100 }, weightLossPercent: { type: 'number', min: 0, max: 100 }, acutelyIll: { type: 'boolean', required: true }, riskLevel: { type: 'oneOf', values: ['LOW', 'MEDIUM', 'HIGH'], required: true } },
  },
  [AssessmentType.BARTHEL]: {
    score: { min: 0, max: 20 },
    findings: { dependency: { type: 'oneOf', values: ['INDEPENDENT', 'SLIGHT', 'MODERATE', 'SEVERE', 'TOTAL'], required: true }, notes: { type: 'string' } },
  },
  [AssessmentType.MENTAL_CAPACITY]: {
    score: null,
    findings: { decision: { type: 'string', required: true }, hasCapacity: { type: 'boolean', required: true }, bestInterestsDecision: { type: 'string' } },
  },
  [AssessmentType.OTHER]: { score: { min: 0, max: 1000 }, findings: { summary: { type: 'string', required: true }, details: { type: 'string' } } },
};

export const RECOMMENDATIONS_SHAPE: JsonShape = { actions: { type: 'strings', required: true }, reviewInDays: { type: 'integer', min: 1, max: 366 } };

export const FINDINGS_DESCRIPTION =
  'Findings as a JSON object in the shape of the type: ' +
  Object.entries(ASSESSMENT_TYPES)
    .map(([type, { score, findings }]) => `${type} ${describeShape(findings)}${score ? ` (score ${score.min}–${score.max}${type === AssessmentType.OTHER ? ', optional' : ''})` : ' (no score)'}`)
    .join('; ') +
  '.';
export const RECOMMENDATIONS_DESCRIPTION = `Recommendations: ${describeShape(RECOMMENDATIONS_SHAPE)}.`;

/** Checks an assessment as it would be after a create or update: the score against its type, the findings' and recommendations' shapes. */
export function assertAssessment(row: { type: AssessmentType; score: number | null | undefined; findings: unknown; recommendations: unknown }): void {
  const spec = ASSESSMENT_TYPES[row.type];
  const score = row.score ?? null;
  if (!spec.score && score !== null) throw AppError.badInput([{ field: 'input.score', rule: 'noScore', message: `${row.type} has no score: leave it out` }]);
  if (spec.score && score === null && row.type !== AssessmentType.OTHER) throw AppError.badInput([{ field: 'input.score', rule: 'required', message: `${row.type} needs its score` }]);
  if (spec.score && score !== null && (score < spec.score.min || score > spec.score.max)) {
    throw AppError.badInput([{ field: 'input.score', rule: 'range', message: `must be from ${spec.score.min} to ${spec.score.max} for ${row.type}` }]);
  }
  assertShapes([
    { value: row.findings, shape: spec.findings, field: 'input.findings' },
    { value: row.recommendations, shape: RECOMMENDATIONS_SHAPE, field: 'input.recommendations' },
  ]);
}
