import { AppError } from '../errors/app-error';

/** A date (`YYYY-MM-DD`), a Date or an ISO timestamp, as milliseconds; null when unset. */
function instant(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const time = value instanceof Date ? value.getTime() : Date.parse(String(value));
  return Number.isNaN(time) ? null : time;
}

/** `end` strictly after `start` when both are set; the error names the end field and the rule. */
export function assertPeriod(start: unknown, end: unknown, startName: string, endName: string): void {
  const from = instant(start);
  const to = instant(end);
  if (from !== null && to !== null && !(to > from)) {
    throw AppError.badInput([{ field: `input.${endName}`, rule: 'endAfterStart', message: `must be after ${startName}` }]);
  }
}

/** A date that is not after today (UTC), or a time not after now (a minute's clock skew allowed); the error names the field. */
export function assertNotInFuture(value: unknown, name: string): void {
  if (value === null || value === undefined) return;
  const late = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value > new Date().toISOString().slice(0, 10) : instant(value)! > Date.now() + 60_000;
  if (late) throw AppError.badInput([{ field: `input.${name}`, rule: 'notInFuture', message: 'cannot be in the future' }]);
}

const givenOf = (row: Record<string, unknown>, group: readonly string[]) => group.filter((property) => row[property] !== null && row[property] !== undefined);

/** Exactly one of `group` is set; the error names the ones given (too many) or all of them (none). */
export function assertExactlyOne(row: Record<string, unknown>, group: readonly string[]): void {
  const given = givenOf(row, group);
  if (given.length === 1) return;
  const message = `give exactly one of ${group.join(', ')}`;
  throw AppError.badInput((given.length ? given : group).map((property) => ({ field: `input.${property}`, rule: 'exactlyOne', message })));
}

/** At most one of `group` is set; the error names the ones given. */
export function assertAtMostOne(row: Record<string, unknown>, group: readonly string[]): void {
  const given = givenOf(row, group);
  if (given.length <= 1) return;
  const message = `give at most one of ${group.join(', ')}`;
  throw AppError.badInput(given.map((property) => ({ field: `input.${property}`, rule: 'atMostOne', message })));
}
