import { hash, verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';
import { AppError } from '../errors/app-error';

/**
 * Password hashing: argon2id (@node-rs/argon2: prebuilt binaries, no native build; its defaults
 * follow OWASP's minimum, 19 MiB, 2 passes, 1 lane). Hashes made earlier with bcrypt (the demo
 * logins) still verify; every new password is hashed with argon2id.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) return verify(stored, password).catch(() => false);
  if (stored.startsWith('$2')) return bcrypt.compare(password, stored);
  return false;
}

let dummy: Promise<string> | undefined;
/** Verified against when there is no account, so that both failures take the same time. */
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword('caregraph-timing-equaliser'));
}

/** Lower-case, as typed most often: refused outright (a short list; length does most of the work). */
const COMMON = new Set(['password1234', 'password12345', 'passwordpassword', 'qwertyuiop123', '123456789012', 'letmein12345', 'welcome12345', 'iloveyou1234', 'changeme1234', 'administrator']);

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

/**
 * The minimum policy (NIST SP 800-63B: length over composition rules): 12 to 200 characters,
 * at least 5 different ones, not a well-known password, not containing the account's e-mail
 * name. Refused with rule `passwordPolicy` on `input.password`, saying which.
 */
export function assertPasswordPolicy(password: string, email: string): void {
  const problem = (message: string) => AppError.badInput([{ field: 'input.password', rule: 'passwordPolicy', message }]);
  // Measured as seen: invisible formatting, combining marks and surrounding spaces do not count.
  const seen = [...password.normalize('NFKC').replace(/[\p{Cf}\p{Mn}\p{Me}]/gu, '').trim()];
  if (seen.length < PASSWORD_MIN || [...password].length > PASSWORD_MAX) throw problem(`must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long (invisible ones and surrounding spaces do not count)`);
  if (new Set(seen).size < 5) throw problem('must use at least 5 different characters');
  const lower = seen.join('').toLowerCase();
  if (COMMON.has(lower)) throw problem('is a well-known password');
  const name = email.split('@')[0].toLowerCase();
  if (name.length >= 4 && lower.includes(name)) throw problem('must not contain your e-mail name');
}
