import { Profession, Role } from '../entities/enums';
import { CareProfessional } from '../entities';
import { ADMIN_MANAGED } from '../auth/permissions';
import { defineResource } from './define';
import { siteResource } from './site.resource';
import { IsEmail } from 'class-validator';
import { IsPhoneNumber } from '../graphql/validators';

export const careProfessionalResource = defineResource<CareProfessional>({
  typeName: 'CareProfessional',
  entity: CareProfessional,
  pluralField: 'careProfessionals',
  relations: {
    siteId: { target: () => siteResource, field: 'site' },
  },
  filters: ['firstName', 'lastName', 'profession', 'licenseNumber', 'site', 'canPrescribe'],
  orderBy: ['lastName', 'firstName', 'createdAt'],
  defaultOrder: [
    { property: 'lastName', direction: 'ASC' },
    { property: 'firstName', direction: 'ASC' },
  ],
  permissions: ADMIN_MANAGED,
  actions: { summarize: { roles: [Role.ADMIN, Role.COORDINATOR, Role.ANALYST], description: 'read the doctors’ activity over a period (`doctorSummary`)' } },
  inputs: {
    required: ['firstName', 'lastName', 'profession'],
    optional: ['specialization', 'licenseNumber', 'phone', 'email', 'siteId', 'canPrescribe'],
    validate: { email: [IsEmail()], phone: [IsPhoneNumber()] },
    descriptions: { canPrescribe: 'Whether they may prescribe: true for a DOCTOR unless given; set it for nurse and pharmacist prescribers.' },
  },
  rules: {
    beforeCreate(values) {
      values.canPrescribe ??= values.profession === Profession.DOCTOR;
    },
  },
});
