import { MaxLength } from 'class-validator';
import { ClinicalNoteTemplate } from '../entities/clinical-note-template.entity';
import { Role } from '../entities/enums';
import { CARE_GIVERS } from '../auth/permissions';
import { defineResource } from './define';
import { clinicalNoteCategoryResource } from './clinical-note-category.resource';

const { ADMIN, CLINICIAN } = Role;

export const clinicalNoteTemplateResource = defineResource<ClinicalNoteTemplate>({
  typeName: 'ClinicalNoteTemplate',
  entity: ClinicalNoteTemplate,
  pluralField: 'clinicalNoteTemplates',
  relations: {
    categoryId: { target: () => clinicalNoteCategoryResource, field: 'category', inverse: 'templates' },
  },
  filters: ['name', 'category'],
  orderBy: ['name', 'createdAt'],
  defaultOrder: [{ property: 'name', direction: 'ASC' }],
  permissions: { read: CARE_GIVERS, create: [ADMIN, CLINICIAN], update: [ADMIN, CLINICIAN], delete: [ADMIN, CLINICIAN], restore: [ADMIN, CLINICIAN] },
  inputs: { required: ['name', 'body'], optional: ['categoryId'], validate: { body: [MaxLength(20000)] } },
});
