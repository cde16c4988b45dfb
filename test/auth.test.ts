import fs from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { LoginDocument, MeDocument, PatientsDocument, ClinicalNotesDocument, CreatePatientDocument } from './generated/graphql';
import { ACME, NORTHWIND, onlyError, startTestApp, TestApp } from './support/harness';
import { Role } from '../src/entities/enums';
import { permissionsMarkdown } from '../src/auth/permissions-table';
import { DEMO_PASSWORD } from '../src/demo/demo-data';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

describe('login', () => {
  it('returns a signed token carrying user, tenant and role, with the user and tenant', async () => {
    const result = await app.graphql(LoginDocument, { input: { email: 'admin@acme-care.test', password: DEMO_PASSWORD, tenantSlug: ACME } });
    expect(result.errors).toBeUndefined();
    const login = result.data!.login;
    expect(login.role).toBe('ADMIN');
    expect(login.user.email).toBe('admin@acme-care.test');
    expect(login.tenant.slug).toBe(ACME);
    const claims = jwt.decode(login.accessToken) as Record<string, unknown>;
    expect(claims).toMatchObject({ role: 'ADMIN', iss: 'caregraph', aud: 'caregraph-api' });
    expect(typeof claims.sub).toBe('string');
    expect(typeof claims.tid).toBe('string');
  });

  it('gives the same UNAUTHENTICATED error for a wrong password, an unknown user, a foreign tenant and an unknown tenant', async () => {
    const attempts = [
      { email: 'admin@acme-care.test', password: 'wrong-password', tenantSlug: ACME },
      { email: 'nobody@acme-care.test', password: DEMO_PASSWORD, tenantSlug: ACME },
      { email: 'admin@acme-care.test', password: DEMO_PASSWORD, tenantSlug: NORTHWIND },
      { email: 'admin@acme-care.test', password: DEMO_PASSWORD, tenantSlug: 'no-such-tenant' },
    ];
    const messages = new Set<string>();
    for (const input of attempts) {
      const error = onlyError(await app.graphql(LoginDocument, { input }));
      expect(error.extensions?.code).toBe('UNAUTHENTICATED');
      messages.add(error.message);
    }
    expect(messages.size).toBe(1);
  });

  it('refuses demo logins when NODE_ENV=production', async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    process.env.JWT_SECRET = 'production-secret-for-this-test-only';
    process.env.APP_DB_PASSWORD = 'unused';
    process.env.AUTH_DB_PASSWORD = 'unused';
    try {
      const production = await startTestApp({ db: app.db });
      try {
        const error = onlyError(await production.graphql(LoginDocument, { input: { email: 'admin@acme-care.test', password: DEMO_PASSWORD, tenantSlug: ACME } }));
        expect(error.extensions?.code).toBe('UNAUTHENTICATED');
      } finally {
        await production.stop();
      }
    } finally {
      process.env.NODE_ENV = previous;
      delete process.env.JWT_SECRET;
      delete process.env.APP_DB_PASSWORD;
      delete process.env.AUTH_DB_PASSWORD;
    }
  });

  it('no statement the request role can run returns a password hash; the auth role can run only the login lookup', async () => {
    const [{ id: tenantId }] = await app.db.owner('SELECT id FROM tenants WHERE slug = $1', [ACME]);
    const attempts = [
      ['SELECT password_hash FROM login_candidate($1::uuid, $2)', [tenantId, 'admin@acme-care.test']],
      ['SELECT password_hash FROM login_credentials($1, $2)', [ACME, 'admin@acme-care.test']],
      ['SELECT password_hash FROM users', []],
    ] as const;
    const asRole = async (url: string, sql: string, params: readonly unknown[]) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`SELECT set_config('app.tenant_id', $1, false)`, [tenantId]);
        return (await client.query(sql, [...params])).rows;
      } catch (error) {
        return (error as { code?: string }).code;
      } finally {
        await client.end();
      }
    };
    for (const [sql, params] of attempts) expect([sql, await asRole(app.db.appUrl, sql, params)]).toEqual([sql, '42501']);
    expect(await asRole(app.db.authUrl, 'SELECT email FROM users', [])).toBe('42501');
    const [found] = (await asRole(app.db.authUrl, attempts[1][0], attempts[1][1])) as Array<{ password_hash: string }>;
    expect(found.password_hash).toMatch(/^\$2[aby]\$/);
  });
});

