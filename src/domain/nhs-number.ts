import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * NHS number: ten digits whose last is a modulus-11 check digit: weights 10..2 over the first
 * nine, check = 11 − (sum mod 11), 11 becomes 0, and 10 means the number is invalid.
 * The database enforces the same rule (is_valid_nhs_number in the first migration).
 */
export function isValidNhsNumber(value: string): boolean {
  if (!/^[0-9]{10}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(value[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  return check !== 10 && check === Number(value[9]);
}

/** Makes a valid NHS number from nine digits (demo data and tests); null when no check digit exists. */
export function withNhsCheckDigit(nineDigits: string): string | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  return check === 10 ? null : `${nineDigits}${check}`;
}

export function IsNhsNumber(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'nhsNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a 10-digit NHS number with a valid modulus-11 check digit', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidNhsNumber(value) },
    });
}
