import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { asApolloManifest } from '../graphql/trusted-documents';
import { runCommand } from './command';

const USAGE =
  'usage: npm run documents:publish -- --client <ApiClient id | apps> [--url http://localhost:4000/graphql] [--retire-missing] <manifest.json>\n' +
  '  credentials: CAREGRAPH_TOKEN (an admin’s access token), or --tenant <slug> --email <admin> with CAREGRAPH_PASSWORD';

const REGISTER = `mutation Publish($input: RegisterTrustedDocumentsInput!) {
  registerTrustedDocuments(input: $input) { manifestVersion registered unchanged retired }
}`;

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; fields?: Array<{ field: string; rule: string; message: string }> } }>;
}

async function post<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as GraphQLAnswer<T>;
  } catch {
    throw new Error(`${url} answered ${response.status} without JSON`);
  }
}

/** Each refusal on a line of its own: a field's rule and message, or the error's message. */
function failure(answer: GraphQLAnswer<unknown>): string {
  return (answer.errors ?? [])
    .flatMap((e) => (e.extensions?.fields?.length ? e.extensions.fields.map((f) => `  ${f.field} (${f.rule}): ${f.message}`) : [`  ${e.extensions?.code ?? 'ERROR'}: ${e.message}`]))
    .join('\n');
}

/**
 * Registers a manifest of operations (Apollo's persisted query manifest, or GraphQL Code
 * Generator's persisted-documents.json) with a running CareGraph, as an admin: what a CI job
 * runs when a partner app or the tenant's own app ships. Every body is validated and costed by
 * the server; if any fails, nothing is registered and each failure is printed.
 */
export async function publishDocuments(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { client: { type: 'string' }, url: { type: 'string' }, tenant: { type: 'string' }, email: { type: 'string' }, 'retire-missing': { type: 'boolean' } },
  });
  if (!values.client || positionals.length !== 1) throw new Error(USAGE);
  const url = values.url ?? env.CAREGRAPH_URL ?? 'http://localhost:4000/graphql';
  // npm runs scripts in the package's folder: a relative path is the caller's (INIT_CWD).
  const file = path.resolve(env.INIT_CWD ?? process.cwd(), positionals[0]);
  const manifest = asApolloManifest(JSON.parse(readFileSync(file, 'utf8')) as unknown);
  let token = env.CAREGRAPH_TOKEN;
  if (!token) {
    if (!values.tenant || !values.email || !env.CAREGRAPH_PASSWORD) throw new Error(USAGE);
    const login = await post<{ login: { accessToken: string } }>(url, 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }', {
      input: { tenantSlug: values.tenant, email: values.email, password: env.CAREGRAPH_PASSWORD },
    });
    if (!login.data) throw new Error(`login refused:\n${failure(login)}`);
    token = login.data.login.accessToken;
  }
  const input = { apiClientId: values.client === 'apps' ? null : values.client, manifest, retireMissing: values['retire-missing'] ?? false };
  const answer = await post<{ registerTrustedDocuments: { manifestVersion: number; registered: number; unchanged: number; retired: number } }>(url, REGISTER, { input }, token);
  if (!answer.data) throw new Error(`the manifest was refused, nothing was registered:\n${failure(answer)}`);
  const { manifestVersion, registered, unchanged, retired } = answer.data.registerTrustedDocuments;
  return `manifest version ${manifestVersion}: ${registered} registered, ${unchanged} unchanged, ${retired} retired`;
}

if (require.main === module) {
  runCommand('documents:publish', async () => console.log(await publishDocuments(process.argv.slice(2))));
}
