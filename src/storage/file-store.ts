import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DataKeyError, openBytes, sealBytes } from '../crypto/data-keys';

/** Stored bytes that are missing, do not open, or do not hash to the checksum they are stored under: never served. */
export class FileIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileIntegrityError';
  }
}

const sha256Of = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

const SHA256 = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Where document versions keep their bytes, addressed by tenant and SHA-256 of the content:
 * storing the same bytes twice keeps one copy, and a read returns the bytes only if they still
 * hash to the address. A cloud object store implements the same two methods.
 */
export interface FileStore {
  /** Stores `content` for the tenant (idempotent); its SHA-256 in hex. */
  put(tenantId: string, content: Buffer): Promise<string>;
  /** The bytes stored under `sha256` for the tenant, checked against it; FileIntegrityError otherwise. */
  get(tenantId: string, sha256: string): Promise<Buffer>;
}

/**
 * The local-disk store: `<root>/<tenant id>/<first two hex digits>/<sha256>`, each file sealed
 * with the data encryption key (AES-256-GCM, bound to its tenant and checksum: a file copied to
 * another tenant's or checksum's place does not open), written to a temporary name and renamed,
 * so a reader never sees half a file. Per tenant, so that a tenant's files can be erased
 * together and one tenant's upload never tells another what it holds.
 */
export class LocalDiskFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private location(tenantId: string, sha256: string): string {
    // Both come from the server (a checked tenant id, a computed or stored checksum); checked again since they become a path.
    if (!UUID.test(tenantId) || !SHA256.test(sha256)) throw new FileIntegrityError('not a tenant id and checksum');
    return path.join(this.root, tenantId, sha256.slice(0, 2), sha256);
  }

  async put(tenantId: string, content: Buffer): Promise<string> {
    const sha256 = sha256Of(content);
    const file = this.location(tenantId, sha256);
    try {
      await fs.access(file);
      return sha256; // the same bytes are there already
    } catch {
      // not stored yet
    }
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${randomUUID()}.tmp`;
    try {
      await fs.writeFile(temporary, sealBytes(content, aadOf(tenantId, sha256)), { mode: 0o600, flag: 'wx' });
      await fs.rename(temporary, file);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
    return sha256;
  }

  async get(tenantId: string, sha256: string): Promise<Buffer> {
    let stored: Buffer;
    try {
      stored = await fs.readFile(this.location(tenantId, sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FileIntegrityError('stored file missing');
      throw error;
    }
    let content: Buffer;
    try {
      content = openBytes(stored, aadOf(tenantId, sha256), 'stored file');
    } catch (error) {
      // GCM cannot tell altered bytes from a wrong key: either way this file cannot be served.
      if (error instanceof DataKeyError) throw new FileIntegrityError(`stored file does not open: ${error.message}`);
      throw error;
    }
    if (sha256Of(content) !== sha256) throw new FileIntegrityError('stored file does not match its checksum');
    return content;
  }
}

const aadOf = (tenantId: string, sha256: string) => `${tenantId}:file:${sha256}`;
