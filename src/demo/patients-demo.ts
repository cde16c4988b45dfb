import { randomUUID } from 'node:crypto';
import { withNhsCheckDigit } from '../domain/nhs-number';
import { planResidency, type CareHome, type ResidencyPlan, type ResidentRow } from './care-home-demo';
import { DAY, isoDate, type Random } from './rows';

export interface PlannedSite {
  id: string;
  name: string;
  kind: 'CARE_HOME' | 'CLINIC';
  capacity: number | null;
  shortStays?: boolean;
}

export interface PlannedPatient {
  /** Chosen before the insert: a resident's medical details are sealed for their row. */
  id: string;
  /** Index of their site. */
  site: number;
  firstName: string;
  lastName: string;
  gender: string;
  dateOfBirth: string;
  nhsNumber: string;
  status: 'ACTIVE' | 'DISCHARGED' | 'DECEASED';
  /** From when they are seen (a resident's admission); null: since before the demo's history. */
  from: number | null;
  /** Until when they were seen (discharge, death, leaving the practice); null while they are the site's patient. */
  until: number | null;
  /** Since when they have been away (hospital, leave); null when present. */
  awaySince: number | null;
  /** How often they are seen, relative to others: some patients come back often. */
  frequency: number;
  resident: ResidentRow | null;
}

export const FEMALE_NAMES = ['Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Grace', 'Sophia', 'Lily', 'Freya', 'Emily', 'Margaret', 'Dorothy', 'Joan', 'Priya', 'Aisha', 'Siobhan'];
export const MALE_NAMES = ['Oliver', 'George', 'Harry', 'Noah', 'Jack', 'Leo', 'Arthur', 'Muhammad', 'Oscar', 'Charlie', 'Arjun', 'Wei', 'Kwame', 'Dafydd'];
export const LAST_NAMES = ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Patel', 'Khan', 'Chen', 'Okafor', 'Murphy', "O'Brien", 'Clarke', 'Lewis', 'Harris', 'Martin'];

/** Integer shares of `total` in proportion to `weights` (largest remainder), summing to `total`. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total <= 0 || sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const left = total - shares.reduce((a, b) => a + b, 0);
  for (let k = 0; k < left; k++) shares[order[k][1]] += 1;
  return shares;
}

/** A value drawn from `weights` (value → weight). */
function weighted<T extends string>(rnd: Random, weights: Array<[T, number]>): T {
  let draw = rnd.next() * weights.reduce((a, [, w]) => a + w, 0);
  for (const [value, weight] of weights) if ((draw -= weight) < 0) return value;
  return weights[weights.length - 1][0];
}

/** Long-stay residents are 72 to 100 (most in their eighties), intermediate care's 60 to 94. */
const residentAge = (rnd: Random, shortStays: boolean) => (shortStays ? 60 + rnd.int(18) + rnd.int(18) : 72 + rnd.int(15) + rnd.int(15));

/** A clinic's list: about a fifth children, a quarter 65 and over. */
function clinicAge(rnd: Random): number {
  const band = weighted(rnd, [['child', 18], ['adult', 57], ['older', 25]]);
  return band === 'child' ? rnd.int(18) : band === 'adult' ? 18 + rnd.int(47) : 65 + rnd.int(31);
}

/**
 * The patients of one tenant, planned before they are inserted. Care homes are nearly full of
 * current residents (a few beds free) and have their former residents, discharged or deceased
 * (intermediate care turns over within weeks, a long-stay home over years); every other patient
 * belongs to a clinic of the tenant (none of them a care home's). Clinic patients are mostly
 * ACTIVE, some DISCHARGED (left the practice) or DECEASED in the last four months, and the tenant
 * has patients in every status. Ages and genders follow who each site serves: residents are
 * old and mostly women, a clinic sees all ages, a coaching business working-age adults. Sites
 * are interleaved along the list, so that the first patients are not all of one site.
 */
