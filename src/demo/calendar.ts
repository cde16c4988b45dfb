import { DAY } from './rows';

/**
 * Wall-clock time in a time zone, for the demo's rotas: a local calendar day is a whole number
 * (days since 1970-01-01), a time of day minutes after local midnight. Instants are milliseconds.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Local wall-clock time minus UTC at `instant`, in milliseconds (e.g. +3,600,000 in British Summer Time). */
export function zoneOffset(zone: string, instant: number): number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, format);
  }
  const part = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The local day `instant` falls on. */
export const localDay = (zone: string, instant: number): number => Math.floor((instant + zoneOffset(zone, instant)) / DAY);

/** Monday 0 … Sunday 6 (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number): number => (day + 3) % 7;

/** The instant of `minutes` after midnight on local `day` (for times that exist on that day, which working hours do). */
export function atLocal(zone: string, day: number, minutes: number): number {
  const wall = day * DAY + minutes * 60_000;
  const guess = wall - zoneOffset(zone, wall);
  return wall - zoneOffset(zone, guess);
}

/** `YYYY-MM-DD` of a local day. */
export const dayIso = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
