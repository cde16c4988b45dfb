import { Feature } from '../entities/enums';
import { ResidentStay } from '../entities/resident-stay.entity';
import { PATIENT_READERS } from '../auth/permissions';
import { defineResource } from './define';
import { patientResource } from './patient.resource';
import { siteResource } from './site.resource';
import { FREE_TEXT } from '../data/masks';

/** Read-only: stays are opened and closed by `admitResident`, `transferResident` and `dischargeResident` (src/resolvers/resident.resolver.ts). */
export const residentStayResource = defineResource<ResidentStay>({
  typeName: 'ResidentStay',
  entity: ResidentStay,
  pluralField: 'residentStays',
  masks: { reason: FREE_TEXT, endReason: FREE_TEXT },
  relations: {
    patientId: {
      target: () => patientResource,
      field: 'patient',
      inverse: 'stays',
      inverseDescription: 'The resident’s stays, room by room (filter or order by fromDate).',
      cascade: true,
      samePatient: true,
    },
    siteId: { target: () => siteResource, field: 'site', inverse: 'residentStays', inverseDescription: 'Every stay at this site, past and current.' },
  },
  filters: ['patient', 'site', 'room', 'fromDate', 'toDate'],
  orderBy: ['fromDate', 'createdAt'],
  defaultOrder: [{ property: 'fromDate', direction: 'DESC' }],
  feature: Feature.CARE_HOMES,
  permissions: { read: PATIENT_READERS, create: [], update: [], delete: [], restore: [] },
  patientIdProperty: 'patientId',
});
