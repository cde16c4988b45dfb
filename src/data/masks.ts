import type { Role } from '../entities/enums';
import { IDENTIFYING_READERS } from '../auth/permissions';

/**
 * Minimum necessary: what a reader outside a field's `fullFor` roles gets instead of its value.
 * Each transform is written once with both of its forms, the value the resolvers show and the
 * SQL the compiled read path builds, so that the two paths cannot disagree (a generated test
 * holds them to it for every role, resource and field).
 *
 * - `initials`: a name's first character and a full stop (`Jane` → `J.`).
 * - `postcodeDistrict`: the district (outward code) of the first UK postcode in the text
 *   (`12 High St, Leeds LS1 4AB` → `LS1`), null when it holds none: the rest of an address is withheld.
 * - `withheld`: null, without an error (a list of 500 rows is not 500 errors).
 * - `refused`: null with a FORBIDDEN error at the field's path, for what a role should not even ask for (a resident's medical details).
 */
export type MaskKind = 'initials' | 'postcodeDistrict' | 'withheld' | 'refused';

export interface FieldMask {
  /** The roles (system roles, or a custom role's or API client's masking profile) that read the field in full. */
  fullFor: readonly Role[];
  as: MaskKind;
}

/** What a masked field holds as SQL: on a column reference, constants only. */
interface Transform {
  /** For the field's GraphQL description: what a masked reader sees. */
  shows: string;
  /** Whether the field may be null for a masked reader although the value is not (the GraphQL field must be nullable). */
  nullable: boolean;
  value(stored: unknown): unknown;
  sql(column: string): string;
}

/**
 * A UK postcode standing alone (not inside a longer word): outward code (captured), an optional
 * space, inward code. Both regular expression engines read it alike: it has no construct on
 * which JavaScript and PostgreSQL's ARE differ, and the inward code's fixed shape leaves one
 * way to split a match.
 */
const POSTCODE = '(?:^|[^A-Za-z0-9])([A-Za-z]{1,2}[0-9][A-Za-z0-9]?) ?[0-9][A-Za-z]{2}(?:$|[^A-Za-z0-9])';
const POSTCODE_JS = new RegExp(POSTCODE);

export const TRANSFORMS: Readonly<Record<Exclude<MaskKind, 'refused'>, Transform>> = {
  initials: {
    shows: 'the initial only (`J.`)',
    nullable: false,
    // The first code point, as PostgreSQL's left(…, 1) takes it.
    value: (stored) => (stored == null ? null : `${Array.from(String(stored))[0] ?? ''}.`),
    sql: (column) => `(left(${column}, 1) || '.')`,
  },
  postcodeDistrict: {
    shows: 'the postcode district only (`LS1`), or null',
    nullable: true,
    value: (stored) => {
      const match = stored == null ? null : POSTCODE_JS.exec(String(stored));
      return match ? match[1].toUpperCase() : null;
    },
    sql: (column) => `upper(substring(${column} FROM '${POSTCODE}'))`,
  },
  withheld: { shows: 'null', nullable: true, value: () => null, sql: () => 'NULL' },
};

/** Whether `role` reads a field with this mask in full. */
export const seesInFull = (mask: FieldMask, role: Role): boolean => mask.fullFor.includes(role);

/** The GraphQL description's sentence: who reads the field in full, and what the others get. */
export function describeMask(mask: FieldMask, readers: readonly Role[]): string {
  const others = readers.filter((role) => !mask.fullFor.includes(role));
  const full = readers.filter((role) => mask.fullFor.includes(role));
  if (!others.length) return '';
  const shows = mask.as === 'refused' ? 'refused (null, with a FORBIDDEN error)' : TRANSFORMS[mask.as].shows;
  return `Minimum necessary: in full for ${full.join(', ')}; for ${others.join(', ')}: ${shows}, and not filterable, sortable or groupable.`;
}

/** Free text about a person (a reason, a note, a reference): for those who work with identified people, withheld from the rest. */
export const FREE_TEXT: FieldMask = { fullFor: IDENTIFYING_READERS, as: 'withheld' };
