import { compileFilter } from '../src/data/filter-sql';
import type { FilterField, Resource } from '../src/data/resource';
import { SqlParams, type TableInfo } from '../src/data/table';
import { createTestDatabase, type TestDatabase } from './support/harness';

/**
 * Operators of the kinds no entity uses yet, or that are easy to get subtly wrong (decimals
 * compared as numbers, JSON containment, booleans with ne), run as real SQL over literal rows.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const column = (property: string, sqlType: string) => ({ property, column: property, sqlType, nullable: true });
const table = {
  columns: new Map([
    ['amount', column('amount', 'numeric')],
    ['details', column('details', 'jsonb')],
    ['active', column('active', 'boolean')],
  ]),
} as unknown as TableInfo;
const fields: Record<string, FilterField> = {
  amount: { property: 'amount', filter: { kind: 'decimal' } },
  details: { property: 'details', filter: { kind: 'json' } },
  active: { property: 'active', filter: { kind: 'boolean' } },
};
const resource = { typeName: 'Probe', filterFields: fields } as unknown as Resource;
const ROWS = `(VALUES (1, 9.99::numeric, '{"mobility": "LOW", "aids": ["frame"]}'::jsonb, true), (2, 10.50, '{"mobility": "HIGH"}', false), (3, 100, NULL, NULL)) t(n, amount, details, active)`;

async function matching(filter: Record<string, unknown>): Promise<number[]> {
  const params = new SqlParams();
  const where = compileFilter(resource, table, filter, params, 200);
  const rows = await db.owner(`SELECT n FROM ${ROWS} WHERE ${where} ORDER BY n`, params.values);
  return rows.map((r) => r.n as number);
}

describe('filter SQL', () => {
  it('compares decimals as numbers, not as text ("9.99" < "10.50" < "100")', async () => {
    expect(await matching({ amount: { lt: '10.5' } })).toEqual([1]);
    expect(await matching({ amount: { gte: '10.50' } })).toEqual([2, 3]);
    expect(await matching({ amount: { eq: '100.000' } })).toEqual([3]);
  });

  it('matches JSON objects by containment and top-level keys', async () => {
    expect(await matching({ details: { contains: { mobility: 'LOW' } } })).toEqual([1]);
    expect(await matching({ details: { contains: { aids: ['frame'] } } })).toEqual([1]);
    expect(await matching({ details: { hasKey: 'mobility' } })).toEqual([1, 2]);
    expect(await matching({ details: { isNull: true } })).toEqual([3]);
  });

  it('compares booleans, with ne keeping the rows where the field is null', async () => {
    expect(await matching({ active: { eq: true } })).toEqual([1]);
    expect(await matching({ active: { ne: true } })).toEqual([2, 3]);
  });
});
