import { Matches, ValidationOptions } from 'class-validator';

/** The database refuses blank names, titles and notes (CHECK length(btrim(x)) > 0); say so up front. */
export const IsNotBlank = (options?: ValidationOptions) => Matches(/\S/, { message: 'must not be blank', ...options });

export const PHONE = /^\+?[0-9 ()-]{3,31}$/;
export const IsPhoneNumber = () => Matches(PHONE, { message: 'must be a phone number: digits, spaces, ( ) - and an optional leading +' });
