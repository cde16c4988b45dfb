import { randomUUID } from 'node:crypto';
import { getMetadataArgsStorage } from 'typeorm';
import { ACME, startTestApp, TestApp } from './support/harness';
import { RESOURCES } from '../src/resources';
import type { Resource } from '../src/data/resource';
import { seesInFull, TRANSFORMS, type FieldMask } from '../src/data/masks';
import { Role } from '../src/entities/enums';
import { columnsOf, graphqlFieldOf } from '../src/data/entity-metadata';
import { orderName } from '../src/resources/define';
import { patientPseudonym } from '../src/crypto/pseudonyms';
import { parseGlobalId, toGlobalId } from '../src/data/global-id';
import { ageBand } from '../src/domain/age-band';
import { loadConfig } from '../src/config';

/**
 * Minimum necessary, generated from the declarations: for every resource with masked fields,
 * every role that reads it and every masked field, both read paths (the compiled statement and
 * the resolvers) give exactly the declared view: in full for the field's `fullFor` roles, the
 * transform's value for the others, on top-level pages, `node(id)`, to-one references and
 * nested connections; and a masked reader may not filter or sort by the field.
 */

type Data = Record<string, any>;
let compiled: TestApp;
let resolvers: TestApp;
const tokens = new Map<string, string>();

const MASKED = RESOURCES.filter((resource) => Object.keys(resource.masks ?? {}).length > 0);
const masksOf = (resource: Resource) => Object.entries(resource.masks ?? {}) as Array<[string, FieldMask]>;
const readers = (resource: Resource) => resource.permissions.read;

/** Texts for the transforms to work on: names, postcodes written every way, none, and non-ASCII. */
const SAMPLES = ['Jane Example, 12 High Street, Leeds LS1 4AB', 'Żaneta Nowak, Flat 3, London ec1a1bb', 'Ólafur, no postcode here', 'W1A 0AX', 'x', '12 Rose Lane, M1 1AE Manchester'];

async function token(app: TestApp, role: Role): Promise<string> {
  const key = `${app === compiled ? 'c' : 'r'}:${role}`;
  if (!tokens.has(key)) tokens.set(key, await app.login(role, ACME));
  return tokens.get(key)!;
}

