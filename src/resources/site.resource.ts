import { Site } from '../entities';
import { ADMIN_MANAGED } from '../auth/permissions';
import { defineResource } from './define';

export const siteResource = defineResource<Site>({
  typeName: 'Site',
  entity: Site,
  pluralField: 'sites',
  filters: ['name', 'kind'],
  orderBy: ['name', 'createdAt'],
  defaultOrder: [{ property: 'name', direction: 'ASC' }],
  permissions: ADMIN_MANAGED,
});
