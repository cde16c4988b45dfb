import { createHash } from 'node:crypto';
import {
  GraphQLError,
  GraphQLInt,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  parse,
  validate,
  type GraphQLFormattedError,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  typeFromAST,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Caller } from '../auth/caller';
import type { FieldProblem } from '../errors/app-error';
import type { Config } from '../config';
import { DEFAULT_PAGE_SIZE } from '../data/page-query';
import { checkShape, type OperationLimits } from './operation-checks';
import { checkDocumentText } from './request-limits';
import { countSelections, queryCost } from './query-cost';

/**
 * A manifest in Apollo's format from what a client's build produced: Apollo's manifest as it is,
 * or GraphQL Code Generator's persisted documents (`{ "sha256:<hex>": body }`, the client
 * preset's `persisted-documents.json`), each operation named and typed from its body. Anything
 * else is returned as it is, for the registration to refuse with its reason.
 */
export function asApolloManifest(file: unknown): unknown {
  if (!file || typeof file !== 'object' || Array.isArray(file) || 'format' in file) return file;
  const entries = Object.entries(file as Record<string, unknown>);
  if (!entries.every(([key, body]) => /^sha256:[0-9a-f]{64}$/.test(key) && typeof body === 'string')) return file;
  return {
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: entries.map(([key, body]) => {
      const operation = /\b(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(body as string);
      return { id: key.slice('sha256:'.length), name: operation?.[2] ?? '', type: operation?.[1] ?? 'query', body };
    }),
  };
}

/** At most this many operations in one manifest, and live for one client (or the tenant's own apps). */
export const MAX_MANIFEST_OPERATIONS = 1000;
export const MAX_LIVE_DOCUMENTS = 5000;

/** The limits a registered document is checked against: those of any request, and the longest document kept. */
export type RegistrationLimits = OperationLimits & { maxDocumentLength: number };

export function registrationLimits(config: Pick<Config, 'limits' | 'maxQueryCost' | 'maxQuerySelections' | 'persistedQueries'>): RegistrationLimits {
  return { ...config.limits, maxCost: config.maxQueryCost, maxSelections: config.maxQuerySelections, maxDocumentLength: config.persistedQueries.maxDocumentLength };
}

/** An operation of a manifest, checked: ready to store. */
export interface CheckedOperation {
  sha256: string;
  name: string;
  operationType: 'QUERY' | 'MUTATION';
  body: string;
  cost: number;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Values tried, in order, for a required variable of a custom scalar when costing a document: the first the scalar accepts is used. */
const SCALAR_SAMPLES: unknown[] = ['x', '1', 1, true, '2026-01-01', '2026-01-01T00:00:00Z', '0.00', {}, '00000000-0000-0000-0000-000000000000', 'a@example.org', '9434765919', 'https://example.org'];

/**
 * A value of a required input type for costing a document without its variables: a page size
 * (every Int) at the default page, anything else at a small valid value.
 */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]?.name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, sampleValue(field.type)]),
    );
  }
  if (type === GraphQLInt) return DEFAULT_PAGE_SIZE;
  if (isScalarType(type)) {
    return SCALAR_SAMPLES.find((candidate) => {
      try {
        return type.parseValue(candidate) !== undefined;
      } catch {
        return false;
      }
    });
  }
  return undefined;
}

/**
 * The variables a document is costed with when registered: their defaults, required ones
 * sampled (a page size at the default page). Each request is costed again with its own
 * variables: the registration only refuses what no request could run within the limit.
 */
function costingVariables(schema: GraphQLSchema, operation: OperationDefinitionNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (type && isNonNullType(type) && !definition.defaultValue) variables[definition.variable.name.value] = sampleValue(type);
  }
  return variables;
}

/**
 * The checks of one manifest operation, as any request's document passes them and more: its id
 * is the SHA-256 of its body; the body is within the text limits, parses, validates against the
 * schema, holds the named operation of the stated type (not a subscription), keeps the depth,
 * selection and cost limits (cost with the variables' defaults). Problems name the operation's index.
 */
export function checkManifestOperation(
  schema: GraphQLSchema,
  limits: RegistrationLimits,
  operation: unknown,
  at: string,
): { checked: CheckedOperation } | { problems: FieldProblem[] } {
  const problem = (field: string, rule: string, message: string) => ({ problems: [{ field: `${at}${field}`, rule, message }] });
  if (!operation || typeof operation !== 'object' || Array.isArray(operation)) return problem('', 'shape', 'must be an object with id, name, type and body');
  const { id, name, type, body } = operation as Record<string, unknown>;
  if (typeof id !== 'string' || !/^[0-9a-f]{64}$/.test(id)) return problem('.id', 'sha256', 'must be the SHA-256 of the body, in lower-case hex');
  if (typeof name !== 'string' || !name.trim() || name.length > 200) return problem('.name', 'name', 'must be the operation’s name (1 to 200 characters)');
  if (type !== 'query' && type !== 'mutation' && type !== 'subscription') return problem('.type', 'type', 'must be query, mutation or subscription');
  if (type === 'subscription') return problem('.type', 'subscription', 'subscriptions are not served');
  if (typeof body !== 'string' || !body.trim()) return problem('.body', 'body', 'must be the document’s text');
  if (body.length > limits.maxDocumentLength) return problem('.body', 'maxLength', `must be at most ${limits.maxDocumentLength} characters`);
  if (sha256Hex(body) !== id) return problem('.id', 'idMismatch', 'is not the SHA-256 of the body (UTF-8, as sent)');
  const text = checkDocumentText(body, limits);
  if (text) return problem('.body', 'limit', text.message);
  let document;
  try {
    document = parse(body, { maxTokens: limits.maxTokens });
  } catch (error) {
    return problem('.body', 'syntax', (error as GraphQLError).message);
  }
  const invalid = validate(schema, document, undefined, { maxErrors: 5 });
  if (invalid.length) return problem('.body', 'invalid', invalid.map((e) => e.message).join(' '));
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const named = operations.find((o) => o.name?.value === name);
  if (!named || operations.length !== 1) return problem('.name', 'operationName', `the body must hold exactly one operation, named ${name}`);
  if (named.operation !== type) return problem('.type', 'operationType', `the operation ${name} is a ${named.operation}`);
  const shape = checkShape(document, named, limits.maxDepth);
  if (shape) return problem('.body', 'limit', shape.message);
  const selections = countSelections(document, name);
  if (selections > limits.maxSelections) return problem('.body', 'maxSelections', `${selections} field selections exceed the limit of ${limits.maxSelections}`);
  let cost: number;
  try {
    cost = queryCost(schema, document, name, costingVariables(schema, named));
  } catch (error) {
    return problem('.body', 'cost', `could not be costed: ${(error as Error).message}`);
  }
  if (cost > limits.maxCost) return problem('.body', 'maxCost', `costs ${cost} with its variables' defaults, over the limit of ${limits.maxCost}: give its connections smaller pages`);
  return { checked: { sha256: id, name, operationType: type === 'query' ? 'QUERY' : 'MUTATION', body, cost } };
}