beforeAll(async () => {
  compiled = await startTestApp();
  resolvers = await startTestApp({ db: compiled.db, compiledReads: false });
  // Every live row of the demo tenant holds a value in every masked text and date column (encrypted ones keep the demo's), one of several shapes.
  const [{ id: tenantId }] = await compiled.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [ACME]);
  for (const resource of MASKED) {
    const columns = columnsOf(resource.entity);
    const sets: string[] = [];
    for (const [property] of masksOf(resource)) {
      const facts = columns.get(property)!;
      // Encrypted values and NHS numbers (check digit) keep the demo's, of which some rows have one.
      if (facts.encrypted || property === 'nhsNumber') continue;
      const column = `"${columnName(resource, property)}"`;
      const spread = `abs(hashtext(id::text || '${property}'))`;
      const text = `left((ARRAY[${SAMPLES.map((s) => `'${s}'`).join(', ')}])[1 + ${spread} % ${SAMPLES.length}], ${facts.length ?? 500})`;
      // An e-mail address's CHECK wants one.
      const sample = facts.type === 'date' ? `date '1931-01-01' + ${spread} % 30000` : property === 'email' ? `'person.' || left(id::text, 8) || '@example.test'` : text;
      // Values the demo left empty are filled (identifiers stay unique); a postcode district needs addresses with postcodes in them.
      sets.push(`${column} = ${resource.masks![property].as === 'postcodeDistrict' ? sample : `coalesce(${column}, ${sample})`}`);
    }
    const table = (await compiled.db.owner(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = $1`, [tableOf(resource)]))[0]?.tablename;
    if (!table) throw new Error(`no table for ${resource.typeName}`);
    if (sets.length) await compiled.db.owner(`UPDATE ${table} SET ${sets.join(', ')} WHERE tenant_id = $1 AND deleted_at IS NULL`, [tenantId]);
  }
}, 120_000);
afterAll(async () => {
  await resolvers.stop();
  await compiled.stop();
});

const tableOf = (resource: Resource) => getMetadataArgsStorage().tables.find((t) => t.target === resource.entity)!.name!;
const columnName = (resource: Resource, property: string) => getMetadataArgsStorage().columns.find((c) => c.target === resource.entity && c.propertyName === property)!.options.name ?? property;

/** What `role` must see of a field whose full value is `full`. */
function expected(mask: FieldMask, role: Role, full: unknown): unknown {
  if (seesInFull(mask, role)) return full;
  if (mask.as === 'refused') return null;
  return TRANSFORMS[mask.as].value(full);
}

const selectable = (resource: Resource, refused: boolean) => masksOf(resource).filter(([, mask]) => (mask.as === 'refused') === refused).map(([field]) => field);

async function read(app: TestApp, role: Role, query: string, variables: Data = {}) {
  const response = await app.graphql<Data, Data>(query, variables, await token(app, role));
  return { ...response, statements: app.statements.get(response.requestId) };
}

describe('minimum-necessary masking', () => {
  it('declares a view for every role that reads each masked field, ADMIN always in full', () => {
    expect(MASKED.map((r) => r.typeName)).toEqual(expect.arrayContaining(['Patient', 'Appointment', 'Task']));
    for (const resource of MASKED) for (const [field, mask] of masksOf(resource)) expect([resource.typeName, field, seesInFull(mask, Role.ADMIN)]).toEqual([resource.typeName, field, true]);
    // The analyst sees patients de-identified.
    const patient = RESOURCES.find((r) => r.typeName === 'Patient')!;
    for (const field of ['firstName', 'lastName', 'nhsNumber', 'dateOfBirth', 'email', 'phone', 'address', 'emergencyContact', 'mrn', 'medicalDetails']) {
      expect([field, seesInFull(patient.masks![field], Role.ANALYST)]).toEqual([field, false]);
    }
  });

  it('transforms alike in JavaScript and in PostgreSQL, on any text', async () => {
    const alphabet = 'abcXYZ019 ,.-Żół\n\t\'"%_\\';
    const texts = [...SAMPLES, '', ' LS1 4AB', 'LS1 4ABC', 'ALS1 4AB', 'ls14ab', 'EC1A 1BB.', 'N1 1AA N2 2BB', 'SW1A1AA', '🙂 emoji first', 'M1 1AE\nsecond line'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 300; i++) texts.push(Array.from({ length: 1 + (next() % 14) }, () => alphabet[next() % alphabet.length]).join('') + (i % 3 ? ` ${['B', 'LS', 'EC'][i % 3]}${i % 10} ${i % 10}AB` : ''));
    for (const [kind, transform] of Object.entries(TRANSFORMS)) {
      const rows = await compiled.db.owner(`SELECT ${transform.sql('t.v')} AS masked FROM unnest($1::text[]) WITH ORDINALITY AS t(v, i) ORDER BY t.i`, [texts]);
      expect([kind, rows.map((r) => r.masked)]).toEqual([kind, texts.map((text) => transform.value(text))]);
    }
    expect(TRANSFORMS.postcodeDistrict.value('Jane, 12 High Street, Leeds ls1 4ab')).toBe('LS1');
    expect(TRANSFORMS.initials.value('Żaneta')).toBe('Ż.');
  });

  describe.each(MASKED.map((resource) => [resource.typeName, resource] as const))('%s', (_name, resource) => {
    const fields = selectable(resource, false);
    const refused = selectable(resource, true);
    const page = (selection: string) => `{ ${resource.pluralField}(first: 50) { nodes { id ${selection} } } }`;

    it.each(readers(resource).map((role) => [role]))('%s reads the declared view on both paths: pages, node(id), references and nested connections', async (role) => {
      // The truth: the rows in full, as ADMIN reads them.
      const truth = await read(resolvers, Role.ADMIN, page([...fields, ...refused].join(' ')));
      expect(truth.errors).toBeUndefined();
      const fullById = new Map<string, Data>(truth.data![resource.pluralField].nodes.map((n: Data) => [n.id, n]));
      for (const field of [...fields, ...refused]) {
        expect([field, [...fullById.values()].some((row) => row[field] != null)]).toEqual([field, true]);
      }
      const check = (rows: Data[], where: string) => {
        expect([where, rows.length > 0]).toEqual([where, true]);
        for (const row of rows) {
          const full = fullById.get(row.id);
          if (!full) continue; // beyond the truth's first 50
          for (const field of Object.keys(row).filter((k) => k !== 'id' && k !== '__typename')) {
            expect({ where, role, field, value: row[field] }).toEqual({ where, role, field, value: expected(resource.masks![field], role, full[field]) });
          }
        }
      };

      // Top-level pages: the compiled statement (one round trip) and the resolvers agree with the declaration.
      if (fields.length) {
        const fast = await read(compiled, role, page(fields.join(' ')));
        const slow = await read(resolvers, role, page(fields.join(' ')));
        expect(fast.errors).toBeUndefined();
        expect(fast.statements).toBe(1);
        expect(fast.data).toEqual(slow.data);
        check(fast.data![resource.pluralField].nodes, 'page');
      }
      // Refused fields: null with FORBIDDEN at that field's path for the masked, the value for the others.
      for (const field of refused) {
        for (const app of [compiled, resolvers]) {
          const response = await read(app, role, page(field));
          check(response.data![resource.pluralField].nodes, `page ${field}`);
          const forbidden = (response.errors ?? []).filter((e: Data) => e.extensions?.code === 'FORBIDDEN' && e.path?.at(-1) === field);
          const masked = !seesInFull(resource.masks![field], role);
          expect([field, role, forbidden.length > 0]).toEqual([field, role, masked && response.data![resource.pluralField].nodes.some((n: Data) => fullById.get(n.id)?.[field] != null)]);
        }
      }

      // node(id), on both paths.
      const someId = [...fullById.keys()][0];
      const nodeQuery = `query($id: ID!) { node(id: $id) { id ... on ${resource.typeName} { ${fields.join(' ') || '__typename'} } } }`;
      const [fastNode, slowNode] = [await read(compiled, role, nodeQuery, { id: someId }), await read(resolvers, role, nodeQuery, { id: someId })];
      expect(fastNode.data).toEqual(slowNode.data);
      if (fastNode.data!.node) check([fastNode.data!.node], 'node(id)');

      // References to the resource (Appointment.patient) and nested connections of it (Patient.appointments), on both paths.
      for (const source of RESOURCES) {
        if (!source.permissions.read.includes(role)) continue;
        const toOne = Object.entries(source.toOne).find(([field, ref]) => ref.resource() === resource && !source.fieldFeatures?.[field]);
        const connection = Object.entries(source.connections).find(([, c]) => c.resource() === resource);
        const shapes = [
          toOne && [`${toOne[0]}`, `{ ${source.pluralField}(first: 30) { nodes { ${toOne[0]} { id ${fields.join(' ')} } } } }`],
          connection && [`${connection[0]}`, `{ ${source.pluralField}(first: 10) { nodes { ${connection[0]}(first: 5) { nodes { id ${fields.join(' ')} } } } } }`],
        ].filter(Boolean) as Array<[string, string]>;
        for (const [via, query] of shapes) {
          if (!fields.length) continue;
          const [fast, slow] = [await read(compiled, role, query), await read(resolvers, role, query)];
          if (slow.errors?.some((e: Data) => e.extensions?.code === 'FORBIDDEN' || e.extensions?.code === 'FEATURE_DISABLED')) continue; // the role may not follow this reference at all
          expect([via, slow.errors]).toEqual([via, undefined]);
          expect([via, fast.data]).toEqual([via, slow.data]);
          const rows = (fast.data![source.pluralField].nodes as Data[]).flatMap((n) => (toOne && via === toOne[0] ? [n[via]] : n[via].nodes)).filter(Boolean);
          for (const row of rows) {
            const full = fullById.get(row.id);
            if (!full) continue;
            for (const field of fields) expect({ via, role, field, value: row[field] }).toEqual({ via, role, field, value: expected(resource.masks![field], role, full[field]) });
          }
        }
      }
    });

    it.each(readers(resource).map((role) => [role]))('%s may filter and sort by a masked field only if it reads it in full', async (role) => {
      for (const [field, mask] of masksOf(resource)) {
        const filterable = Object.hasOwn(resource.filterFields, field) && !columnsOf(resource.entity).get(field)!.encrypted;
        const sortable = Object.hasOwn(resource.orderFields, orderName(field));
        const attempts: Array<[string, string]> = [];
        if (filterable) attempts.push([`filter.${field}`, `{ ${resource.pluralField}(first: 1, filter: { ${field}: { isNull: false } }) { nodes { id } } }`]);
        if (sortable) attempts.push([`orderBy[0].field`, `{ ${resource.pluralField}(first: 1, orderBy: [{ field: ${orderName(field)} }]) { nodes { id } } }`]);
        for (const [path, query] of attempts) {
          for (const app of [compiled, resolvers]) {
            const response = await read(app, role, query);
            if (seesInFull(mask, role)) expect([field, path, response.errors]).toEqual([field, path, undefined]);
            else {
              expect(response.data).toEqual({ [resource.pluralField]: null });
              expect(response.errors?.map((e: Data) => [e.extensions?.code, e.extensions?.fields?.map((f: Data) => [f.field, f.rule])])).toEqual([['BAD_USER_INPUT', [[path, 'masked']]]]);
            }
          }
        }
      }
    });
  });

  it('shows every other column field of every resource in full to every reader, alike on both paths', async () => {
    let compared = 0;
    for (const resource of RESOURCES) {
      const columns = columnsOf(resource.entity);
      const fields = [...columns.keys()].filter((property) => {
        const field = graphqlFieldOf(resource.entity, property);
        const type = field && String((field.getType as () => unknown)());
        return field && !columns.get(property)!.encrypted && !resource.fieldFeatures?.[property] && resource.masks?.[property]?.as !== 'refused' && property !== 'id' && type !== 'JSONObject' && !field.typeOptions?.array;
      });
      if (!fields.length) continue;
      for (const role of readers(resource)) {
        const query = `{ ${resource.pluralField}(first: 5) { nodes { id ${fields.join(' ')} } } }`;
        const [fast, slow] = [await read(compiled, role, query), await read(resolvers, role, query)];
        if (slow.errors?.some((e: Data) => ['FEATURE_DISABLED', 'FORBIDDEN'].includes(e.extensions?.code))) continue;
        expect([resource.typeName, role, slow.errors]).toEqual([resource.typeName, role, undefined]);
        expect([resource.typeName, role, fast.data]).toEqual([resource.typeName, role, slow.data]);
        const rows = slow.data![resource.pluralField].nodes as Data[];
        if (!rows.length) continue;
        const truth = await read(resolvers, Role.ADMIN, `query($ids: [ID!]) { ${resource.pluralField}(first: 5, filter: { id: { in: $ids } }) { nodes { id ${fields.join(' ')} } } }`, { ids: rows.map((r) => r.id) });
        const fullById = new Map<string, Data>((truth.data![resource.pluralField].nodes as Data[]).map((n) => [n.id, n]));
        for (const row of rows) {
          for (const field of fields) {
            const mask = resource.masks?.[field];
            const want = mask ? expected(mask, role, fullById.get(row.id)![field]) : fullById.get(row.id)![field];
            expect({ type: resource.typeName, role, field, value: row[field] }).toEqual({ type: resource.typeName, role, field, value: want });
            compared++;
          }
        }
      }
    }
    // Most resources, every reader: thousands of (row, field) comparisons.
    expect(compared).toBeGreaterThan(2000);
  }, 180_000);

  it('orders an analyst’s patients without the masked names: by id, whichever path', async () => {
    const query = `{ patients(first: 30) { nodes { id lastName } } }`;
    const [fast, slow] = [await read(compiled, Role.ANALYST, query), await read(resolvers, Role.ANALYST, query)];
    expect(fast.data).toEqual(slow.data);
    const ids = (fast.data!.patients.nodes as Data[]).map((n) => parseGlobalId(n.id)!.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('gives every patient a stable pseudonym, the same for every role, and age bands instead of birth dates (the filter’s SQL agrees with the value)', async () => {
    const query = `{ patients(first: 20, orderBy: [{ field: CREATED_AT }]) { nodes { id pseudonym ageBand dateOfBirth } } }`;
    const analyst = await read(resolvers, Role.ANALYST, query);
    const clinician = await read(compiled, Role.CLINICIAN, query);
    expect(analyst.errors).toBeUndefined();
    expect(analyst.data!.patients.nodes.map((n: Data) => [n.id, n.pseudonym])).toEqual(clinician.data!.patients.nodes.map((n: Data) => [n.id, n.pseudonym]));
    const [{ id: tenantId }] = await compiled.db.owner(`SELECT id FROM tenants WHERE slug = $1`, [ACME]);
    for (const [i, node] of (analyst.data!.patients.nodes as Data[]).entries()) {
      const full = clinician.data!.patients.nodes[i];
      expect(node.pseudonym).toBe(patientPseudonym(loadConfig().pseudonymKey, tenantId as string, parseGlobalId(node.id)!.id));
      expect(node.pseudonym).toMatch(/^[0-9a-f]{32}$/);
      expect(node.dateOfBirth).toBeNull();
      expect(node.ageBand).toBe(ageBand(full.dateOfBirth, new Date()));
    }
    expect(new Set(analyst.data!.patients.nodes.map((n: Data) => n.pseudonym)).size).toBe(20);
    // Another secret, other pseudonyms: nothing but the key links them to the patient.
    expect(patientPseudonym(randomUUID(), tenantId as string, parseGlobalId(analyst.data!.patients.nodes[0].id)!.id)).not.toBe(analyst.data!.patients.nodes[0].pseudonym);
    // Every band the SQL filter selects is the band the value shows, for every patient (birthdays today and on 29 February included by the unit test).
    const all = await read(resolvers, Role.ANALYST, `{ patients(first: 500) { nodes { id ageBand } } }`);
    const bands = new Map<string, string[]>();
    for (const n of all.data!.patients.nodes as Data[]) bands.set(n.ageBand ?? 'none', [...(bands.get(n.ageBand ?? 'none') ?? []), n.id]);
    expect(bands.size).toBeGreaterThan(3);
    for (const [band, ids] of bands) {
      const filter = band === 'none' ? '{ ageBand: { isNull: true } }' : `{ ageBand: { eq: "${band}" } }`;
      const filtered = await read(compiled, Role.ANALYST, `{ patients(first: 500, filter: ${filter}) { nodes { id } } }`);
      expect([band, (filtered.data!.patients.nodes as Data[]).map((n) => n.id).sort()]).toEqual([band, ids.sort()]);
    }
    // Grouped by band, for an analyst.
    const grouped = await read(compiled, Role.ANALYST, `{ patientsAggregate { groups(groupBy: [{ key: AGE_BAND }]) { nodes { keys { ageBand } count suppressed } } } }`);
    expect(grouped.errors).toBeUndefined();
    expect(new Set(grouped.data!.patientsAggregate.groups.nodes.map((g: Data) => g.keys.ageBand ?? 'none'))).toEqual(new Set(bands.keys()));
  });

  it('counts ages in full years as PostgreSQL does, birthdays and 29 February included', async () => {
    const today = new Date('2027-02-28T12:00:00Z');
    const cases: Array<[string | null, string | null]> = [[null, null], ['2000-02-29', '20-29'], ['1997-02-28', '30-39'], ['1997-03-01', '20-29'], ['1937-02-28', '90+'], ['1937-03-01', '80-89'], ['2027-02-28', '0-9']];
    for (const [born, band] of cases) expect([born, ageBand(born, today)]).toEqual([born, band]);
    const [row] = await compiled.db.owner(`SELECT array_agg(date_part('year', age(date '2027-02-28', d))::int ORDER BY i) AS ages FROM unnest($1::date[]) WITH ORDINALITY AS t(d, i)`, [cases.slice(1).map(([born]) => born)]);
    expect((row.ages as number[]).map((age) => (age >= 90 ? '90+' : `${Math.floor(age / 10) * 10}-${Math.floor(age / 10) * 10 + 9}`))).toEqual(cases.slice(1).map(([, band]) => band));
  });

  it('refuses a write of a field the caller reads masked, naming it: the answer would tell what the mask hides', async () => {
    const admin = await token(compiled, Role.ADMIN);
    const [nhs] = await compiled.db.owner(`SELECT nhs_number FROM patients WHERE nhs_number IS NOT NULL LIMIT 1`);
    const role = await compiled.graphql<Data, Data>(`mutation($input: CreateCustomRoleInput!) { createCustomRole(input: $input) { customRole { id } } }`, { input: { name: `Updater ${randomUUID().slice(0, 8)}`, maskingProfile: 'ANALYST', permissions: ['PATIENT_READ', 'PATIENT_CREATE', 'PATIENT_UPDATE'] } }, admin);
    expect(role.errors).toBeUndefined();
    const email = `updater.${randomUUID().slice(0, 8)}@acme-care.test`;
    const invited = await compiled.graphql<Data, Data>(`mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`, { input: { email, customRoleId: role.data!.createCustomRole.customRole.id } }, admin);
    expect(invited.errors).toBeUndefined();
    const accepted = await compiled.graphql<Data, Data>(`mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { accessToken } }`, { input: { token: invited.data!.inviteMember.token, password: 'masked-writer-7-horse-battery', name: 'Updater' } });
    expect(accepted.errors).toBeUndefined();
    const updater = accepted.data!.acceptInvitation.accessToken as string;
    const created = await compiled.graphql<Data, Data>(`mutation($input: CreatePatientInput!) { createPatient(input: $input) { patient { id } } }`, { input: { firstName: 'Some', lastName: 'One', nhsNumber: nhs.nhs_number } }, updater);
    expect(created.errors?.[0].extensions?.fields).toEqual([{ field: 'input.firstName', rule: 'masked', message: expect.any(String) }]);
    const [patient] = await compiled.db.owner(`SELECT p.id, p.version FROM patients p JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = $1 AND p.deleted_at IS NULL ORDER BY p.id LIMIT 1`, [ACME]);
    const updated = await compiled.graphql<Data, Data>(`mutation($input: UpdatePatientInput!) { updatePatient(input: $input) { patient { id } } }`, { input: { id: toGlobalId('Patient', patient.id as string), expectedVersion: patient.version, nhsNumber: nhs.nhs_number } }, updater);
    expect(updated.errors?.[0].extensions?.fields).toEqual([{ field: 'input.nhsNumber', rule: 'masked', message: expect.any(String) }]);
    // What it reads in full, it writes.
    const genderOnly = await compiled.graphql<Data, Data>(`mutation($input: UpdatePatientInput!) { updatePatient(input: $input) { patient { gender lastName } } }`, { input: { id: toGlobalId('Patient', patient.id as string), expectedVersion: patient.version, gender: 'UNKNOWN' } }, updater);
    expect(genderOnly.errors).toBeUndefined();
    expect(genderOnly.data!.updatePatient.patient.lastName).toMatch(/^.\.$/);
  });

  it('production refuses to start without PSEUDONYM_KEY, or with a short one', () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { NODE_ENV: 'production', APP_DB_PASSWORD: 'x', AUTH_DB_PASSWORD: 'x', JWT_SECRET: 'x'.repeat(32) });
      delete process.env.PSEUDONYM_KEY;
      expect(() => loadConfig()).toThrow(/PSEUDONYM_KEY is required/);
      process.env.PSEUDONYM_KEY = 'too-short';
      expect(() => loadConfig()).toThrow(/at least 32 characters/);
    } finally {
      process.env = saved;
    }
  });
});
