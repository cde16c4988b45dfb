import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ValueTransformer } from 'typeorm';

/**
 * Encryption at rest of the free text that identifies health conditions (a resident's medical
 * details, incident details, safeguarding notes, daily-record observations): AES-256-GCM in
 * this process, so PostgreSQL, its logs, its dumps and the audit trail only ever hold
 * ciphertext, and the key never travels to the database (README "Encrypted columns" says why
 * not pgcrypto).
 *
 * A stored value is `cg1:<key id>:<base64 of iv (12 bytes) ‖ tag (16) ‖ ciphertext>`. The key id
 * names the key that sealed it, so keys can rotate: the current key seals, previous keys still
 * open, and `npm run data:reencrypt` moves every value to the current key. The additional
 * authenticated data is the column's name (`incidents.details`): a value copied into another
 * column does not open. A wrong or missing key is a DataKeyError naming the key id, never
 * garbage (GCM's tag fails).
 */

export interface DataKey {
  id: string;
  key: Buffer;
}

export interface DataKeyring {
  /** Seals every new value. */
  current: DataKey;
  /** Open values sealed before a rotation, by key id (the current key included). */
  byId: Map<string, DataKey>;
}

const FORMAT = 'cg1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The data key is missing, wrong, or the stored value was altered: the value cannot be read. */
export class DataKeyError extends Error {
  constructor(
    message: string,
    readonly keyId: string | null,
  ) {
    super(message);
    this.name = 'DataKeyError';
  }
}

/** `<key id>:<32 bytes in base64>`, as DATA_ENCRYPTION_KEY and each of DATA_ENCRYPTION_PREVIOUS_KEYS give it. */
export function parseDataKey(text: string, variable: string): DataKey {
  const separator = text.indexOf(':');
  const id = text.slice(0, separator);
  const key = Buffer.from(text.slice(separator + 1), 'base64');
  if (separator < 0 || !KEY_ID.test(id) || key.length !== 32) {
    throw new Error(`${variable} must be "<key id>:<32 random bytes in base64>" (key id: letters, digits, _ or -, at most 32), e.g. k1:$(openssl rand -base64 32)`);
  }
  return { id, key };
}

/** A new key in the form parseDataKey reads. */
export function generateDataKey(id = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

export function dataKeyring(current: string, previous: readonly string[] = []): DataKeyring {
  const currentKey = parseDataKey(current, 'DATA_ENCRYPTION_KEY');
  const byId = new Map<string, DataKey>([[currentKey.id, currentKey]]);
  for (const text of previous) {
    const key = parseDataKey(text, 'DATA_ENCRYPTION_PREVIOUS_KEYS');
    const known = byId.get(key.id);
    if (known && !known.key.equals(key.key)) throw new Error(`DATA_ENCRYPTION_PREVIOUS_KEYS gives key id ${key.id} a second, different key`);
    byId.set(key.id, key);
  }
  return { current: currentKey, byId };
}

/**
 * Outside production without DATA_ENCRYPTION_KEY: a key kept next to the embedded database
 * (`<DATA_DIR>/data-encryption.key`, mode 600), made on first use, so that data written by one
 * `npm start` is readable by the next. Production must give the key (config.ts refuses to start).
 */
export function developmentDataKey(dataDir: string): string {
  const file = path.resolve(dataDir, 'data-encryption.key');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = generateDataKey('dev');
  // 'wx': two processes starting at once keep the first one's key.
  try {
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
    throw error;
  }
}

let keyring: DataKeyring | undefined;

/** The process's keyring, installed by `useDataKeyring` (main, the server, the demo loader, the data commands). */
export function activeKeyring(): DataKeyring {
  if (!keyring) throw new DataKeyError('no data encryption key is installed in this process (DATA_ENCRYPTION_KEY)', null);
  return keyring;
}

export function useDataKeyring(ring: DataKeyring): void {
  keyring = ring;
}

/** Seals `plaintext` for `context` (`table.column`) with the current key. */
export function seal(plaintext: string, context: string, ring: DataKeyring = activeKeyring()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${FORMAT}:${ring.current.id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** The key id a stored value was sealed with, or null if it is not a sealed value. */
export function sealedKeyId(stored: string): string | null {
  const match = /^cg1:([A-Za-z0-9_-]{1,32}):/.exec(stored);
  return match ? match[1] : null;
}

/** Opens a value `seal` made for the same context; DataKeyError when its key is not configured or does not open it. */
export function open(stored: string, context: string, ring: DataKeyring = activeKeyring()): string {
  const keyId = sealedKeyId(stored);
  if (!keyId) throw new DataKeyError(`${context} holds a value that is not sealed by CareGraph`, null);
  const key = ring.byId.get(keyId);
  if (!key) throw new DataKeyError(`${context} was sealed with data key ${keyId}, which is not configured (DATA_ENCRYPTION_KEY or DATA_ENCRYPTION_PREVIOUS_KEYS)`, keyId);
  const raw = Buffer.from(stored.slice(FORMAT.length + keyId.length + 2), 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new DataKeyError(`${context} holds a truncated sealed value`, keyId);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new DataKeyError(`${context} does not open with data key ${keyId}: the configured key is wrong or the value was altered`, keyId);
  }
}

/**
 * The column transformer of an encrypted column: the entity holds plaintext (text, or a JSON
 * object when `json`), the table holds `seal`ed text. TypeORM applies `to` on every insert and
 * update the data layer makes; the data layer's row reader applies `from` (src/data/table.ts).
 * Such a column can be neither filtered nor ordered on (linkResources refuses it at start-up).
 */
export class EncryptedColumn implements ValueTransformer {
  constructor(
    /** `table.column`: bound to every value as additional authenticated data. */
    readonly context: string,
    readonly json: boolean,
  ) {}

  to(value: unknown): unknown {
    if (value === null || value === undefined) return value;
    return seal(this.json ? JSON.stringify(value) : String(value), this.context);
  }

  from(value: unknown): unknown {
    if (value === null || value === undefined) return value;
    const text = open(String(value), this.context);
    return this.json ? (JSON.parse(text) as unknown) : text;
  }
}

/** `@Column('text', { transformer: encrypted('incidents', 'details') })`: free text sealed at rest. */
export const encrypted = (table: string, column: string) => new EncryptedColumn(`${table}.${column}`, false);
/** A JSON object sealed at rest (stored as text: the database cannot look inside it, which is the point). */
export const encryptedJson = (table: string, column: string) => new EncryptedColumn(`${table}.${column}`, true);
