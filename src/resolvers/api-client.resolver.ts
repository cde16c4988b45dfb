import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { Max, Min } from 'class-validator';
import type { Context } from '../context';
import { ApiClient } from '../entities/api-client.entity';
import { ApiClientStatus } from '../entities/enums';
import { AppError } from '../errors/app-error';
import { permissionOf } from '../auth/permissions';
import { generateApiKey } from '../auth/api-keys';
import { expectGlobalId } from '../data/global-id';
import type { DataAccess } from '../data/data-access';
import { mutationInputs } from '../graphql/resource-inputs';
import { apiClientResource } from '../resources/api-client.resource';
import { payloadTypeOf } from './resource-resolver';

/** The longest a replaced key keeps working after a rotation. */
const MAX_GRACE_SECONDS = 30 * 24 * 3600;

@ObjectType({ description: 'An API client with a new key. The key is shown here once: it is not kept, only its hash.' })
class ApiClientWithKey {
  @Field(() => ApiClient) apiClient!: ApiClient;

  @Field(() => String, {
    description: 'Send it as `Authorization: ApiKey <key>` (or `x-api-key: <key>`). Store it as a secret now: it cannot be shown again; lost, rotate the key.',
  })
  key!: string;

  @Field(() => String, { description: 'The key’s public part (`cgk_<prefix>_…`), listed in `ApiClient.keys`.' })
  keyPrefix!: string;
}

@InputType()
class RotateApiClientKeyInput {
  @Field(() => ID, { description: 'The ApiClient.' }) id!: string;

  @Field(() => Int, {
    defaultValue: 0,
    description: `How long the client's current keys keep working, in seconds (0: they stop now; at most ${MAX_GRACE_SECONDS}, 30 days): time to deploy the new key.`,
  })
  @Min(0)
  @Max(MAX_GRACE_SECONDS)
  graceSeconds!: number;
}

@InputType()
class RevokeApiClientInput {
  @Field(() => ID, { description: 'The ApiClient.' }) id!: string;

  @Field(() => Int, { nullable: true, description: 'The version read, if any: a stale one is CONFLICT.' })
  @Min(1)
  expectedVersion?: number | null;
}

const CREATE = permissionOf(apiClientResource, 'create');
const ISSUE_KEY = permissionOf(apiClientResource, 'issueKey');
const UPDATE = permissionOf(apiClientResource, 'update');
const { create: CreateApiClientInput } = mutationInputs(apiClientResource)!;
const ApiClientPayload = payloadTypeOf(apiClientResource);

/** Issues a key for a client (the database checks the caller is an admin of its tenant) and returns it with the client. */
async function issueKey(data: DataAccess, clientId: string, graceSeconds: number): Promise<ApiClientWithKey> {
  const { key, prefix, hash } = generateApiKey();
  await data.db.query('SELECT api_key_issue($1, $2, $3, $4)', [clientId, prefix, hash, graceSeconds]).catch((error: { code?: string }) => {
    throw error?.code === 'P0002' ? AppError.notFound(apiClientResource.typeName) : error;
  });
  const apiClient = await data.byId<ApiClient>(apiClientResource, clientId);
  if (!apiClient) throw AppError.notFound(apiClientResource.typeName);
  return { apiClient, key, keyPrefix: prefix };
}

/**
 * Partner apps' keys: a client is created with its first key, a key is rotated (the old ones
 * working on for a grace period) and a client revoked with every key. Everything else about a
 * client (name, scopes, suspension, expiry) is the generic `updateApiClient`.
 */
@Resolver()
export class ApiClientResolver {
  @Authorized(CREATE)
  @Mutation(() => ApiClientWithKey, { description: 'Registers a partner app and issues its first key (shown once, in the answer).' })
  async createApiClient(@Arg('input', () => CreateApiClientInput) input: Record<string, unknown>, @Ctx() { data }: Context): Promise<ApiClientWithKey> {
    const client = await data.create<ApiClient>(apiClientResource, input);
    return issueKey(data, client.id, 0);
  }

  @Authorized(ISSUE_KEY)
  @Mutation(() => ApiClientWithKey, {
    description: 'Issues a new key for the client (shown once). Its other keys stop after `graceSeconds` (now by default), or sooner if they were to.',
  })
  rotateApiClientKey(@Arg('input', () => RotateApiClientKeyInput) input: RotateApiClientKeyInput, @Ctx() { data }: Context): Promise<ApiClientWithKey> {
    return issueKey(data, expectGlobalId(input.id, apiClientResource.typeName, 'input.id'), input.graceSeconds);
  }

  @Authorized(UPDATE)
  @Mutation(() => ApiClientPayload, { description: 'Revokes the client for good: every key of it is refused from now on (REVOKED is final).' })
  async revokeApiClient(@Arg('input', () => RevokeApiClientInput) input: RevokeApiClientInput, @Ctx() { data }: Context) {
    return { apiClient: await data.act<ApiClient>(apiClientResource, input, () => ({ status: ApiClientStatus.REVOKED })) };
  }
}
