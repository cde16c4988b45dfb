import type { Client } from 'pg';

/** Deterministic pseudo-random numbers (mulberry32): the same seed gives the same demo data. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
  };
}

export type Random = ReturnType<typeof random>;

export const DAY = 86_400_000;
/** A time as its UTC day, `YYYY-MM-DD`. */
export const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Inserts rows column-wise (one unnest per column), returning `returning` of each. */
export async function insertRows(client: Client, table: string, columns: Record<string, { type: string; values: unknown[] }>, returning = 'id'): Promise<string[]> {
  const names = Object.keys(columns);
  const params = names.map((name) => columns[name].values);
  const unnest = names.map((name, i) => `$${i + 1}::${columns[name].type}[]`).join(', ');
  const result = await client.query(`INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${unnest}) RETURNING ${returning}`, params);
  return result.rows.map((r) => r[returning]);
}
