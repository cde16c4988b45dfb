import { siteResource } from './site.resource';
import { patientResource } from './patient.resource';
import { careProfessionalResource } from './care-professional.resource';
import { appointmentResource } from './appointment.resource';
import { clinicalNoteCategoryResource } from './clinical-note-category.resource';
import { clinicalNoteResource } from './clinical-note.resource';
import type { Resource } from '../data/resource';

export { siteResource, patientResource, careProfessionalResource, appointmentResource, clinicalNoteCategoryResource, clinicalNoteResource };

export const RESOURCES: Resource[] = [
  siteResource,
  patientResource,
  careProfessionalResource,
  appointmentResource,
  clinicalNoteCategoryResource,
  clinicalNoteResource,
] as Resource[];

export const resourceByTypeName = new Map(RESOURCES.map((r) => [r.typeName, r]));
