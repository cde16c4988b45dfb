import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

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
 * authenticated data names the tenant, the column and the row (`sealedFor`): a value copied into
 * another column, row or tenant does not open, so whoever can write the database cannot move one
 * resident's details onto another's row. A wrong or missing key, or an altered or moved value,
 * is a DataKeyError naming the column and key id, never garbage (GCM's tag fails).
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

/** The additional authenticated data of one column of one row of one tenant. */
export const sealedFor = (where: { tenantId: string; table: string; column: string; rowId: string }) => `${where.tenantId}:${where.table}.${where.column}:${where.rowId}`;

/** iv ‖ tag ‖ AES-256-GCM ciphertext of `plaintext`, authenticated with `aad`. */
function encrypt(plaintext: Buffer, aad: string, key: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** What `encrypt` made, opened; DataKeyError (naming `label`, never the value) when it does not open. */
function decrypt(raw: Buffer, aad: string, key: DataKey, label: string): Buffer {
  if (raw.length < IV_BYTES + TAG_BYTES) throw new DataKeyError(`${label} holds a truncated sealed value`, key.id);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DataKeyError(`${label} does not open with data key ${key.id}: the key is wrong, or the value was altered or moved from another row`, key.id);
  }
}

/** The configured key of a sealed value's key id, or DataKeyError. */
function keyOf(keyId: string, label: string, ring: DataKeyring): DataKey {
  const key = ring.byId.get(keyId);
  if (!key) throw new DataKeyError(`${label} was sealed with data key ${keyId}, which is not configured (DATA_ENCRYPTION_KEY or DATA_ENCRYPTION_PREVIOUS_KEYS)`, keyId);
  return key;
}

/** Seals `plaintext` for `aad` (see sealedFor) with the current key. */
export function seal(plaintext: string, aad: string, ring: DataKeyring = activeKeyring()): string {
  return `${FORMAT}:${ring.current.id}:${encrypt(Buffer.from(plaintext, 'utf8'), aad, ring.current.key).toString('base64')}`;
}

/** The key id a stored value was sealed with, or null if it is not a sealed value. */
export function sealedKeyId(stored: string): string | null {
  const match = /^cg1:([A-Za-z0-9_-]{1,32}):/.exec(stored);
  return match ? match[1] : null;
}

/**
 * Opens a value `seal` made for the same `aad`; DataKeyError when its key is not configured or
 * does not open it (a wrong key, an altered value, a value moved from another row). `label`
 * (`incidents.details`) names it in the error: no ids or values.
 */
export function open(stored: string, aad: string, label: string, ring: DataKeyring = activeKeyring()): string {
  const keyId = sealedKeyId(stored);
  if (!keyId) throw new DataKeyError(`${label} holds a value that is not sealed by CareGraph`, null);
  return decrypt(Buffer.from(stored.slice(FORMAT.length + keyId.length + 2), 'base64'), aad, keyOf(keyId, label, ring), label).toString('utf8');
}

/** Bytes (a stored file) sealed for `aad`: `cg1:<key id>:` then iv ‖ tag ‖ ciphertext, in binary. */
export function sealBytes(plaintext: Buffer, aad: string, ring: DataKeyring = activeKeyring()): Buffer {
  return Buffer.concat([Buffer.from(`${FORMAT}:${ring.current.id}:`, 'ascii'), encrypt(plaintext, aad, ring.current.key)]);
}

/** Bytes `sealBytes` made for the same `aad`, opened; DataKeyError as `open`. */
export function openBytes(stored: Buffer, aad: string, label: string, ring: DataKeyring = activeKeyring()): Buffer {
  const keyId = sealedKeyId(stored.subarray(0, FORMAT.length + 34).toString('latin1'));
  if (!keyId) throw new DataKeyError(`${label} holds bytes that are not sealed by CareGraph`, null);
  return decrypt(stored.subarray(FORMAT.length + keyId.length + 2), aad, keyOf(keyId, label, ring), label);
}

/** How an encrypted property is stored: text, or a JSON object serialized before sealing. */
export interface EncryptedProperty {
  json: boolean;
}

const encryptedProperties = new Map<Function, Map<string, EncryptedProperty>>();

/**
 * Marks an entity column as encrypted at rest (a `text` column): the data layer seals it on
 * every write and opens it on every read (src/data/table.ts), the migration adds a CHECK that
 * it holds sealed values only, and it can be neither filtered nor ordered on (linkResources
 * refuses that at start-up). `json`: the property is a JSON object.
 *
 * @example
 * @Field() @Column('text') @Encrypted() details!: string;
 */
export function Encrypted(options: Partial<EncryptedProperty> = {}): PropertyDecorator {
  return (target, property) => {
    const entity = target.constructor;
    let properties = encryptedProperties.get(entity);
    if (!properties) encryptedProperties.set(entity, (properties = new Map()));
    properties.set(String(property), { json: options.json ?? false });
  };
}

/** The encrypted property of an entity (its class chain included), if `property` is one. */
export function encryptedProperty(entity: Function, property: string): EncryptedProperty | undefined {
  for (let cls = entity; cls && cls !== Function.prototype; cls = Object.getPrototypeOf(cls) as Function) {
    const found = encryptedProperties.get(cls)?.get(property);
    if (found) return found;
  }
  return undefined;
}

/** A property's value as sealed text. */
export function sealValue(value: unknown, property: EncryptedProperty, aad: string): string {
  return seal(property.json ? JSON.stringify(value) : String(value), aad);
}

/** A sealed value opened back into the property's value. */
export function openValue(stored: string, property: EncryptedProperty, aad: string, label: string): unknown {
  const text = open(stored, aad, label);
  if (!property.json) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // JSON.parse's own message quotes the text: never let it reach a log.
    throw new DataKeyError(`${label} opened to something that is not JSON`, sealedKeyId(stored));
  }
}
