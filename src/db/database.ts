import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { Client, types } from 'pg';
import { ENTITIES } from '../resources';
import { TenantStampSubscriber } from '../data/tenant-subscriber';
import { Foundation1763769600000 } from '../migrations/1763769600000-Foundation';
import { RequestRoleCheckRaises1763856000000 } from '../migrations/1763856000000-RequestRoleCheckRaises';
import { AccessLogsWithoutTenantLock1763856060000 } from '../migrations/1763856060000-AccessLogsWithoutTenantLock';
import { LoginWithoutHashesForRequests1764676800000 } from '../migrations/1764676800000-LoginWithoutHashesForRequests';
import { TenantTableIndexes1764900000000 } from '../migrations/1764900000000-TenantTableIndexes';
import { NoDoubleBooking1764900060000 } from '../migrations/1764900060000-NoDoubleBooking';
import { TasksAndMembers1764900120000 } from '../migrations/1764900120000-TasksAndMembers';
import { ProviderAvailability1764900180000 } from '../migrations/1764900180000-ProviderAvailability';
import { CareDelivery1764900240000 } from '../migrations/1764900240000-CareDelivery';
import { SiteTimezoneCheck1764900300000 } from '../migrations/1764900300000-SiteTimezoneCheck';
import { Leads1764900360000 } from '../migrations/1764900360000-Leads';
import { LeadSubjects1764900420000 } from '../migrations/1764900420000-LeadSubjects';
import { LeadConversionAndJourney1764900480000 } from '../migrations/1764900480000-LeadConversionAndJourney';
import { ActivityFeed1764900540000 } from '../migrations/1764900540000-ActivityFeed';
import { CareHomeResidents1764900600000 } from '../migrations/1764900600000-CareHomeResidents';
import { CareHomeRecords1764900660000 } from '../migrations/1764900660000-CareHomeRecords';
import { TenantPlans1764900720000 } from '../migrations/1764900720000-TenantPlans';
import { Invitations1764900780000 } from '../migrations/1764900780000-Invitations';
import { MemberAdministration1764900840000 } from '../migrations/1764900840000-MemberAdministration';
import { Sessions1764900900000 } from '../migrations/1764900900000-Sessions';
import { Features1764900960000 } from '../migrations/1764900960000-Features';
import { CustomRoles1764901020000 } from '../migrations/1764901020000-CustomRoles';
import { ClinicSites1764901080000 } from '../migrations/1764901080000-ClinicSites';
import { Prescriptions1764901140000 } from '../migrations/1764901140000-Prescriptions';
import { Diagnostics1764901200000 } from '../migrations/1764901200000-Diagnostics';
import { MedicalRecords1764901260000 } from '../migrations/1764901260000-MedicalRecords';
import { Billing1764901320000 } from '../migrations/1764901320000-Billing';
import { Payroll1764901380000 } from '../migrations/1764901380000-Payroll';
import { Notifications1764901440000 } from '../migrations/1764901440000-Notifications';
import { Documents1764901500000 } from '../migrations/1764901500000-Documents';
import { ApiClients1764901560000 } from '../migrations/1764901560000-ApiClients';
import { TrustedDocuments1764901620000 } from '../migrations/1764901620000-TrustedDocuments';
import { APP_DB_ROLE, AUTH_DB_ROLE } from './roles';

// Dates stay `YYYY-MM-DD` strings: a JS Date would shift them by the server's time zone.
types.setTypeParser(1082, (value) => value);

export const MIGRATIONS = [
  Foundation1763769600000,
  RequestRoleCheckRaises1763856000000,
  AccessLogsWithoutTenantLock1763856060000,
  LoginWithoutHashesForRequests1764676800000,
  TenantTableIndexes1764900000000,
  NoDoubleBooking1764900060000,
  TasksAndMembers1764900120000,
  ProviderAvailability1764900180000,
  CareDelivery1764900240000,
  SiteTimezoneCheck1764900300000,
  Leads1764900360000,
  LeadSubjects1764900420000,
  LeadConversionAndJourney1764900480000,
  ActivityFeed1764900540000,
  CareHomeResidents1764900600000,
  CareHomeRecords1764900660000,
  TenantPlans1764900720000,
  Invitations1764900780000,
  MemberAdministration1764900840000,
  Sessions1764900900000,
  Features1764900960000,
  CustomRoles1764901020000,
  ClinicSites1764901080000,
  Prescriptions1764901140000,
  Diagnostics1764901200000,
  MedicalRecords1764901260000,
  Billing1764901320000,
  Payroll1764901380000,
  Notifications1764901440000,
  Documents1764901500000,
  ApiClients1764901560000,
  TrustedDocuments1764901620000,
];

