import { CareProfessional } from '../entities';
import { Profession } from '../entities/enums';
import { PERMISSIONS } from '../auth/permissions';
import { defineResource, filterOn, Resource } from '../data/resource';
import { siteResource } from './site.resource';
import { appointmentResource } from './appointment.resource';

export const careProfessionalResource: Resource<CareProfessional> = defineResource<CareProfessional>({
  typeName: 'CareProfessional',
  entity: CareProfessional,
  pluralField: 'careProfessionals',
  filters: {
    id: filterOn.reference('id', 'CareProfessional'),
    firstName: filterOn.string('firstName'),
    lastName: filterOn.string('lastName'),
    profession: filterOn.enumOf('profession', Profession, 'Profession'),
    licenseNumber: filterOn.string('licenseNumber'),
    site: filterOn.reference('siteId', 'Site'),
  },
  orderFields: { LAST_NAME: 'lastName', FIRST_NAME: 'firstName', CREATED_AT: 'createdAt' },
  defaultOrder: [
    { field: 'LAST_NAME', direction: 'ASC' },
    { field: 'FIRST_NAME', direction: 'ASC' },
  ],
  permissions: PERMISSIONS.CareProfessional,
  connections: { appointments: { resource: () => appointmentResource, foreignKey: 'careProfessionalId' } },
  references: { siteId: () => siteResource },
});
