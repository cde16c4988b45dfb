import { TrustedDocument } from '../entities/trusted-document.entity';
import { Role } from '../entities/enums';
import type { Resource } from '../data/resource';
import { defineResource } from './define';
import { apiClientResource } from './api-client.resource';

/**
 * Registered operations (migration TrustedDocuments): a partner app's (`apiClient`), or the
 * tenant's own apps' (no client). Registered and retired by admins through
 * src/resolvers/trusted-document.resolver.ts; served by src/graphql/trusted-documents.ts.
 */
export const trustedDocumentResource: Resource<TrustedDocument> = defineResource<TrustedDocument>({
  typeName: 'TrustedDocument',
  entity: TrustedDocument,
  pluralField: 'trustedDocuments',
  relations: {
    apiClientId: {
      target: () => apiClientResource,
      field: 'apiClient',
      description: 'The partner app it is registered for; null for the tenant’s own apps.',
      inverse: 'trustedDocuments',
      inverseDescription: 'The operations the client may run (retired ones are not listed).',
    },
  },
  filters: ['apiClient', 'name', 'sha256', 'operationType', 'manifestVersion', 'createdAt'],
  orderBy: ['name', 'manifestVersion', 'createdAt'],
  defaultOrder: [{ property: 'name', direction: 'ASC' }],
  permissions: { read: [Role.ADMIN], create: [], update: [], delete: [], restore: [] },
  actions: {
    register: { roles: [Role.ADMIN], description: 'register a manifest of operations for a partner app or the tenant’s own apps (`registerTrustedDocuments`)' },
    retire: { roles: [Role.ADMIN], description: 'retire registered operations (`retireTrustedDocuments`)' },
  },
});
