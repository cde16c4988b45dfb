import { createHmac } from 'node:crypto';
import { developmentDataKey } from './data-keys';

/** At least 32 bytes of secret: a shorter PSEUDONYM_KEY could be guessed, and every pseudonym with it. */
export function pseudonymKeyFrom(text: string): string {
  if (Buffer.byteLength(text) < 32) throw new Error('PSEUDONYM_KEY must be at least 32 characters of secret (e.g. $(openssl rand -base64 32))');
  return text;
}

/** Outside production without PSEUDONYM_KEY: derived from the development data key, so it stays the same from run to run. */
export function developmentPseudonymKey(dataDir: string): string {
  return createHmac('sha256', developmentDataKey(dataDir)).update('caregraph patient pseudonyms').digest('base64');
}

/**
 * A patient's pseudonymous key for analysts: HMAC-SHA256 of tenant and patient under the
 * server's secret, 128 bits in hex. The same patient always has the same key in its tenant; the
 * key cannot be turned back into the patient (or linked across tenants) without the secret.
 */
export function patientPseudonym(secret: string, tenantId: string, patientId: string): string {
  return createHmac('sha256', secret).update(`patient:${tenantId}:${patientId}`).digest('hex').slice(0, 32);
}
