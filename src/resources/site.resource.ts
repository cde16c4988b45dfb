import { IsEmail, Matches } from 'class-validator';
import { Site } from '../entities';
import { ADMIN_MANAGED } from '../auth/permissions';
import { IsCurrencyCode, IsLanguageTag, IsPhoneNumber, IsTimeZoneName } from '../graphql/validators';
import { defineResource } from './define';

/** Clinics and care homes (seed 003's facilities): admins create and update them. */
export const siteResource = defineResource<Site>({
  typeName: 'Site',
  entity: Site,
  pluralField: 'sites',
  filters: ['name', 'kind', 'capacity', 'registrationNumber'],
  orderBy: ['name', 'createdAt'],
  defaultOrder: [{ property: 'name', direction: 'ASC' }],
  permissions: ADMIN_MANAGED,
  inputs: {
    required: ['name', 'kind'],
    optional: ['capacity', 'address', 'phone', 'email', 'timezone', 'licenceNumber', 'taxId', 'currency', 'language', 'registrationNumber', 'registrationDetails'],
    // A care home with residents does not become a clinic: create another site instead.
    immutable: ['kind'],
    descriptions: { capacity: 'Beds: required for a care home, 1 to 10,000, and never below the beds in use.', timezone: 'IANA time zone, e.g. Europe/London (the default).' },
    validate: {
      email: [IsEmail()],
      phone: [IsPhoneNumber()],
      timezone: [IsTimeZoneName()],
      taxId: [Matches(/^[A-Za-z0-9][A-Za-z0-9 ./-]{1,31}$/, { message: 'must be 2 to 32 letters, digits, spaces, dots, slashes or hyphens' })],
      currency: [IsCurrencyCode()],
      language: [IsLanguageTag()],
    },
  },
});
