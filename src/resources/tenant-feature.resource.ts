import { TenantFeature } from '../entities/tenant-feature.entity';
import { Role } from '../entities/enums';
import { defineResource } from './define';

/** Read by admins; written by `setTenantFeature` only (src/resolvers/tenant.resolver.ts). */
export const tenantFeatureResource = defineResource<TenantFeature>({
  typeName: 'TenantFeature',
  entity: TenantFeature,
  pluralField: 'tenantFeatures',
  filters: ['feature', 'enabled', 'updatedAt'],
  orderBy: ['createdAt', 'updatedAt'],
  defaultOrder: [{ property: 'createdAt', direction: 'ASC' }],
  permissions: { read: [Role.ADMIN], create: [], update: [], delete: [], restore: [] },
});
