import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, Field, ID, Info, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, Matches } from 'class-validator';
import type { Context } from '../context';
import { TrustedDocument } from '../entities/trusted-document.entity';
import { AppError, type FieldProblem } from '../errors/app-error';
import { permissionOf } from '../auth/permissions';
import { expectGlobalId } from '../data/global-id';
import type { DataAccess } from '../data/data-access';
import { JsonObject } from '../graphql/scalars';
import { limitExceeded } from '../graphql/request-limits';
import { checkManifestOperation, MAX_LIVE_DOCUMENTS, MAX_MANIFEST_OPERATIONS, registrationLimits, storeTrustedDocuments, type CheckedOperation } from '../graphql/trusted-documents';
import { apiClientResource } from '../resources/api-client.resource';
import { trustedDocumentResource } from '../resources/trusted-document.resource';

const REGISTER = permissionOf(trustedDocumentResource, 'register');
const RETIRE = permissionOf(trustedDocumentResource, 'retire');
/** Registrations of one client's documents take turns (their manifest versions, the live count). */
const REGISTRATION_LOCK_CLASS = 1764901620;

@InputType()
class RegisterTrustedDocumentsInput {
  @Field(() => ID, { nullable: true, description: 'The ApiClient the documents are for; null for the tenant’s own web and mobile apps (members).' })
  apiClientId?: string | null;

  @Field(() => JsonObject, {
    description:
      `Apollo's persisted query manifest: \`{ format: "apollo-persisted-query-manifest", version: 1, operations: [{ id, name, type, body }] }\`, at most ${MAX_MANIFEST_OPERATIONS} operations, ` +
      'each `id` the SHA-256 of its `body` (hex). Every body is validated and costed; if any fails, nothing is registered and each failure is named.',
  })
  manifest!: Record<string, unknown>;

  @Field(() => Boolean, { defaultValue: false, description: 'Retire the live documents (of the same client) that this manifest does not list.' })
  retireMissing!: boolean;
}

@ObjectType()
class TrustedDocumentRegistration {
  @Field(() => Int, { description: 'This registration’s number for the client (1, 2, …): the `manifestVersion` of the documents it added.' })
  manifestVersion!: number;

  @Field(() => Int, { description: 'Documents added by this registration.' }) registered!: number;
  @Field(() => Int, { description: 'Documents of the manifest that were registered already.' }) unchanged!: number;
  @Field(() => Int, { description: 'Documents retired because the manifest no longer lists them (`retireMissing`).' }) retired!: number;
  @Field(() => [TrustedDocument], { description: 'The manifest’s documents, as registered.' }) documents!: TrustedDocument[];
}

@InputType()
class RetireTrustedDocumentsInput {
  @Field(() => ID, { nullable: true, description: 'The ApiClient; null for the tenant’s own apps.' })
  apiClientId?: string | null;

