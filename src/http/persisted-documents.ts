import type { GraphQLFormattedError } from 'graphql';
import type { Caller } from '../auth/caller';
import { Role } from '../entities/enums';
import { persistedQueryNotAllowed, persistedQueryNotFound, type TrustedDocumentStore } from '../graphql/trusted-documents';

/** A request as the handler holds it: the parsed POST body, or the GET query string. */
export interface HttpGraphQLRequest {
  body: unknown;
  search: string;
}

type Resolved = HttpGraphQLRequest | { refusal: { status: number; error: GraphQLFormattedError } };

const DOCUMENT_ID = /^sha256:([0-9a-f]{64})$/;
const HASH = /^[0-9a-f]{64}$/;

/** What a request names: its query text, its `documentId` (GraphQL-over-HTTP), its `extensions.persistedQuery` and the hash in it (Apollo). */
function namesOf({ body, search }: HttpGraphQLRequest): { query: unknown; documentId: unknown; persisted: unknown; hash: unknown } {
  let fields: Record<string, unknown>;
  if (body && typeof body === 'object' && !Array.isArray(body)) fields = body as Record<string, unknown>;
  else {
    const params = new URLSearchParams(search);
    let extensions: unknown;
    try {
      extensions = JSON.parse(params.get('extensions') ?? 'null');
    } catch {
      extensions = undefined; // Apollo refuses it
    }
    fields = { query: params.get('query') ?? undefined, documentId: params.get('documentId') ?? undefined, extensions };
  }
  const extensions = fields.extensions;
  const persisted = extensions && typeof extensions === 'object' ? (extensions as Record<string, unknown>).persistedQuery : undefined;
  const hash = persisted && typeof persisted === 'object' ? (persisted as Record<string, unknown>).sha256Hash : undefined;
  return { query: fields.query, documentId: fields.documentId, persisted, hash };
}

/** The request with the registered text as its query, without the id that named it. */
function withText({ body, search }: HttpGraphQLRequest, text: string): HttpGraphQLRequest {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const { documentId: _id, extensions, ...rest } = body as Record<string, unknown>;
    const others = extensions && typeof extensions === 'object' ? Object.fromEntries(Object.entries(extensions).filter(([key]) => key !== 'persistedQuery')) : undefined;
    return { body: { ...rest, ...(others ? { extensions: others } : {}), query: text }, search };
  }
  const params = new URLSearchParams(search);
  params.delete('documentId');
  params.delete('extensions');
  params.set('query', text);
  return { body, search: `?${params.toString()}` };
}

const refuse = (status: number, error: GraphQLFormattedError): Resolved => ({ refusal: { status, error } });

/**
 * Trusted documents at the HTTP edge, before Apollo sees the request:
 *
 * - a partner (an API key) runs registered documents only: a `query` is PERSISTED_QUERY_NOT_ALLOWED,
 *   an id not registered for its client (another client's included) PERSISTED_QUERY_NOT_FOUND;
 * - a member may name a document of the tenant's apps by `documentId`; where the tenant runs
 *   trusted documents only, a member's `query` is refused too (an admin's is not), and an Apollo hash is looked up
 *   among the registered documents (not the automatic persisted query cache);
 * - otherwise the request goes on as it came (automatic persisted queries included).
 *
 * A document found becomes the request's query: Apollo then parses and validates it once (its
 * document cache is keyed by the text's hash, the document's id), the compiled read path plans it
 * once per parsed document, and every request still passes the operation checks with its variables.
 */
export async function resolveTrustedDocument(store: TrustedDocumentStore, caller: Caller | null, request: HttpGraphQLRequest): Promise<Resolved> {
  const { query, documentId, persisted, hash } = namesOf(request);
  if (documentId !== undefined && (typeof documentId !== 'string' || !DOCUMENT_ID.test(documentId))) {
    return refuse(400, { message: 'documentId must be "sha256:" followed by 64 lower-case hex digits', extensions: { code: 'BAD_REQUEST' } });
  }
  // Apollo's cache takes any value as a key (an array of the hash finds the same entry): only a hash.
  if (persisted !== undefined && (typeof hash !== 'string' || !HASH.test(hash))) {
    return refuse(400, { message: 'extensions.persistedQuery.sha256Hash must be 64 lower-case hex digits', extensions: { code: 'BAD_REQUEST' } });
  }
  const id = typeof documentId === 'string' ? DOCUMENT_ID.exec(documentId)![1] : (hash as string | undefined);
  // Partners, and members where the tenant holds them to registered documents (their tokens say
  // so), but never its admins (who register the documents and can turn the rule off). Nothing
  // is read for any other request.
  const restricted = !!caller && (!!caller.apiClient || (caller.trustedDocumentsOnly === true && caller.role !== Role.ADMIN));
  if (restricted && query !== undefined) return refuse(400, persistedQueryNotAllowed(caller.apiClient ? 'Partner apps' : 'This tenant’s members'));
  if (!restricted && documentId === undefined) return request; // a query, or Apollo's automatic persisted queries
  // From here the request runs a registered document or nothing: it never reaches Apollo's cache.
  if (id === undefined || !caller) return refuse(400, persistedQueryNotFound());
  const document = (await store.forCaller(caller)).documents.get(id);
  return document ? withText(request, document.body) : refuse(400, persistedQueryNotFound());
}
