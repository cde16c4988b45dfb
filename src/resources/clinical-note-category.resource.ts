import { ClinicalNoteCategory } from '../entities';
import { CARE_GIVERS } from '../auth/permissions';
import { Role } from '../entities/enums';
import { defineResource } from './define';

export const clinicalNoteCategoryResource = defineResource<ClinicalNoteCategory>({
  typeName: 'ClinicalNoteCategory',
  entity: ClinicalNoteCategory,
  pluralField: 'clinicalNoteCategories',
  filters: ['name'],
  orderBy: ['name', 'createdAt'],
  defaultOrder: [{ property: 'name', direction: 'ASC' }],
  permissions: { read: CARE_GIVERS, create: [Role.ADMIN], update: [Role.ADMIN], delete: [Role.ADMIN], restore: [Role.ADMIN] },
});
