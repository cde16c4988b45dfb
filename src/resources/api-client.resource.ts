import { ArrayMaxSize, ArrayUnique, Max, Min } from 'class-validator';
import { ApiClient } from '../entities/api-client.entity';
import { ApiClientKey } from '../entities/api-client-key.entity';
import { ApiClientStatus, Role } from '../entities/enums';
import type { Resource, StatusMachine } from '../data/resource';
import { assertReadsWhatItWrites, assertReadsWithinProfile, assertWithinOwn } from '../auth/permissions';
import { AppError } from '../errors/app-error';
import { defineResource } from './define';

const { ADMIN } = Role;
const { ACTIVE, SUSPENDED, REVOKED } = ApiClientStatus;

/** Suspended and back; revoked for good (`revokeApiClient`, which revokes every key too). */
const API_CLIENT_LIFECYCLE: StatusMachine<ApiClientStatus> = {
  property: 'status',
  initial: [ACTIVE, SUSPENDED],
  transitions: { [ACTIVE]: [SUSPENDED, REVOKED], [SUSPENDED]: [ACTIVE, REVOKED], [REVOKED]: [] },
};

/**
 * Partner administration (API clients, trusted documents): admins' only, never a custom role's
 * nor a client's scope (a partner holding it could mint keys or register what it runs).
 */
export const PARTNER_ADMINISTRATION = /^(API_CLIENT|TRUSTED_DOCUMENT)_/;

/** A key does not administer partners: its scopes are checked like a custom role's permissions. */
function assertScopesAllowed(scopes: readonly string[] | undefined, data: Parameters<NonNullable<NonNullable<Resource['rules']>['beforeCreate']>>[1]): void {
  if (!scopes) return;
  const administration = scopes.filter((scope) => PARTNER_ADMINISTRATION.test(scope));
  if (administration.length) {
    throw AppError.badInput([{ field: 'input.scopes', rule: 'noClientAdministration', message: `cannot include ${administration.join(', ')}: partner apps are administered by admins` }]);
  }
  assertWithinOwn(data.requireCaller(), scopes, 'input.scopes', 'The client');
  assertReadsWhatItWrites(scopes, 'input.scopes');
}

/** An expiry already past would make a client that never works. */
function assertFutureExpiry(expiresAt: Date | null | undefined): void {
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw AppError.badInput([{ field: 'input.expiresAt', rule: 'future', message: 'must be in the future' }]);
  }
}

/**
 * Partner apps calling with a key (migration ApiClients; keys: src/auth/api-keys.ts). Admins
 * only. `createApiClient` (with its first key) and `rotateApiClientKey` are in
 * src/resolvers/api-client.resolver.ts; name, contact, scopes, expiry, rate limit and
 * suspension change through `updateApiClient`, and a change applies from the client's next request.
 */
export const apiClientResource: Resource<ApiClient> = defineResource<ApiClient>({
  typeName: 'ApiClient',
  entity: ApiClient,
  pluralField: 'apiClients',
  filters: ['name', 'status', 'maskingProfile', 'createdAt'],
  orderBy: ['name', 'createdAt'],
  defaultOrder: [{ property: 'name', direction: 'ASC' }],
  permissions: { read: [ADMIN], create: [ADMIN], update: [ADMIN], delete: [ADMIN], restore: [ADMIN] },
  // Created with its first key, which the answer shows once.
  ownMutations: ['create'],
  actions: {
    issueKey: { roles: [ADMIN], description: 'issue a new key for an API client, ending the older ones now or after a grace period (`rotateApiClientKey`)' },
  },
  inputs: {
    required: ['name', 'maskingProfile', 'scopes'],
    optional: ['contact', 'expiresAt', 'rateLimitPerMinute', 'status'],
    immutable: ['maskingProfile'],
    descriptions: {
      maskingProfile: 'The system role (not ADMIN) whose view of rows and fields the client takes; fixed at creation.',
      scopes: 'Every permission the client gets, each once (at most 1,000), none of API_CLIENT_* or TRUSTED_DOCUMENT_*; an empty list gives none.',
      status: 'ACTIVE by default; SUSPENDED refuses its keys until ACTIVE again; REVOKED is final (`revokeApiClient`).',
    },
    validate: { scopes: [ArrayUnique({ message: 'must not list a permission twice' }), ArrayMaxSize(1000)], rateLimitPerMinute: [Min(1), Max(100_000)] },
  },
  status: API_CLIENT_LIFECYCLE,
  rules: {
    beforeCreate(values, data) {
      values.name = values.name?.trim();
      if (values.maskingProfile === ADMIN) {
        throw AppError.badInput([{ field: 'input.maskingProfile', rule: 'notAdmin', message: 'cannot be ADMIN: an API client sees data as one of the other system roles' }]);
      }
      assertScopesAllowed(values.scopes, data);
      if (values.maskingProfile) assertReadsWithinProfile(values.scopes ?? [], values.maskingProfile, 'input.scopes');
      assertFutureExpiry(values.expiresAt);
    },
    beforeUpdate(current, changes, data) {
      if (changes.name !== undefined) changes.name = changes.name.trim();
      assertScopesAllowed(changes.scopes, data);
      if (changes.scopes || changes.maskingProfile) assertReadsWithinProfile(changes.scopes ?? current.scopes, changes.maskingProfile ?? current.maskingProfile, changes.scopes ? 'input.scopes' : 'input.maskingProfile');
      if (changes.expiresAt !== undefined) assertFutureExpiry(changes.expiresAt);
    },
  },
});

/** The keys of a client, newest first: prefixes, expiry, revocation and last use (never the keys). */
export const apiClientKeyResource: Resource<ApiClientKey> = defineResource<ApiClientKey>({
  typeName: 'ApiClientKey',
  entity: ApiClientKey,
  pluralField: 'apiClientKeys',
  relations: {
    apiClientId: { target: () => apiClientResource, field: 'apiClient', inverse: 'keys', inverseDescription: 'Its keys, the newest first: one live, and older ones until their grace period ends.' },
  },
  filters: ['apiClient', 'prefix', 'createdAt'],
  orderBy: ['createdAt'],
  defaultOrder: [{ property: 'createdAt', direction: 'DESC' }],
  permissions: { read: [ADMIN], create: [], update: [], delete: [], restore: [] },
});
