import { types } from 'pg';
import type { CustomTypesConfig } from 'pg';

const TIMESTAMPTZ = 1184;
const parseTimestamptz = types.getTypeParser(TIMESTAMPTZ, 'text') as (text: string) => Date;

/**
 * `timestamptz` text as the API prints it (`2026-05-21T09:15:00.000Z`), without a Date in
 * between: reads return thousands of timestamps, and parsing each into a Date (then printing
 * it again) was a measurable share of a large response. The request connections run with
 * TimeZone=UTC, so the text ends in `+00`; anything else takes the exact, slower path.
 */
export function isoTimestamp(text: string): string {
  // 'YYYY-MM-DD HH:MM:SS[.ffffff]+00'
  if (text.length >= 22 && text.endsWith('+00') && text[4] === '-' && text[10] === ' ') {
    const fraction = text.length > 22 ? text.slice(20, text.length - 3) : '';
    return `${text.slice(0, 10)}T${text.slice(11, 19)}.${(fraction + '000').slice(0, 3)}Z`;
  }
  return parseTimestamptz(text).toISOString();
}

/** Type parsers of read queries: timestamps stay ISO strings (the DateTime scalar passes them through). */
export const READ_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ ? isoTimestamp : types.getTypeParser(oid, format as 'text')) as CustomTypesConfig['getTypeParser'],
};