/** The owner's DataSource: migrations (also what the TypeORM CLI uses, see ormconfig.ts). */
export function ownerDataSourceOptions(url: string): DataSourceOptions {
  return { type: 'postgres', url, entities: ENTITIES, migrations: MIGRATIONS, migrationsTransactionMode: 'all', synchronize: false, logging: false };
}

export async function runMigrations(ownerUrl: string): Promise<string[]> {
  const dataSource = new DataSource(ownerDataSourceOptions(ownerUrl));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations();
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Lets `role` log in with `password` (the migrations create the request and auth roles NOLOGIN). */
async function enableRoleLogin(ownerUrl: string, role: string, password: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${role} LOGIN PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
}

export const enableAppRoleLogin = (ownerUrl: string, password: string) => enableRoleLogin(ownerUrl, APP_DB_ROLE, password);
export const enableAuthRoleLogin = (ownerUrl: string, password: string) => enableRoleLogin(ownerUrl, AUTH_DB_ROLE, password);

/** The owner URL with another role's credentials: same server, same database. */
function roleUrl(ownerUrl: string, role: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}

export const appRoleUrl = (ownerUrl: string, password: string) => roleUrl(ownerUrl, APP_DB_ROLE, password);
export const authRoleUrl = (ownerUrl: string, password: string) => roleUrl(ownerUrl, AUTH_DB_ROLE, password);

/** The DataSource requests run on: the request role, the tenant subscriber, a bounded pool. */
/**
 * `poolTimeoutMs`: how long a request waits for a free connection before it is answered 503.
 * `statementTimeoutMs`: how long one statement may run (lock waits included) before PostgreSQL
 * cancels it, so that no request can hold a connection for long.
 */
export function createRequestDataSource(url: string, poolSize: number, poolTimeoutMs = 5000, statementTimeoutMs = 15_000): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    subscribers: [TenantStampSubscriber],
    synchronize: false,
    logging: false,
    poolSize,
    // TimeZone=UTC: timestamps arrive as UTC text, which reads turn into ISO strings cheaply (src/db/read-types.ts).
    // pipeline: a statement is written as soon as it is issued, not after the previous answer.
    // RequestDb still runs a request's statements one after another; only a whole request
    // issued at once (RequestDb.queryWholeRequest) shares one round trip.
    extra: { connectionTimeoutMillis: poolTimeoutMs, idleTimeoutMillis: 30000, application_name: 'caregraph', options: `-c TimeZone=UTC -c statement_timeout=${statementTimeoutMs}`, pipeline: true },
  });
}

/**
 * Refuses to serve requests as a role that row-level security would not bind: a superuser,
 * a BYPASSRLS role, the owner of a table (or a member of the owner's role), or a database
 * where some tenant table lacks forced RLS.
 */
export async function assertRequestRoleIsSafe(dataSource: DataSource): Promise<void> {
  const [role] = await dataSource.query(`SELECT current_user AS name, rolsuper AS super, rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user`);
  const problems: string[] = [];
  if (role.super) problems.push('is a superuser');
  if (role.bypass) problems.push('has BYPASSRLS');
  const owned = await dataSource.query(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'MEMBER')`,
  );
  if (owned.length) problems.push(`owns (or can act as the owner of) ${owned.map((r: { relname: string }) => r.relname).join(', ')}`);
  const unforced = await dataSource.query(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)`,
  );
  if (unforced.length) problems.push(`would read tables without forced row-level security: ${unforced.map((r: { relname: string }) => r.relname).join(', ')}`);
  if (problems.length) {
    throw new Error(`Refusing to start: the request database role "${role.name}" ${problems.join('; ')}. See README, "Database roles".`);
  }
}
