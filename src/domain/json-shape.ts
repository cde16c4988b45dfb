import { AppError, type FieldProblem } from '../errors/app-error';

/** One key of a JSON object's declared shape. */
export type JsonField =
  | { type: 'boolean' | 'string' | 'strings'; required?: boolean; description?: string }
  | { type: 'integer' | 'number'; min?: number; max?: number; required?: boolean; description?: string }
  | { type: 'oneOf'; values: readonly string[]; required?: boolean; description?: string };

/** A JSON object's shape: its keys (no others are accepted). */
export type JsonShape = Readonly<Record<string, JsonField>>;

const MAX_STRING = 2000;
const MAX_LIST = 50;

function problem(value: unknown, spec: JsonField): string | null {
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'string':
      return typeof value === 'string' && value.trim() && value.length <= MAX_STRING ? null : `must be text of 1 to ${MAX_STRING} characters`;
    case 'strings':
      return Array.isArray(value) && value.length <= MAX_LIST && value.every((v) => typeof v === 'string' && v.trim() && v.length <= MAX_STRING)
        ? null
        : `must be a list of at most ${MAX_LIST} texts`;
    case 'integer':
    case 'number': {
      const ok = typeof value === 'number' && Number.isFinite(value) && (spec.type === 'number' || Number.isInteger(value));
      const inRange = ok && (spec.min === undefined || value >= spec.min) && (spec.max === undefined || value <= spec.max);
      return inRange ? null : `must be ${spec.type === 'integer' ? 'an integer' : 'a number'}${spec.min !== undefined ? ` from ${spec.min}` : ''}${spec.max !== undefined ? ` to ${spec.max}` : ''}`;
    }
    case 'oneOf':
      return typeof value === 'string' && spec.values.includes(value) ? null : `must be one of ${spec.values.join(', ')}`;
  }
}

/** The problems of `value` against `shape`, each naming `<field>.<key>` and the rule `shape`. */
export function shapeProblems(value: unknown, shape: JsonShape, field: string): FieldProblem[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [{ field, rule: 'shape', message: 'must be a JSON object' }];
  const record = value as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(record)) {
    // Own keys only: `constructor` or `__proto__` are not keys of a declared shape.
    if (!Object.hasOwn(shape, key)) problems.push({ field: `${field}.${key}`, rule: 'shape', message: `is not a key of this object (keys: ${Object.keys(shape).join(', ')})` });
  }
  for (const [key, spec] of Object.entries(shape)) {
    const present = record[key] !== undefined && record[key] !== null;
    if (!present) {
      if (spec.required) problems.push({ field: `${field}.${key}`, rule: 'shape', message: 'is required' });
      continue;
    }
    const message = problem(record[key], spec);
    if (message) problems.push({ field: `${field}.${key}`, rule: 'shape', message });
  }
  return problems;
}

/** Throws BAD_USER_INPUT listing every problem of the given objects. */
export function assertShapes(checks: ReadonlyArray<{ value: unknown; shape: JsonShape; field: string }>): void {
  const problems = checks.flatMap(({ value, shape, field }) => shapeProblems(value, shape, field));
  if (problems.length) throw AppError.badInput(problems);
}

/** `{ key: type, … }` for a GraphQL description: the documented form of a shape. */
export function describeShape(shape: JsonShape): string {
  const entries = Object.entries(shape).map(([key, spec]) => {
    const type = spec.type === 'oneOf' ? spec.values.join('|') : spec.type === 'strings' ? '[string]' : spec.type;
    const range = 'min' in spec || 'max' in spec ? ` ${'min' in spec ? spec.min : ''}–${'max' in spec ? spec.max : ''}` : '';
    return `${key}${spec.required ? '' : '?'}: ${type}${range}`;
  });
  return `{ ${entries.join(', ')} }`;
}
