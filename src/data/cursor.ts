import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Seals keyset cursors with AES-256-GCM. A cursor carries the sort values of its row, so
 * paging stays exact even when that row is edited or deleted meanwhile, but those values
 * (patients' names) must not be readable in URLs or logs, and a client must not forge them.
 */
export class CursorCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'caregraph', 'keyset-cursor-v1', 32));
  }

  /**
   * A codec whose cursors are bound to `scope` (the caller's tenant), as GCM's additional
   * authenticated data: a cursor sealed for one tenant does not open for another, so another
   * tenant's row cannot be used as a starting point (an ordering oracle on its data).
   */
  forScope(scope: string): ScopedCursorCodec {
    return { seal: (text) => this.seal(text, scope), open: (cursor) => this.open(cursor, scope) };
  }

  private seal(text: string, scope: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(scope, 'utf8'));
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The sealed text, or null when the cursor is malformed, forged, of another scope or from another key. */
  private open(cursor: string, scope: string): string | null {
    const raw = Buffer.from(cursor, 'base64url');
    if (raw.length < 29) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(scope, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}

export interface ScopedCursorCodec {
  seal(text: string): string;
  open(cursor: string): string | null;
}
