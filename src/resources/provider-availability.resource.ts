import { ProviderAvailability, Weekday } from '../entities/provider-availability.entity';
import { Role } from '../entities/enums';
import { EVERYONE } from '../auth/permissions';
import { AppError } from '../errors/app-error';
import { availabilityProblems } from '../domain/scheduling';
import { defineResource } from './define';
import { careProfessionalResource } from './care-professional.resource';
import { siteResource } from './site.resource';

const { ADMIN, COORDINATOR } = Role;

function assertWindow(row: Partial<ProviderAvailability>): void {
  const problems = availabilityProblems(row);
  if (problems.length) throw AppError.badInput(problems);
}

/** Weekly windows in which a professional may be booked (src/domain/scheduling.ts says how they restrict bookings). */
export const providerAvailabilityResource = defineResource<ProviderAvailability>({
  typeName: 'ProviderAvailability',
  entity: ProviderAvailability,
  pluralField: 'providerAvailabilities',
  relations: {
    careProfessionalId: {
      target: () => careProfessionalResource,
      field: 'careProfessional',
      description: 'Whose availability this is.',
      inverse: 'availability',
      inverseDescription: 'Weekly windows in which the professional may be booked; none declared means bookable at any time.',
      cascade: true,
    },
    siteId: { target: () => siteResource, field: 'site', description: "Where; its time zone is the window's. Null: any site (the professional's site's time zone)." },
  },
  filters: ['careProfessional', 'site', 'weekday', 'validFrom', 'validTo'],
  orderBy: [{ property: 'weekday', byRank: Object.values(Weekday) }, 'validFrom', 'createdAt'],
  defaultOrder: [
    { property: 'weekday', direction: 'ASC' },
    { property: 'validFrom', direction: 'ASC' },
  ],
  // Rotas are everyone's to read (no clinical content); those who plan them write them.
  permissions: { read: EVERYONE, create: [ADMIN, COORDINATOR], update: [ADMIN, COORDINATOR], delete: [ADMIN, COORDINATOR], restore: [ADMIN, COORDINATOR] },
  inputs: {
    required: ['careProfessionalId', 'weekday', 'startTime', 'endTime', 'validFrom'],
    optional: ['siteId', 'validTo'],
    immutable: ['careProfessionalId'],
  },
  rules: {
    beforeCreate(values) {
      assertWindow(values);
    },
    beforeUpdate(current, changes) {
      assertWindow({ ...current, ...changes });
    },
  },
});
