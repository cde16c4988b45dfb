import type { Client } from 'pg';
import { buildCareGraphSchema } from '../schema';
import { loadConfig } from '../config';
import { checkManifestOperation, registrationLimits, sha256Hex, storeTrustedDocuments, type CheckedOperation } from '../graphql/trusted-documents';

/** What a lab partner runs: its patients' list, a patient's upcoming appointments, and a task when results are in. */
const LAB_OPERATIONS = [
  ['LabPatients', 'query', 'query LabPatients($first: Int!, $after: String) { patients(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id mrn lastName dateOfBirth } } }'],
  ['LabSites', 'query', 'query LabSites { sites(first: 20) { nodes { id name kind } } }'],
  ['LabResultsReady', 'mutation', 'mutation LabResultsReady($title: String!, $patientId: ID) { createTask(input: { title: $title, patientId: $patientId }) { task { id title status } } }'],
] as const;

/** The demo's operations checked as a registration checks them (validated against the schema, costed). */
function checkedLabOperations(): CheckedOperation[] {
  const schema = buildCareGraphSchema();
  const limits = registrationLimits(loadConfig());
  return LAB_OPERATIONS.map(([name, type, body], index) => {
    const result = checkManifestOperation(schema, limits, { id: sha256Hex(body), name, type, body }, `demo lab operations[${index}]`);
    if ('problems' in result) throw new Error(`demo lab operation ${name}: ${JSON.stringify(result.problems)}`);
    return result.checked;
  });
}

/**
 * A partner app of every demo tenant (issue 15): "Demo lab", with a lab's scopes, seeing data as a
 * coordinator, and its trusted documents (manifest version 1). It has no key: an admin issues one
 * (`rotateApiClientKey`), which is shown once, as for any client. The tenant's own apps have the
 * same operations registered, so a member can try `documentId` too.
 */
export async function loadPartners(client: Client, tenantId: string, adminUserId: string): Promise<void> {
  const {
    rows: [{ id: clientId }],
  } = await client.query<{ id: string }>(
    `INSERT INTO api_clients (tenant_id, name, contact, masking_profile, scopes, rate_limit_per_minute, created_by, updated_by)
     VALUES ($1, 'Demo lab', 'integrations@demo-lab.test', 'COORDINATOR', $2, 120, $3, $3) RETURNING id`,
    [tenantId, ['PATIENT_READ', 'SITE_READ', 'APPOINTMENT_READ', 'TASK_READ', 'TASK_CREATE'], adminUserId],
  );
  const operations = checkedLabOperations();
  for (const owner of [clientId, null]) {
    await storeTrustedDocuments(async (sql, params) => (await client.query(sql, params)).rows, { tenantId, clientId: owner, manifestVersion: 1, userId: adminUserId }, operations);
  }
}
