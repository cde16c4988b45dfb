import type { Caller } from './auth/caller';
import type { TokenService } from './auth/tokens';
import type { CredentialStore } from './auth/credential-store';
import type { Sessions } from './auth/sessions';
import type { DataAccess } from './data/data-access';
import type { RequestDb } from './db/request-db';
import type { Config } from './config';
import type { FileStore } from './storage/file-store';
import type { RequestRateLimiter } from './http/rate-limits';
import type { CheckedOperation } from './graphql/operation-checks';
import type { TrustedDocumentStore } from './graphql/trusted-documents';

/** Per-request state handed to every resolver. */
export interface Context extends CheckedOperation {
  requestId: string;
  caller: Caller | null;
  db: RequestDb;
  data: DataAccess;
  tokens: TokenService;
  credentials: CredentialStore;
  sessions: Sessions;
  config: Config;
  /** Where document versions' bytes are kept. */
  files: FileStore;
  /** The client's address (behind TRUST_PROXY_HOPS proxies): credential mutations are counted by it. */
  clientAddress: string;
  /** Rate limits a resolver applies itself (failed logins per account). */
  rateLimiter: RequestRateLimiter;
  /** Registered documents, which registrations and retirements make this instance forget. */
  trustedDocuments: TrustedDocumentStore;
}
