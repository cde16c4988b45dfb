/**
 * A person's age band by ten years on `today` (UTC), from a `YYYY-MM-DD` date of birth: `0-9`
 * … `80-89`, then `90+`. Full years as PostgreSQL's age() counts them (Patient.ageBand's SQL):
 * a birthday not yet reached this year does not count, and 29 February comes after 28 February.
 */
export function ageBand(dateOfBirth: string | null, today: Date): string | null {
  if (!dateOfBirth) return null;
  const [year, monthDay] = [Number(dateOfBirth.slice(0, 4)), dateOfBirth.slice(5)];
  const now = today.toISOString();
  const age = Number(now.slice(0, 4)) - year - (now.slice(5, 10) < monthDay ? 1 : 0);
  if (age >= 90) return '90+';
  const from = Math.floor(Math.max(age, 0) / 10) * 10;
  return `${from}-${from + 9}`;
}