/**
 * Stores checked operations as one registration (`manifestVersion`) of a client's documents (or
 * the tenant's apps', `clientId` null), those not live already: the ids of the rows added. The
 * registration, the demo data and the bench write documents through here alone.
 */
export async function storeTrustedDocuments(
  query: (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>,
  target: { tenantId: string; clientId: string | null; manifestVersion: number; userId: string | null },
  operations: readonly CheckedOperation[],
): Promise<string[]> {
  const rows = await query(
    `INSERT INTO trusted_documents (tenant_id, api_client_id, document_id, name, operation_type, body, cost, manifest_version, created_by, updated_by)
     SELECT $1, $2, o.sha256, o.name, o.operation_type, o.body, o.cost, $3, $4, $4
       FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::int[]) AS o(sha256, name, operation_type, body, cost)
      WHERE NOT EXISTS (SELECT 1 FROM trusted_documents d WHERE d.tenant_id = $1 AND d.api_client_id IS NOT DISTINCT FROM $2 AND d.document_id = o.sha256 AND d.deleted_at IS NULL)
     RETURNING id`,
    [
      target.tenantId,
      target.clientId,
      target.manifestVersion,
      target.userId,
      operations.map((o) => o.sha256),
      operations.map((o) => o.name),
      operations.map((o) => o.operationType),
      operations.map((o) => o.body),
      operations.map((o) => o.cost),
    ],
  );
  return rows.map((row) => row.id as string);
}

/** What one caller may run by id: the live documents of its client (or of the tenant's apps). */
export interface TrustedSet {
  documents: ReadonlyMap<string, { body: string }>;
}

/** The live documents of (tenant, client): read in the tenant, whoever asks (the request itself is checked when it runs). */
export type TrustedSetLoader = (tenantId: string, clientId: string | null) => Promise<TrustedSet>;

/** Memory the kept sets may take together (their bodies' characters, counted twice for UTF-16). */
const STORE_MAX_BYTES = 64 * 1_048_576;

/**
 * The registered documents, kept in memory per tenant and client for at most 10 seconds (a body
 * never changes under its id, which is its hash: only registrations and retirements do), and at
 * most STORE_MAX_BYTES together, the least recently used going first (a set larger than that is
 * read for each request). An instance forgets a set when its admin changes it (as the change is
 * made, and again once it has committed); other instances within 10 seconds.
 */
export class TrustedDocumentStore {
  private readonly sets = new LRUCache<string, TrustedSet>({
    max: 1000,
    ttl: 10_000,
    maxSize: STORE_MAX_BYTES,
    sizeCalculation: (set) => Math.max(1, [...set.documents.values()].reduce((bytes, d) => bytes + 2 * d.body.length + 200, 0)),
  });
  /** Reads under way, so that concurrent requests share one. */
  private readonly loading = new Map<string, Promise<TrustedSet>>();

  constructor(private readonly load: TrustedSetLoader) {}

  forCaller(caller: Caller): Promise<TrustedSet> {
    const clientId = caller.apiClient?.clientId ?? null;
    const key = `${caller.tenantId}:${clientId ?? 'apps'}`;
    const kept = this.sets.get(key);
    if (kept) return Promise.resolve(kept);
    let reading = this.loading.get(key);
    if (!reading) {
      reading = this.load(caller.tenantId, clientId).then(
        (set) => {
          if (this.loading.get(key) === reading) this.sets.set(key, set);
          this.loading.delete(key);
          return set;
        },
        (error: unknown) => {
          this.loading.delete(key);
          throw error;
        },
      );
      this.loading.set(key, reading);
    }
    return reading;
  }

  forget(tenantId: string, clientId: string | null): void {
    const key = `${tenantId}:${clientId ?? 'apps'}`;
    this.sets.delete(key);
    this.loading.delete(key); // a read under way may have seen the old set: not kept
  }
}

/** The refusals of the persisted-document path (GraphQL-over-HTTP's and Apollo's codes). */
export const persistedQueryNotAllowed = (who: string): GraphQLFormattedError => ({
  message: `${who} run registered documents only: send documentId ("sha256:<hex>") or extensions.persistedQuery.sha256Hash, not a query`,
  extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED' },
});
export const persistedQueryNotFound = (): GraphQLFormattedError => ({
  message: 'No registered document with this id for you: register it (registerTrustedDocuments) first',
  extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
});
