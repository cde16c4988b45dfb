import { GraphQLError, GraphQLScalarType, GraphQLScalarTypeConfig, Kind } from 'graphql';
import { DateResolver, DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The dates and times the API accepts. PostgreSQL refuses year 0 and some far years that
 * JavaScript accepts, and no clinical fact lies outside this range: a value outside it is the
 * client's mistake, refused when the argument is coerced, on every path.
 */
export const DATE_RANGE = { min: '1800-01-01', max: '9999-12-31' } as const;
const MIN_TIME = Date.parse(`${DATE_RANGE.min}T00:00:00.000Z`);
const MAX_TIME = Date.parse(`${DATE_RANGE.max}T23:59:59.999Z`);

function inRange(value: Date, type: string): Date {
  const time = value.getTime();
  if (!(time >= MIN_TIME && time <= MAX_TIME)) {
    throw new GraphQLError(`${type} must be between ${DATE_RANGE.min} and ${DATE_RANGE.max} (rule: dateRange)`);
  }
  return value;
}

/** graphql-scalars' scalar, with the range checked on input (variables and literals alike). */
function ranged(base: GraphQLScalarType, overrides: Partial<GraphQLScalarTypeConfig<unknown, unknown>> = {}): GraphQLScalarType {
  const config = base.toConfig();
  return new GraphQLScalarType({
    ...config,
    parseValue: (value) => inRange(config.parseValue!(value) as Date, base.name),
    parseLiteral: (ast, variables) => inRange(config.parseLiteral!(ast, variables) as Date, base.name),
    ...overrides,
  });
}

/** graphql-scalars' Date (`YYYY-MM-DD`), within DATE_RANGE. */
export const DateScalar = ranged(DateResolver);

/**
 * graphql-scalars' DateTime within DATE_RANGE, except that a timestamp already in the API's
 * output form (`2026-05-21T09:15:00.000Z`, as reads produce it: src/db/read-types.ts) is sent
 * as is instead of being turned into a Date and printed again.
 */
export const DateTime = ranged(DateTimeResolver, {
  serialize: (value) => (typeof value === 'string' && CANONICAL.test(value) ? value : DateTimeResolver.serialize(value)),
});

/** Exact decimal numbers as text (`"12.50"`): money and measurements are never floats. */
const DECIMAL = /^-?(0|[1-9]\d{0,17})(\.\d{1,6})?$/;

function parseDecimal(value: unknown): string {
  if (typeof value === 'string' && DECIMAL.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw new GraphQLError('Decimal must be text such as "12.50": at most 18 digits before the point and 6 after (rule: decimal)');
}

export const Decimal = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number as text, e.g. `"12.50"` (at most 18 digits before the point and 6 after). Compared as a number, never as text.',
  serialize: (value) => (typeof value === 'string' ? value : String(value)),
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING || ast.kind === Kind.INT ? (ast.kind === Kind.INT ? Number(ast.value) : ast.value) : undefined),
});

/** graphql-scalars' JSONObject: structured details (a care plan's goals, say), always an object at the top. */
export const JsonObject = JSONObjectResolver;

/** `HH:MM` or `HH:MM:SS` on a 24-hour clock, whole minutes; `24:00` is the end of a day. */
const LOCAL_TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)(?::00)?|24:00(?::00)?)$/;

function parseLocalTime(value: unknown): string {
  if (typeof value === 'string' && LOCAL_TIME.test(value)) return value.length === 5 ? `${value}:00` : value;
  throw new GraphQLError('LocalTime must be a time of day such as "09:30" (24-hour clock, whole minutes; "24:00" ends a day) (rule: localTime)');
}

/**
 * A time of day without a date or time zone (a professional's working hours), stored as
 * PostgreSQL `time(0)`. Accepted as `HH:MM` (or `HH:MM:00`); always answered as PostgreSQL
 * prints it, `HH:MM:SS`, so that every read path (the resolvers and the compiled statement,
 * which serves the column as stored) answers the same text.
 */
export const LocalTime = new GraphQLScalarType({
  name: 'LocalTime',
  description: 'A time of day on a 24-hour clock, without a date or time zone: given as `"09:30"`, answered as `"09:30:00"`. Whole minutes; `"24:00"` is the end of the day.',
  serialize: (value) => (typeof value === 'string' ? value : String(value)),
  parseValue: parseLocalTime,
  parseLiteral: (ast) => parseLocalTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
