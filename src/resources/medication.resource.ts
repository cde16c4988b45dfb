import { Medication } from '../entities/medication.entity';
import { Role } from '../entities/enums';
import { EVERYONE } from '../auth/permissions';
import { defineResource } from './define';

const { ADMIN, CLINICIAN } = Role;

/** The tenant's medication catalogue: reference data, not a patient's. */
export const medicationResource = defineResource<Medication>({
  typeName: 'Medication',
  entity: Medication,
  pluralField: 'medications',
  filters: ['name', 'genericName', 'form', 'manufacturer'],
  orderBy: ['name', 'createdAt'],
  defaultOrder: [{ property: 'name', direction: 'ASC' }],
  permissions: { read: EVERYONE, create: [ADMIN, CLINICIAN], update: [ADMIN, CLINICIAN], delete: [ADMIN], restore: [ADMIN] },
  inputs: { required: ['name'], optional: ['genericName', 'form', 'strength', 'manufacturer'] },
});
