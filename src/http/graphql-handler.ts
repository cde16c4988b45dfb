import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import { ApolloServer, BaseContext, HeaderMap } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

/**
 * The GraphQL endpoint on Node's own HTTP server, without Express in front of it: the same
 * work as Apollo's Express integration (headers into a HeaderMap, the parsed JSON body, the
 * response written back), minus Express's router, request/response decoration and
 * body-parser. On this path every microsecond is paid on every request; Express still
 * serves everything else (GraphiQL, health checks).
 */
export interface GraphqlHandlerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: (req: IncomingMessage, res: ServerResponse) => Promise<TContext>;
  /** The largest body accepted from this request, in inflated bytes. */
  bodyLimit: (req: IncomingMessage) => number;
  /** Logs an error that is not the client's fault (none is expected) and returns what the client may see of it. */
  maskUnexpectedError: (error: unknown) => GraphQLFormattedError;
  /**
   * Checks a request's query text and variables before Apollo parses or coerces anything
   * (both recurse): the refusal to send with HTTP 400, or null.
   */
  checkRequest?: (request: { query: unknown; variables: unknown }) => GraphQLFormattedError | null;
  /** Whether this request may register an automatic persisted query; when not, a document sent with its hash runs without being kept. */
  mayRegisterPersistedQueries?: (req: IncomingMessage) => boolean;
  /**
   * A request naming a registered document (trusted documents): the request to run instead,
   * with the document's text, or the refusal to answer. Called for every request; a request it
   * has nothing to say about comes back as it was.
   */
  resolveDocument?: (
    req: IncomingMessage,
    request: { body: unknown; search: string },
  ) => Promise<{ body: unknown; search: string } | { refusal: { status: number; error: GraphQLFormattedError; headers?: Record<string, string> } }>;
}

class BadRequest extends Error {
  constructor(
    readonly status: 400 | 405 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

function sendError(res: ServerResponse, status: number, error: GraphQLFormattedError, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ errors: [error] });
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const tooLarge = (limit: number) => new BadRequest(413, `Request body too large (limit ${Number((limit / 1_048_576).toFixed(1))} MB)`);

/** The request body stream, inflated when the client compressed it (as Express's body parser did). */
function bodyStream(req: IncomingMessage): Readable {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity') return req;
  if (encoding === 'gzip' || encoding === 'x-gzip') return req.pipe(createGunzip());
  if (encoding === 'deflate') return req.pipe(createInflate());
  req.resume();
  throw new BadRequest(415, `Unsupported Content-Encoding "${encoding}" (use gzip, deflate or none)`);
}

/**
 * The body as UTF-8 text (JSON's only encoding), refused past `limit` bytes: by Content-Length
 * before reading when it is sent, and always by the bytes read (after inflating, so a small
 * compressed body cannot expand without bound).
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  if (Number(req.headers['content-length']) > limit) {
    req.resume(); // drain, so the connection can carry the answer
    return Promise.reject(tooLarge(limit));
  }
  const stream = bodyStream(req);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    stream.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limit) return void chunks.push(chunk);
      stream.removeAllListeners('data');
      if (stream !== req) stream.destroy();
      req.resume();
      reject(tooLarge(limit));
    });
    stream.on('end', () => resolve(Buffer.concat(chunks, length).toString('utf8')));
    // A client that hangs up mid-body is not a server fault (nothing to log); it rarely still reads the answer.
    stream.on('error', () => reject(new BadRequest(400, stream === req ? 'Request body ended before it was complete' : 'Request body could not be decompressed')));
  });
}

/** JSON bodies are parsed here; any other body is left for Apollo to refuse with its own message (as its integrations do). */
async function parseBody(req: IncomingMessage, limit: number): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  const text = await readBody(req, limit);
  if (text === '') throw new BadRequest(400, 'Request body is empty: send a JSON object with "query"');
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (!contentType.startsWith('application/json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest(400, 'Malformed JSON body');
  }
}

/** The query text and variables of a POST body or a GET query string; variables that are not JSON are left for Apollo to refuse. */
function requestParams(body: unknown, search: string): { query: unknown; variables: unknown } {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const { query, variables } = body as Record<string, unknown>;
    return { query, variables };
  }
  const params = new URLSearchParams(search);
  let variables: unknown;
  try {
    variables = JSON.parse(params.get('variables') ?? 'null');
  } catch {
    variables = undefined;
  }
  return { query: params.get('query') ?? undefined, variables };
}

/** The request without the persisted-query hash of a document it carries (POST body or GET parameters): Apollo runs the document and keeps nothing. */
function withoutRegistration(body: unknown, search: string): { body: unknown; search: string } {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const { extensions, ...rest } = body as Record<string, unknown>;
    if (typeof rest.query !== 'string' || !extensions || typeof extensions !== 'object' || !('persistedQuery' in extensions)) return { body, search };
    const { persistedQuery: _dropped, ...others } = extensions as Record<string, unknown>;
    return { body: { ...rest, extensions: others }, search };
  }
  const params = new URLSearchParams(search);
  if (!params.has('query') || !params.has('extensions')) return { body, search };
  try {
    const extensions = JSON.parse(params.get('extensions')!) as unknown;
    if (!extensions || typeof extensions !== 'object' || !('persistedQuery' in extensions)) return { body, search };
    delete (extensions as Record<string, unknown>).persistedQuery;
    params.set('extensions', JSON.stringify(extensions));
    return { body, search: `?${params.toString()}` };
  } catch {
    return { body, search }; // not JSON: Apollo refuses it
  }
}

export function createGraphqlHandler<TContext extends BaseContext>(options: GraphqlHandlerOptions<TContext>) {
  const { apollo, context, bodyLimit, maskUnexpectedError, checkRequest, mayRegisterPersistedQueries, resolveDocument } = options;
  apollo.assertStarted('createGraphqlHandler()');
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const body = await parseBody(req, bodyLimit(req));
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const queryStart = req.url!.indexOf('?');
      const search = queryStart < 0 ? '' : req.url!.slice(queryStart);
      const refused = checkRequest?.(requestParams(body, search));
      if (refused) return sendError(res, 400, refused);
      let request = { body, search };
      if (resolveDocument) {
        const resolved = await resolveDocument(req, request);
        if ('refusal' in resolved) return sendError(res, resolved.refusal.status, resolved.refusal.error, resolved.refusal.headers);
        request = resolved;
      }
      if (mayRegisterPersistedQueries && !mayRegisterPersistedQueries(req)) request = withoutRegistration(request.body, request.search);
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search: request.search, body: request.body },
        context: () => context(req, res),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string); // Node sets Content-Length for a body written in one end()
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      if (error instanceof BadRequest) sendError(res, error.status, { message: error.message, extensions: { code: 'BAD_REQUEST' } });
      else sendError(res, 500, maskUnexpectedError(error));
    }
  };
}
