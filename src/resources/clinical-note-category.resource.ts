import { ClinicalNoteCategory } from '../entities';
import { PERMISSIONS } from '../auth/permissions';
import { defineResource, filterOn, Resource } from '../data/resource';

export const clinicalNoteCategoryResource: Resource<ClinicalNoteCategory> = defineResource<ClinicalNoteCategory>({
  typeName: 'ClinicalNoteCategory',
  entity: ClinicalNoteCategory,
  pluralField: 'clinicalNoteCategories',
  filters: { id: filterOn.reference('id', 'ClinicalNoteCategory'), name: filterOn.string('name') },
  orderFields: { NAME: 'name', CREATED_AT: 'createdAt' },
  defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
  permissions: PERMISSIONS.ClinicalNoteCategory,
});