  @Field(() => [String], { description: 'The documents’ SHA-256 (`TrustedDocument.sha256`).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MANIFEST_OPERATIONS)
  @Matches(/^[0-9a-f]{64}$/, { each: true, message: 'each must be a SHA-256 in lower-case hex' })
  sha256!: string[];
}

@ObjectType()
class TrustedDocumentRetirement {
  @Field(() => Int, { description: 'Live documents retired (those already retired, or unknown, are not counted).' }) retired!: number;
}

/**
 * This instance forgets the set now (a request meanwhile reads it again) and once the change has
 * committed (what a request read between the two is not kept).
 */
function forgetNowAndAtCommit({ data, trustedDocuments }: Context, clientId: string | null): void {
  const tenantId = data.tenantId;
  trustedDocuments.forget(tenantId, clientId);
  data.db.afterCommit.push(() => trustedDocuments.forget(tenantId, clientId));
}

/** The client named (live, not revoked, of the tenant), or null for the tenant's own apps. */
async function clientOf(data: DataAccess, apiClientId: string | null | undefined): Promise<string | null> {
  if (apiClientId == null) return null;
  const id = expectGlobalId(apiClientId, apiClientResource.typeName, 'input.apiClientId');
  const [client] = await data.db.query<{ id: string }>(`SELECT id FROM api_clients WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL AND status <> 'REVOKED'`, [data.tenantId, id]);
  if (!client) throw AppError.notFound(apiClientResource.typeName, 'input.apiClientId');
  return id;
}

/** The bodies of one manifest together: validation costs CPU in proportion (overlapping aliases quadratically). */
const MAX_MANIFEST_CHARACTERS = 2_000_000;

/**
 * The manifest's operations, each checked; BAD_USER_INPUT naming every failure (at most 20) when
 * any fails. Other requests are served between two operations: a large manifest takes its time
 * without holding everyone else's.
 */
async function checkedManifest(manifest: Record<string, unknown>, info: GraphQLResolveInfo, context: Context): Promise<CheckedOperation[]> {
  const { format, version, operations } = manifest;
  const at = 'input.manifest';
  if (format !== 'apollo-persisted-query-manifest') throw AppError.badInput([{ field: `${at}.format`, rule: 'format', message: 'must be "apollo-persisted-query-manifest"' }]);
  if (version !== 1) throw AppError.badInput([{ field: `${at}.version`, rule: 'version', message: 'must be 1' }]);
  if (!Array.isArray(operations) || operations.length === 0 || operations.length > MAX_MANIFEST_OPERATIONS) {
    throw AppError.badInput([{ field: `${at}.operations`, rule: 'size', message: `must list 1 to ${MAX_MANIFEST_OPERATIONS} operations` }]);
  }
  const limits = registrationLimits(context.config);
  const characters = operations.reduce((total: number, operation: unknown) => total + String((operation as { body?: unknown } | null)?.body ?? '').length, 0);
  if (characters > MAX_MANIFEST_CHARACTERS) {
    throw AppError.badInput([{ field: `${at}.operations`, rule: 'maxLength', message: `bodies of at most ${MAX_MANIFEST_CHARACTERS} characters together: register it in parts` }]);
  }
  const problems: FieldProblem[] = [];
  const checked = new Map<string, CheckedOperation>();
  for (const [index, operation] of (operations as unknown[]).entries()) {
    if (problems.length >= 20) break;
    if (index > 0) await new Promise((resolve) => setImmediate(resolve));
    const result = checkManifestOperation(info.schema, limits, operation, `${at}.operations[${index}]`);
    if ('problems' in result) problems.push(...result.problems);
    else if (checked.has(result.checked.sha256)) problems.push({ field: `${at}.operations[${index}].id`, rule: 'duplicate', message: 'is listed twice' });
    else checked.set(result.checked.sha256, result.checked);
  }
  if (problems.length) throw AppError.badInput(problems);
  return [...checked.values()];
}

/**
 * Trusted documents: admins (or a CI job: `npm run documents:publish`) register a manifest of
 * operations for a partner app or the tenant's own apps, and retire documents. Both take effect
 * on this instance at once, and on others within the store's 10 seconds.
 */
@Resolver()
export class TrustedDocumentResolver {
  @Authorized(REGISTER)
  @Mutation(() => TrustedDocumentRegistration, {
    description: 'Registers a manifest of operations (Apollo’s persisted query manifest) for a partner app or the tenant’s own apps, after validating and costing every body.',
  })
  async registerTrustedDocuments(
    @Arg('input', () => RegisterTrustedDocumentsInput) input: RegisterTrustedDocumentsInput,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TrustedDocumentRegistration> {
    const { data } = context;
    data.authorizeAction(REGISTER);
    await data.assertWritable();
    const operations = await checkedManifest(input.manifest, info, context);
    const clientId = await clientOf(data, input.apiClientId);
    const caller = data.requireCaller();
    const client = [data.tenantId, clientId] as const;
    await data.db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [REGISTRATION_LOCK_CLASS, `${data.tenantId}:${clientId ?? 'apps'}`]);
    const [{ next }] = await data.db.query<{ next: number }>(
      'SELECT coalesce(max(manifest_version), 0) + 1 AS next FROM trusted_documents WHERE tenant_id = $1 AND api_client_id IS NOT DISTINCT FROM $2',
      [...client],
    );
    const ids = operations.map((o) => o.sha256);
    const inserted = await storeTrustedDocuments((sql, params) => data.db.query(sql, params), { tenantId: data.tenantId, clientId, manifestVersion: next, userId: caller.userId }, operations);
    const retired = input.retireMissing
      ? await data.db.query(
          'UPDATE trusted_documents SET deleted_at = now(), updated_by = $3 WHERE tenant_id = $1 AND api_client_id IS NOT DISTINCT FROM $2 AND deleted_at IS NULL AND document_id <> ALL($4::text[]) RETURNING id',
          [...client, caller.userId, ids],
        )
      : [];
    const [{ live }] = await data.db.query<{ live: number }>(
      'SELECT count(*)::int AS live FROM trusted_documents WHERE tenant_id = $1 AND api_client_id IS NOT DISTINCT FROM $2 AND deleted_at IS NULL',
      [...client],
    );
    if (live > MAX_LIVE_DOCUMENTS) throw limitExceeded(`At most ${MAX_LIVE_DOCUMENTS} live documents per client: retire some (retireMissing, retireTrustedDocuments)`, { live, max: MAX_LIVE_DOCUMENTS });
    forgetNowAndAtCommit(context, clientId);
    const rows = await data.db.query<{ id: string }>(
      'SELECT id FROM trusted_documents WHERE tenant_id = $1 AND api_client_id IS NOT DISTINCT FROM $2 AND deleted_at IS NULL AND document_id = ANY($3::text[]) ORDER BY name, id',
      [...client, ids],
    );
    // Loaded together (one batched read), as the caller reads documents anywhere else.
    const documents = (await Promise.all(rows.map((row) => data.byId<TrustedDocument>(trustedDocumentResource, row.id)))).filter((d): d is TrustedDocument => !!d);
    return { manifestVersion: next, registered: inserted.length, unchanged: operations.length - inserted.length, retired: retired.length, documents };
  }

  @Authorized(RETIRE)
  @Mutation(() => TrustedDocumentRetirement, { description: 'Retires registered documents: requests naming them are PERSISTED_QUERY_NOT_FOUND from now on.' })
  async retireTrustedDocuments(@Arg('input', () => RetireTrustedDocumentsInput) input: RetireTrustedDocumentsInput, @Ctx() context: Context): Promise<TrustedDocumentRetirement> {
    const { data } = context;
    data.authorizeAction(RETIRE);
    await data.assertWritable();
    const clientId = await clientOf(data, input.apiClientId);
    const retired = await data.db.query(
      'UPDATE trusted_documents SET deleted_at = now(), updated_by = $3 WHERE tenant_id = $1 AND api_client_id IS NOT DISTINCT FROM $2 AND deleted_at IS NULL AND document_id = ANY($4::text[]) RETURNING id',
      [data.tenantId, clientId, data.requireCaller().userId, input.sha256],
    );
    forgetNowAndAtCommit(context, clientId);
    return { retired: retired.length };
  }
}
