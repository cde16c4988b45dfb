import { IsIn, IsTimeZone, Matches, ValidationOptions, type ValidatorOptions } from 'class-validator';

/** How inputs are validated, by type-graphql (src/schema.ts) and by the compiled read path (compiled-args.ts) alike: optional fields only when given; GraphQL enforces the required ones. */
export const VALIDATOR_OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true };

/** The database refuses blank names, titles and notes (CHECK length(btrim(x)) > 0); say so up front. */
export const IsNotBlank = (options?: ValidationOptions) => Matches(/\S/, { message: 'must not be blank', ...options });

/** ISO 4217 codes as the runtime's ICU knows them. */
const CURRENCIES = Intl.supportedValuesOf('currency');
export const IsCurrencyCode = () => IsIn(CURRENCIES, { message: 'must be an ISO 4217 currency code such as GBP' });
/** A language tag as the database checks it (`en`, `en-GB`). */
export const IsLanguageTag = () => Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'must be a language tag such as en-GB' });

export const PHONE = /^\+?[0-9 ()-]{3,31}$/;
export const IsPhoneNumber = () => Matches(PHONE, { message: 'must be a phone number: digits, spaces, ( ) - and an optional leading +' });

/**
 * An IANA time zone name (`Europe/London`, `UTC`): one the runtime knows, written as a name.
 * POSIX specifications such as `<+99>-167` or `FOO+3`, which PostgreSQL also accepts, are refused.
 */
export const IsTimeZoneName = (): PropertyDecorator => (target, property) => {
  Matches(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, { message: 'must be an IANA time zone name such as Europe/London' })(target, property);
  IsTimeZone({ message: 'must be an IANA time zone name such as Europe/London' })(target, property);
};

/**
 * A Decimal that fits its column exactly: at most `scale` decimals (the database would round
 * more away silently) and at most `digits` digits before the point; `nonNegative` for amounts,
 * `positive` for what must be more than zero (a quantity, a payment).
 */
export const IsDecimalOf = ({ digits, scale, nonNegative = false, positive = false }: { digits: number; scale: number; nonNegative?: boolean; positive?: boolean }) =>
  Matches(new RegExp(`^${positive ? '(?!0(\\.0+)?$)' : nonNegative ? '' : '-?'}(0|[1-9]\\d{0,${digits - 1}})(\\.\\d{1,${scale}})?$`), {
    message: `must be a${positive ? ' positive' : nonNegative ? ' non-negative' : ''} decimal with at most ${digits} digits before the point and ${scale} after`,
  });
