import { randomUUID } from 'node:crypto';
import type express from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { Caller } from '../auth/caller';
import type { TokenService } from '../auth/tokens';
import type { DataAccess } from '../data/data-access';
import type { RequestDb } from '../db/request-db';
import type { DocumentVersion } from '../entities/document-version.entity';
import type { FileStore } from '../storage/file-store';
import { AppError } from '../errors/app-error';
import { RETRY_AFTER_SECONDS } from '../db/unavailable';
import { sendRateLimited, type Admission } from './rate-limits';
import { documentVersionResource } from '../resources/document.resource';

export interface DownloadDeps {
  tokens: TokenService;
  files: FileStore;
  /** The same database session and data path a GraphQL request of this caller gets. */
  openScope(caller: Caller, requestId: string): { db: RequestDb; data: DataAccess };
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** The rate limit, counted as the link's caller. */
  admit(req: express.Request, caller: Caller): Promise<Admission>;
}

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, FEATURE_DISABLED: 403, NOT_FOUND: 404, SERVICE_UNAVAILABLE: 503 };
const TOKEN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** A file name as a Content-Disposition parameter (RFC 6266 / 8187): an ASCII fallback and the UTF-8 original. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  // RFC 8187's attr-char leaves out ' ( ) * too, which encodeURIComponent keeps.
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * `GET /files/<token>`: the file of one document version, for the holder of a link that
 * `DocumentVersion.download` gave. The link names a caller; the version is read again as that
 * caller through the same path as any GraphQL read (membership and role re-checked by the
 * database, read permission, tenant, access level, soft delete, access log), so a link stops
 * working when any of those changes, and at the latest when it expires. The bytes are served
 * only if they match the version's checksum, always as an attachment, never cached, and never
 * interpreted by a browser on the API's origin.
 */
export function mountDownloads(app: express.Express, deps: DownloadDeps): void {
  app.get('/files/:token', async (req, res) => {
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' });
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    const fail = (status: number, error: unknown, message: string) => {
      res.status(status).json({ errors: [deps.formatError({ message }, error)] });
    };
    const link = TOKEN.test(req.params.token) ? deps.tokens.verifyDownload(req.params.token) : null;
    if (!link) {
      const error = new AppError('UNAUTHENTICATED', 'This download link is not valid or has expired: ask for a new one (DocumentVersion.download)');
      return fail(401, error, error.message);
    }
    const admission = await deps.admit(req, link.caller);
    if (admission) return sendRateLimited(res, admission);
    const { db, data } = deps.openScope(link.caller, requestId);
    try {
      data.authorize(documentVersionResource, 'read');
      const version = await data.byId<DocumentVersion>(documentVersionResource, link.subject);
      if (!version) throw AppError.notFound(documentVersionResource.typeName);
      const content = await deps.files.get(link.caller.tenantId, version.sha256);
      await db.finish(true, 'download'); // the access log is written before the bytes leave
      res.set({
        'Content-Type': version.contentType,
        'Content-Length': String(content.length),
        'Content-Disposition': contentDisposition(version.fileName),
        // Nothing in the file runs on this origin, even if a browser is told to display it.
        'Content-Security-Policy': "default-src 'none'; sandbox",
        ETag: `"${version.sha256}"`,
      });
      res.end(content);
    } catch (error) {
      await db.finish(false, 'download').catch(() => undefined);
      const code = error instanceof AppError ? error.code : undefined;
      if (code === 'SERVICE_UNAVAILABLE') res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      // Anything else (a missing or altered file, an unexpected fault) is masked and logged with its error id.
      fail(code ? (STATUS[code] ?? 400) : 500, error, 'download failed');
    }
  });
}