describe('tokens', () => {
  it('`me` answers who is calling', async () => {
    const token = await app.login(Role.CLINICIAN, NORTHWIND);
    const result = await app.graphql(MeDocument, {}, token);
    expect(result.data!.me).toEqual({ role: 'CLINICIAN', user: { email: 'clinician@northwind-clinic.test' }, tenant: { slug: NORTHWIND } });
  });

  it('node(id) refetches the caller’s tenant and users of it, and nothing of another tenant', async () => {
    const acmeAdmin = (await app.graphql(LoginDocument, { input: { email: 'admin@acme-care.test', password: DEMO_PASSWORD, tenantSlug: ACME } })).data!.login;
    const northwind = (await app.graphql(LoginDocument, { input: { email: 'admin@northwind-clinic.test', password: DEMO_PASSWORD, tenantSlug: NORTHWIND } })).data!.login;
    const node = (id: string, token: string) => app.graphql<{ node: { id: string } | null }, unknown>(`query($id: ID!) { node(id: $id) { id } }`, { id }, token);
    expect((await node(acmeAdmin.tenant.id, acmeAdmin.accessToken)).data!.node).toEqual({ id: acmeAdmin.tenant.id });
    expect((await node(acmeAdmin.user.id, acmeAdmin.accessToken)).data!.node).toEqual({ id: acmeAdmin.user.id });
    expect((await node(northwind.tenant.id, acmeAdmin.accessToken)).data!.node).toBeNull();
    expect((await node(northwind.user.id, acmeAdmin.accessToken)).data!.node).toBeNull();
  });

  it('without a token, data is UNAUTHENTICATED', async () => {
    const error = onlyError(await app.graphql(PatientsDocument, { first: 1 }));
    expect(error.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['a tampered signature', (t: string) => `${t.slice(0, -4)}AAAA`],
    ['another secret', () => jwt.sign({ tid: '00000000-0000-4000-8000-000000000000', role: 'ADMIN' }, 'other-secret', { subject: '00000000-0000-4000-8000-000000000000', issuer: 'caregraph', audience: 'caregraph-api' })],
    ['alg none', (t: string) => jwt.sign(jwt.decode(t) as object, '', { algorithm: 'none' })],
    ['an expired token', () => jwt.sign({ tid: '00000000-0000-4000-8000-000000000000', role: 'ADMIN', exp: 1 }, 'test-secret-test-secret-test-secret', { subject: '00000000-0000-4000-8000-000000000000', issuer: 'caregraph', audience: 'caregraph-api' })],
  ])('rejects %s with 401 UNAUTHENTICATED', async (_name, forge) => {
    const token = forge(await app.login(Role.ADMIN));
    const result = await app.graphql(PatientsDocument, { first: 1 }, token);
    expect(result.status).toBe(401);
    expect(onlyError(result).extensions?.code).toBe('UNAUTHENTICATED');
  });
});


describe('roles', () => {
  it('the README documents exactly the permissions the code enforces', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
    expect(readme).toContain(permissionsMarkdown());
  });

  it('an analyst and a coordinator cannot read clinical notes, top level or nested', async () => {
    for (const role of [Role.ANALYST, Role.COORDINATOR]) {
      const token = await app.login(role);
      expect(onlyError(await app.graphql(ClinicalNotesDocument, { first: 1 }, token)).extensions?.code).toBe('FORBIDDEN');
      const nested = await app.graphql(`{ patients(first: 1) { nodes { clinicalNotes(first: 1) { nodes { content } } } } }`, {}, token);
      expect(onlyError(nested).extensions?.code).toBe('FORBIDDEN');
    }
  });

  // Every role on every operation of every resource: test/conformance.test.ts (the role table), from the registry.

  it('a token stops working when its membership is revoked or its role changes', async () => {
    const token = await app.login(Role.COORDINATOR, NORTHWIND);
    const input = { firstName: 'Before', lastName: 'Revocation' };
    expect((await app.graphql(CreatePatientDocument, { input }, token)).errors).toBeUndefined();
    const [{ id: userId }] = await app.db.owner(`SELECT id FROM users WHERE email = 'coordinator@northwind-clinic.test'`);
    await app.db.owner(`UPDATE memberships SET role = 'ANALYST' WHERE user_id = $1`, [userId]);
    try {
      const changed = onlyError(await app.graphql(CreatePatientDocument, { input }, token));
      expect(changed.extensions?.code).toBe('UNAUTHENTICATED');
      expect(changed.message).toMatch(/log in again/);
      await app.db.owner(`UPDATE memberships SET role = 'COORDINATOR', deleted_at = now() WHERE user_id = $1`, [userId]);
      expect(onlyError(await app.graphql(PatientsDocument, { first: 1 }, token)).extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await app.db.owner(`UPDATE memberships SET role = 'COORDINATOR', deleted_at = NULL WHERE user_id = $1`, [userId]);
    }
    expect((await app.graphql(PatientsDocument, { first: 1 }, token)).errors).toBeUndefined();
  });
});