export function planPatients(
  rnd: Random,
  context: { tenantId: string; kind: 'CARE_HOME_GROUP' | 'CLINIC' | 'HEALTH_COACHING'; now: number; sites: PlannedSite[]; count: number },
): { patients: PlannedPatient[]; residency: ResidencyPlan | null } {
  const { now, sites, count } = context;
  const today = Math.floor(now / DAY) * DAY;
  const homes = sites.flatMap((site, i) => (site.kind === 'CARE_HOME' && site.capacity ? [{ index: i, site, capacity: site.capacity }] : []));
  const clinics = sites.flatMap((site, i) => (site.kind === 'CARE_HOME' && site.capacity ? [] : [i]));

  // Residents: a few beds free in each home; former residents as the home's turnover (all the rest of the patients in a tenant of care homes only).
  let current = homes.map((h) => h.capacity - Math.max(1, Math.round(h.capacity * 0.07)));
  if (current.reduce((a, b) => a + b, 0) > count) current = apportion(count, homes.map((h) => h.capacity));
  const residentsTotal = current.reduce((a, b) => a + b, 0);
  let former = clinics.length ? homes.map((h) => (h.site.shortStays ? 2 * h.capacity : Math.round(0.45 * h.capacity))) : apportion(count - residentsTotal, homes.map((h) => h.capacity));
  if (residentsTotal + former.reduce((a, b) => a + b, 0) > count) former = apportion(count - residentsTotal, former);
  const clinicShares = apportion(count - residentsTotal - former.reduce((a, b) => a + b, 0), clinics.map(() => 1));

  const places: Array<{ site: number; role: 'current' | 'former' | 'patient' }> = [
    ...homes.flatMap((h, k) => [...Array.from({ length: current[k] }, () => ({ site: h.index, role: 'current' as const })), ...Array.from({ length: former[k] }, () => ({ site: h.index, role: 'former' as const }))]),
    ...clinics.flatMap((site, k) => Array.from({ length: clinicShares[k] }, () => ({ site, role: 'patient' as const }))),
  ];
  for (let i = places.length - 1; i > 0; i--) {
    const j = rnd.int(i + 1);
    [places[i], places[j]] = [places[j], places[i]];
  }

  const nhsNumbers = new Set<string>();
  while (nhsNumbers.size < places.length) {
    const candidate = withNhsCheckDigit(String(400000000 + rnd.int(599999999)).padStart(9, '0'));
    if (candidate) nhsNumbers.add(candidate);
  }
  const numbers = [...nhsNumbers];
  const patients: PlannedPatient[] = places.map((place, i) => {
    const site = sites[place.site];
    const resident = place.role !== 'patient';
    const gender = weighted(rnd, resident ? [['FEMALE', 68], ['MALE', 30], ['OTHER', 0.5], ['UNKNOWN', 1.5]] : [['FEMALE', 51], ['MALE', 46], ['OTHER', 1], ['UNKNOWN', 2]]);
    const firstName = rnd.pick(gender === 'FEMALE' ? FEMALE_NAMES : gender === 'MALE' ? MALE_NAMES : [...FEMALE_NAMES, ...MALE_NAMES]);
    const age = resident ? residentAge(rnd, site.shortStays === true) : context.kind === 'HEALTH_COACHING' ? 24 + rnd.int(23) + rnd.int(23) : clinicAge(rnd);
    const dateOfBirth = isoDate(today - Math.floor(age * 365.25 + rnd.int(365)) * DAY);
    return {
      id: randomUUID(),
      site: place.site,
      firstName,
      lastName: rnd.pick(LAST_NAMES),
      gender,
      dateOfBirth,
      nhsNumber: numbers[i],
      status: 'ACTIVE',
      from: null,
      until: null,
      awaySince: null,
      frequency: rnd.pick([1, 1, 1, 1, 2, 2, 3, 5]),
      resident: null,
    };
  });

  // Clinic patients who left: moved away (DISCHARGED) or died, in the last four months.
  for (const [i, place] of places.entries()) {
    if (place.role !== 'patient') continue;
    const draw = rnd.next();
    if (draw < 0.09) Object.assign(patients[i], { status: draw < 0.06 ? 'DISCHARGED' : 'DECEASED', until: now - (2 + rnd.int(120)) * DAY });
  }

  let residency: ResidencyPlan | null = null;
  if (homes.length) {
    residency = { residents: patients.map(() => null), stays: [] };
    const sealing = { tenantId: context.tenantId, ids: patients.map((p) => p.id) };
    for (const h of homes) {
      const here = (role: string) => places.flatMap((place, i) => (place.site === h.index && place.role === role ? [i] : []));
      const home: CareHome = { id: h.site.id, name: h.site.name, capacity: h.capacity, shortStays: h.site.shortStays };
      planResidency(rnd, today, home, { current: here('current'), former: here('former') }, sealing, residency);
    }
    for (const [i, row] of residency.residents.entries()) {
      if (row) Object.assign(patients[i], { status: row.patientStatus, from: row.from, until: row.until, awaySince: row.awaySince, resident: row });
    }
  }

  // Every status in every tenant: the last clinic patients still ACTIVE stand in for a status that none drew.
  for (const status of ['DISCHARGED', 'DECEASED'] as const) {
    if (patients.some((p) => p.status === status)) continue;
    const stand = patients.filter((p, i) => places[i].role === 'patient' && p.status === 'ACTIVE').at(-1);
    if (stand) Object.assign(stand, { status, until: now - 10 * DAY });
  }
  return { patients, residency };
}
