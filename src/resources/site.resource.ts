import { Site } from '../entities';
import { SiteKind } from '../entities/enums';
import { PERMISSIONS } from '../auth/permissions';
import { defineResource, filterOn, Resource } from '../data/resource';
import { patientResource } from './patient.resource';

export const siteResource: Resource<Site> = defineResource<Site>({
  typeName: 'Site',
  entity: Site,
  pluralField: 'sites',
  filters: {
    id: filterOn.reference('id', 'Site'),
    name: filterOn.string('name'),
    kind: filterOn.enumOf('kind', SiteKind, 'SiteKind'),
  },
  orderFields: { NAME: 'name', CREATED_AT: 'createdAt' },
  defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
  permissions: PERMISSIONS.Site,
  connections: { patients: { resource: () => patientResource, foreignKey: 'siteId' } },
});
