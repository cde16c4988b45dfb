import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { Client } from 'pg';
import { NORTHWIND, ACME, useBothPaths, fieldRules, memberIdByRole, onlyError } from './support/harness';
import { Role } from '../src/entities/enums';
import { parseGlobalId, toGlobalId } from '../src/data/global-id';
import { createTokenService } from '../src/auth/tokens';
import { demoEmail } from '../src/demo/demo-data';

/**
 * Documents with versions (issue 14): uploads keep every version, files are stored by checksum
 * and checked on every read, downloads go through short-lived links that re-check access, and
 * access levels hide documents on every read path and in the database itself.
 */

const paths = useBothPaths();

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token?: string, on = paths.compiled) => on.graphql<Data, Data>(query, variables, token);
const owner = (sql: string, values: unknown[] = []) => paths.compiled.db.owner(sql, values);
const inNorthwind = `tenant_id = (SELECT id FROM tenants WHERE slug = '${NORTHWIND}')`;
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
/** The secret the test servers sign with (test/support/harness.ts). */
const tokens = createTokenService('test-secret-test-secret-test-secret', 900);

const DOCUMENT = 'id version name category tags accessLevel currentNumber contentType sizeBytes sha256 patient { id } clinicalNote { id } uploader { id }';
const UPLOAD = `mutation($input: UploadDocumentInput!) { uploadDocument(input: $input) { document { ${DOCUMENT} versions(first: 10) { totalCount nodes { id number fileName contentType sizeBytes sha256 comment download { url expiresAt } } } } } }`;
const UPLOAD_VERSION = `mutation($input: UploadDocumentVersionInput!) { uploadDocumentVersion(input: $input) { document { ${DOCUMENT} versions(first: 10) { totalCount nodes { id number fileName sha256 comment download { url } } } } } }`;
const file = (text: string, fileName = 'letter.txt', contentType = 'text/plain') => ({ fileName, contentType, contentBase64: b64(text) });
const download = (url: string) => request(paths.compiled.server.requestListener).get(url).buffer(true).parse((res, done) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
});

async function patientOfTeam(team: 'Day team' | 'Night team'): Promise<string> {
  const [{ id }] = await owner(
    `SELECT p.id FROM patients p JOIN patient_care_teams pct ON pct.patient_id = p.id AND pct.deleted_at IS NULL AND pct.unassigned_date IS NULL
       JOIN care_teams ct ON ct.id = pct.care_team_id AND ct.name = $1
      WHERE p.${inNorthwind} AND p.deleted_at IS NULL ORDER BY p.id LIMIT 1`,
    [team],
  );
  return toGlobalId('Patient', id as string);
}

/** A new member of Northwind with a custom role of these permissions, signed in (invited by the admin, then accepted). */
async function customRoleMember(admin: string, name: string, maskingProfile: Role, permissions: string[]): Promise<string> {
  const role = await gql(`mutation($input: CreateCustomRoleInput!) { createCustomRole(input: $input) { customRole { id } } }`, { input: { name, maskingProfile, permissions } }, admin);
  expect(role.errors).toBeUndefined();
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@northwind.example`;
  const invited = await gql(`mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`, { input: { email, customRoleId: role.data!.createCustomRole.customRole.id } }, admin);
  expect(invited.errors).toBeUndefined();
  const accepted = await gql(`mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { accessToken } }`, { input: { token: invited.data!.inviteMember.token, password: 'correct horse battery staple', name } });
  expect(accepted.errors).toBeUndefined();
  return accepted.data!.acceptInvitation.accessToken;
}

async function upload(token: string, document: Data, content = 'Referral to physiotherapy.', on = paths.compiled) {
  const response = await gql(UPLOAD, { input: { document, file: file(content) } }, token, on);
  expect(response.errors).toBeUndefined();
  return response.data!.uploadDocument.document;
}

describe('documents', () => {
  it('keep every version: each upload is numbered by the database, the document shows the latest, and each version downloads its own bytes', async () => {
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const patientId = await patientOfTeam('Day team');
    const first = 'Referral letter, first draft.';
    const document = await upload(clinician, { name: 'Referral letter', category: 'REFERRAL', tags: ['referral', 'physio'], patientId }, first);
    expect(document).toMatchObject({
      name: 'Referral letter', category: 'REFERRAL', tags: ['referral', 'physio'], accessLevel: 'STANDARD', currentNumber: 1,
      contentType: 'text/plain', sizeBytes: Buffer.byteLength(first), sha256: sha256(Buffer.from(first)), patient: { id: patientId }, clinicalNote: null,
      uploader: { id: await memberIdByRole(paths.compiled, clinician, Role.CLINICIAN) },
    });
    expect(document.versions.nodes).toEqual([expect.objectContaining({ number: 1, fileName: 'letter.txt', sha256: sha256(Buffer.from(first)), comment: null })]);

    // A stale version is refused, nothing stored; the current one adds version 2 and keeps version 1.
    const stale = await gql(UPLOAD_VERSION, { input: { documentId: document.id, expectedVersion: document.version + 5, file: file('other') } }, clinician);
    expect(onlyError(stale).extensions!.code).toBe('CONFLICT');
    const second = 'Referral letter, signed.';
    const updated = await gql(UPLOAD_VERSION, { input: { documentId: document.id, expectedVersion: document.version, file: file(second, 'letter-signed.txt'), comment: 'Signed by the GP' } }, clinician);
    expect(updated.errors).toBeUndefined();
    const now = updated.data!.uploadDocumentVersion.document;
    expect(now).toMatchObject({ currentNumber: 2, sizeBytes: Buffer.byteLength(second), sha256: sha256(Buffer.from(second)) });
    expect(now.version).toBeGreaterThan(document.version);
    expect(now.versions.nodes.map((v: Data) => [v.number, v.fileName, v.comment])).toEqual([[2, 'letter-signed.txt', 'Signed by the GP'], [1, 'letter.txt', null]]);

    // Each version's link gives its own bytes, as an attachment that is neither cached nor rendered.
    for (const [version, content] of [[now.versions.nodes[0], second], [now.versions.nodes[1], first]] as Array<[Data, string]>) {
      expect(version.download.url).toMatch(/^\/files\/[\w-]+\.[\w-]+\.[\w-]+$/);
      const response = await download(version.download.url);
      expect(response.status).toBe(200);
      expect((response.body as Buffer).toString('utf8')).toBe(content);
      expect(response.headers).toMatchObject({
        'content-type': expect.stringMatching(/^text\/plain/),
        'content-disposition': `attachment; filename="${version.fileName}"; filename*=UTF-8''${version.fileName}`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'content-security-policy': "default-src 'none'; sandbox",
      });
    }
    // The download is in the access log like any read of the patient's data.
    const logged = await owner(`SELECT count(*)::int AS n FROM access_logs WHERE ${inNorthwind} AND $1 = ANY(patient_ids) AND operation_name = 'download'`, [parseGlobalId(patientId)!.id]);
    expect(logged[0].n).toBe(2);

    // The same answers on both read paths.
    const query = `query($id: ID!) { node(id: $id) { ... on Document { ${DOCUMENT} versions { totalCount nodes { number sha256 } } } } }`;
    const [compiled, resolved] = await Promise.all([gql(query, { id: document.id }, clinician), gql(query, { id: document.id }, clinician, paths.resolvers)]);
    expect(compiled.errors).toBeUndefined();
    expect(compiled.data).toEqual(resolved.data);

    // Versions are written only by uploads: no mutation creates, edits or deletes one, and the database keeps them as they are.
    const mutations = await gql(`{ __schema { mutationType { fields { name } } } }`, {}, clinician);
    const names = mutations.data!.__schema.mutationType.fields.map((f: Data) => f.name);
    expect(names).toEqual(expect.arrayContaining(['uploadDocument', 'uploadDocumentVersion', 'createDocument', 'updateDocument', 'deleteDocument', 'restoreDocument']));
    expect(names.filter((n: string) => /DocumentVersion$/.test(n))).toEqual(['uploadDocumentVersion']);
  });

  it('refuse bad files and metadata, naming the field and the rule, with nothing stored', async () => {
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const patientId = await patientOfTeam('Day team');
    const [{ n: before }] = await owner(`SELECT count(*)::int AS n FROM documents WHERE ${inNorthwind}`);
    const refused = async (document: Data, fileInput: Data) => fieldRules(await gql(UPLOAD, { input: { document, file: fileInput } }, clinician));
    const good = { name: 'Letter', patientId };
    expect(await refused(good, { ...file('x'), contentBase64: 'not base64!' })).toEqual(['input.file.contentBase64:base64']);
    expect(await refused(good, { ...file('x'), contentBase64: 'QUJD' + 'R' })).toEqual(['input.file.contentBase64:base64']);
    expect(await refused(good, { ...file('x'), contentBase64: '' })).toEqual(['input.file.contentBase64:notEmpty']);
    expect(await refused(good, file('x', 'page.html', 'text/html'))).toEqual(['input.file.contentType:isIn']);
    expect(await refused(good, file('x', '  '))).toEqual(['input.file.fileName:matches']);
    expect(await refused({ ...good, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, file('x'))).toEqual(['input.document.tags:arrayMaxSize']);
    expect(await refused({ ...good, tags: [' padded'] }, file('x'))).toEqual(['input.document.tags:matches']);
    expect(await refused({ ...good, tags: ['a', 'a'] }, file('x'))).toEqual(['input.document.tags:arrayUnique']);
    expect(await refused({ name: 'Team letter', accessLevel: 'CARE_TEAM' }, file('x'))).toEqual(['input.document.accessLevel:needsPatient']);
    // Larger than DOCUMENT_MAX_BYTES (8 MiB by default): refused before it is decoded.
    const large = await gql(UPLOAD, { input: { document: good, file: { ...file('x'), contentBase64: 'A'.repeat(Math.ceil((8 * 1_048_576) / 3) * 4 + 4) } } }, clinician);
    expect(fieldRules(large)).toEqual(['input.file.contentBase64:maxBytes']);
    const [{ n: after }] = await owner(`SELECT count(*)::int AS n FROM documents WHERE ${inNorthwind}`);
    expect(after).toBe(before);
    // Names that would disguise or misplace the file.
    for (const fileName of ['scan\u202Efdp.exe', 'inv\u061Cfdp.exe', 'zero\u200Bwidth.pdf', 'a/b.pdf', '..\\boot.ini', 'two\nlines.txt']) expect(await refused(good, file('x', fileName))).toEqual(['input.file.fileName:matches']);
    // A file of several MiB is accepted and comes back the same.
    const big = Buffer.alloc(4 * 1_048_576, 7);
    const stored = await gql(UPLOAD, { input: { document: good, file: { fileName: 'scan.pdf', contentType: 'application/pdf', contentBase64: big.toString('base64') } } }, clinician);
    expect(stored.errors).toBeUndefined();
    expect(stored.data!.uploadDocument.document).toMatchObject({ sizeBytes: big.length, sha256: sha256(big) });
    expect(((await download(stored.data!.uploadDocument.document.versions.nodes[0].download.url)).body as Buffer).equals(big)).toBe(true);
    // Only callers who may upload send bodies larger than 1 MiB.
    const analyst = await paths.compiled.login(Role.ANALYST, NORTHWIND);
    expect((await gql(`{ __typename }`, { pad: 'x'.repeat(2_000_000) }, analyst)).status).toBe(413);
  });

  it('are downloaded only through a valid, unexpired link, by a caller who may still read the version, and only if the file matches its checksum', async () => {
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const patientId = await patientOfTeam('Day team');
    const document = await upload(admin, { name: 'Discharge summary', patientId, category: 'CLINICAL' }, 'Discharged home.');
    const version = document.versions.nodes[0];
    const viewed = await gql(`query($id: ID!) { node(id: $id) { ... on DocumentVersion { download { url } } } }`, { id: version.id }, clinician);
    const url: string = viewed.data!.node.download.url;
    expect((await download(url)).status).toBe(200);

    const refused = async (link: string, status: number, code: string) => {
      const response = await download(link);
      expect(response.status).toBe(status);
      expect(JSON.parse((response.body as Buffer).toString('utf8')).errors[0].extensions.code).toBe(code);
      expect(response.headers['cache-control']).toBe('no-store');
    };
    const token = url.slice('/files/'.length);
    const caller = tokens.verifyHeader(`Bearer ${clinician}`)!;
    // Altered, of another kind (an access token), expired: not a link.
    await refused(`/files/${token.slice(0, -2)}xx`, 401, 'UNAUTHENTICATED');
    await refused(`/files/${clinician}`, 401, 'UNAUTHENTICATED');
    await refused(`/files/${tokens.issueDownload(caller, parseGlobalId(version.id)!.id, -1).token}`, 401, 'UNAUTHENTICATED');
    await refused('/files/%00..%2F..%2Fetc%2Fpasswd', 401, 'UNAUTHENTICATED');
    // A download link is not an access token either.
    expect((await gql(`{ me { role } }`, {}, token)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    // Another tenant's member holding a link to this version (same secret, their own tenant): not found.
    const acmeCaller = tokens.verifyHeader(`Bearer ${await paths.compiled.login(Role.ADMIN, ACME)}`)!;
    await refused(`/files/${tokens.issueDownload(acmeCaller, parseGlobalId(version.id)!.id, 60).token}`, 404, 'NOT_FOUND');
    // A role that may not read documents, even with a well-signed link.
    const analyst = tokens.verifyHeader(`Bearer ${await paths.compiled.login(Role.ANALYST, NORTHWIND)}`)!;
    await refused(`/files/${tokens.issueDownload(analyst, parseGlobalId(version.id)!.id, 60).token}`, 403, 'FORBIDDEN');

    // Made PRIVATE by its uploader: the clinician's link stops working at once.
    const updated = await gql(`mutation($input: UpdateDocumentInput!) { updateDocument(input: $input) { document { version accessLevel } } }`, { input: { id: document.id, expectedVersion: document.version, accessLevel: 'PRIVATE' } }, admin);
    expect(updated.errors).toBeUndefined();
    await refused(url, 404, 'NOT_FOUND');
    // The admin's link works until the document is deleted.
    const adminUrl = (await gql(`query($id: ID!) { node(id: $id) { ... on DocumentVersion { download { url } } } }`, { id: version.id }, admin)).data!.node.download.url;
    expect((await download(adminUrl)).status).toBe(200);

    // The stored file altered on disk: refused, masked, logged with an error id; never served.
    const [{ tenant_id: tenantId }] = await owner(`SELECT tenant_id FROM documents WHERE id = $1`, [parseGlobalId(document.id)!.id]);
    const stored = path.join(process.env.FILE_STORE_DIR!, tenantId as string, document.sha256.slice(0, 2), document.sha256);
    const original = fs.readFileSync(stored);
    try {
      const altered = Buffer.from(original);
      altered[altered.length - 1] ^= 1;
      fs.writeFileSync(stored, altered);
      const response = await download(adminUrl);
      expect(response.status).toBe(500);
      const error = JSON.parse((response.body as Buffer).toString('utf8')).errors[0];
      expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.extensions.errorId).toEqual(expect.any(String));
      expect(error.message).not.toMatch(/Discharged/);
      fs.rmSync(stored);
      expect((await download(adminUrl)).status).toBe(500);
    } finally {
      fs.writeFileSync(stored, original);
    }
    expect((await download(adminUrl)).status).toBe(200);
    const deleted = await gql(`mutation($input: DeleteInput!) { deleteDocument(input: $input) { document { id } } }`, { input: { id: document.id } }, admin);
    expect(deleted.errors).toBeUndefined();
    await refused(adminUrl, 404, 'NOT_FOUND');
  });

  it('are hidden by their access level on every read path, and by the database itself', async () => {
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const careWorker = await paths.compiled.login(Role.CARE_WORKER, NORTHWIND);
    const coordinator = await paths.compiled.login(Role.COORDINATOR, NORTHWIND);
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    // A day-team patient: the clinician's team, not the care worker's (night team).
    const patientId = await patientOfTeam('Day team');
    const teamOnly = await upload(clinician, { name: 'Bloods', category: 'LAB_RESULT', accessLevel: 'CARE_TEAM', patientId });
    const privateOne = await upload(clinician, { name: 'Personal note', accessLevel: 'PRIVATE', patientId });
    const ids = [teamOnly.id, privateOne.id];
    const versionIds = [teamOnly.versions.nodes[0].id, privateOne.versions.nodes[0].id];

    const seen = async (token: string, on = paths.compiled) => {
      const response = await gql(
        `query($patient: ID!, $ids: [ID!]!) {
           documents(first: 500, filter: { patient: { eq: $patient } }) { totalCount nodes { id } }
           documentVersions(first: 500) { totalCount nodes { id } }
           node(id: $patient) { ... on Patient { documents(first: 50) { totalCount nodes { id versions { totalCount } } } } }
           nodes(ids: $ids) { id }
         }`,
        { patient: patientId, ids: [...ids, ...versionIds] },
        token,
        on,
      );
      expect(response.errors).toBeUndefined();
      const listed = new Set(response.data!.documents.nodes.map((n: Data) => n.id));
      const nested = new Set(response.data!.node.documents.nodes.map((n: Data) => n.id));
      const versions = new Set(response.data!.documentVersions.nodes.map((n: Data) => n.id));
      const byId = new Set(response.data!.nodes.filter(Boolean).map((n: Data) => n.id));
      return ids.map((id, i) => [listed.has(id), nested.has(id), versions.has(versionIds[i]), byId.has(id), byId.has(versionIds[i])]);
    };
    const all = [true, true, true, true, true];
    const none = [false, false, false, false, false];
    for (const on of [paths.compiled, paths.resolvers]) {
      expect(await seen(clinician, on)).toEqual([all, all]); // the uploader
      expect(await seen(admin, on)).toEqual([all, all]);
      expect(await seen(careWorker, on)).toEqual([none, none]); // not in the patient's care team
      expect(await seen(coordinator, on)).toEqual([none, none]);
    }
    // Only the uploader (or an admin) changes who may see a document: a team member neither opens nor hides it.
    const nightDoc = await upload(admin, { name: 'Team letter', accessLevel: 'CARE_TEAM', patientId: await patientOfTeam('Night team') });
    const lowered = await gql(`mutation($input: UpdateDocumentInput!) { updateDocument(input: $input) { document { accessLevel } } }`, { input: { id: nightDoc.id, expectedVersion: nightDoc.version, accessLevel: 'STANDARD' } }, careWorker);
    expect([onlyError(lowered).extensions!.code, fieldRules(lowered)]).toEqual(['FORBIDDEN', ['input.accessLevel:ownDocument']]);
    const renamed = await gql(`mutation($input: UpdateDocumentInput!) { updateDocument(input: $input) { document { name accessLevel } } }`, { input: { id: nightDoc.id, expectedVersion: nightDoc.version, name: 'Team letter (signed)' } }, careWorker);
    expect(renamed.data!.updateDocument.document).toEqual({ name: 'Team letter (signed)', accessLevel: 'CARE_TEAM' });

    // A member of the patient's care team sees the CARE_TEAM document, not the PRIVATE one.
    const nightPatient = await patientOfTeam('Night team');
    const forNight = await upload(clinician, { name: 'Night bloods', accessLevel: 'CARE_TEAM', patientId: nightPatient });
    expect((await gql(`query($id: ID!) { node(id: $id) { id } }`, { id: forNight.id }, careWorker)).data!.node).toEqual({ id: forNight.id });

    // The database's own policy: the request role, without the application's filter, sees and writes only what the rule allows.
    const [{ id: userId }] = await owner(`SELECT id FROM users WHERE email = $1`, [demoEmail(Role.CARE_WORKER, NORTHWIND)]);
    const [{ id: tenantId }] = await owner(`SELECT id FROM tenants WHERE slug = $1`, [NORTHWIND]);
    const client = new Client({ connectionString: paths.compiled.db.appUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`, [tenantId, userId]);
      const raw = ids.map((id) => parseGlobalId(id)!.id);
      expect((await client.query(`SELECT id FROM documents WHERE id = ANY($1)`, [raw])).rowCount).toBe(0);
      expect((await client.query(`SELECT id FROM document_versions WHERE document_id = ANY($1)`, [raw])).rowCount).toBe(0);
      expect((await client.query(`UPDATE documents SET name = 'Seen' WHERE id = ANY($1)`, [raw])).rowCount).toBe(0);
      // A team member who sees a CARE_TEAM document does not change its level, in the database either.
      await client.query('SAVEPOINT level');
      await expect(client.query(`UPDATE documents SET access_level = 'STANDARD' WHERE id = $1`, [parseGlobalId(forNight.id)!.id])).rejects.toThrow(/only the uploader changes the access level/);
      await client.query('ROLLBACK TO SAVEPOINT level');
      // Deleting the patient would pass over documents the caller cannot see: refused.
      await expect(client.query(`UPDATE patients SET deleted_at = now() WHERE id = $1`, [parseGlobalId(patientId)!.id])).rejects.toThrow(/documents the caller cannot see/);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    }
  });

  it('attach to clinical notes: the note’s patient, listed on the note, hidden from roles that cannot read notes, gone with the note', async () => {
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const coordinator = await paths.compiled.login(Role.COORDINATOR, NORTHWIND);
    const [{ id: noteRaw, patient_id: patientRaw }] = await owner(`SELECT cn.id, cn.patient_id FROM clinical_notes cn JOIN care_professionals cp ON cp.id = cn.author_id JOIN users u ON u.id = cp.user_id
      WHERE cn.${inNorthwind} AND cn.deleted_at IS NULL AND u.email = $1 ORDER BY cn.id LIMIT 1`, [demoEmail(Role.CLINICIAN, NORTHWIND)]);
    const noteId = toGlobalId('ClinicalNote', noteRaw as string);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const attached = await gql(UPLOAD, { input: { document: { name: 'Wound photo', category: 'IMAGING', clinicalNoteId: noteId }, file: { fileName: 'wound.png', contentType: 'image/png', contentBase64: png.toString('base64') } } }, clinician);
    expect(attached.errors).toBeUndefined();
    const attachment = attached.data!.uploadDocument.document;
    expect(attachment).toMatchObject({ clinicalNote: { id: noteId }, patient: { id: toGlobalId('Patient', patientRaw as string) }, contentType: 'image/png', sizeBytes: png.length });
    const onNote = await gql(`query($id: ID!) { node(id: $id) { ... on ClinicalNote { attachments(first: 10) { nodes { id } } } } }`, { id: noteId }, clinician);
    expect(onNote.data!.node.attachments.nodes).toContainEqual({ id: attachment.id });
    // Another patient's id with the note: refused by the database's key, naming the field.
    const otherPatient = await patientOfTeam('Night team');
    expect(fieldRules(await gql(UPLOAD, { input: { document: { name: 'Wrong', clinicalNoteId: noteId, patientId: otherPatient }, file: file('x') } }, clinician))).toEqual(['input.document.patientId:samePatient']);
    // An attachment is read with its note: it has no access level of its own.
    expect(fieldRules(await gql(UPLOAD, { input: { document: { name: 'Hidden', clinicalNoteId: noteId, accessLevel: 'PRIVATE' }, file: file('x') } }, clinician))).toEqual(['input.document.accessLevel:attachmentStandard']);
    // Custom roles see attachments by their permissions, not their masking profile: reading documents is not enough, reading notes is.
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const documentsOnly = await customRoleMember(admin, 'Records clerk', Role.HEALTH_COACH, ['DOCUMENT_READ', 'DOCUMENT_VERSION_READ']);
    const withNotes = await customRoleMember(admin, 'Ward clerk', Role.COORDINATOR, ['DOCUMENT_READ', 'DOCUMENT_VERSION_READ', 'CLINICAL_NOTE_READ', 'DOCUMENT_CREATE', 'DOCUMENT_UPLOAD', 'PATIENT_READ', 'MEMBER_READ']);
    const attachmentSeen = async (token: string) => {
      const response = await gql(`query($id: ID!, $version: ID!) { node(id: $id) { id } version: node(id: $version) { id } documents(first: 500, filter: { clinicalNote: { eq: "${noteId}" } }) { totalCount } }`, { id: attachment.id, version: attachment.versions.nodes[0].id }, token);
      expect(response.errors).toBeUndefined();
      return [response.data!.node !== null, response.data!.version !== null, response.data!.documents.totalCount > 0];
    };
    expect(await attachmentSeen(documentsOnly)).toEqual([false, false, false]);
    expect(await attachmentSeen(withNotes)).toEqual([true, true, true]);
    const byWardClerk = await gql(UPLOAD, { input: { document: { name: 'Consent scan', clinicalNoteId: noteId }, file: file('x') } }, withNotes);
    expect(byWardClerk.errors).toBeUndefined();

    // A coordinator keeps documents but cannot read notes: does not attach to one, does not see attachments.
    const byCoordinator = await gql(UPLOAD, { input: { document: { name: 'Scan', clinicalNoteId: noteId }, file: file('x') } }, coordinator);
    expect(onlyError(byCoordinator).extensions!.code).toBe('FORBIDDEN');
    expect((await gql(`query($id: ID!) { node(id: $id) { id } }`, { id: attachment.id }, coordinator)).data!.node).toBeNull();

    // Deleted with its note, back with it.
    const deleted = await gql(`mutation($input: DeleteInput!) { deleteClinicalNote(input: $input) { clinicalNote { id } } }`, { input: { id: noteId } }, clinician);
    expect(deleted.errors).toBeUndefined();
    expect((await gql(`query($id: ID!) { node(id: $id) { id } }`, { id: attachment.id }, clinician)).data!.node).toBeNull();
    const restored = await gql(`mutation($input: RestoreInput!) { restoreClinicalNote(input: $input) { clinicalNote { id } } }`, { input: { id: noteId } }, clinician);
    expect(restored.errors).toBeUndefined();
    expect((await gql(`query($id: ID!) { node(id: $id) { ... on Document { versions { totalCount } } } }`, { id: attachment.id }, clinician)).data!.node).toEqual({ versions: { totalCount: 1 } });
  });

  it('keep versions as uploaded: fixed, deleted only with their document, numbered in turn under concurrent uploads', async () => {
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const document = await upload(admin, { name: 'Fire safety policy', category: 'POLICY' }, 'v1');
    const raw = parseGlobalId(document.id)!.id;
    // Five uploads at once: numbered 2 to 6, none lost.
    const results = await Promise.all([2, 3, 4, 5, 6].map((n) => gql(UPLOAD_VERSION, { input: { documentId: document.id, file: file(`edition ${n}`) } }, admin)));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    const [{ numbers, current }] = await owner(`SELECT array_agg(v.number ORDER BY v.number) AS numbers, max(d.current_number) AS current FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE v.document_id = $1`, [raw]);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6]);
    expect(current).toBe(6);

    // As the request role: a version's bytes, number and document never change; it is deleted only with its document.
    const [{ id: tenantId }] = await owner(`SELECT id FROM tenants WHERE slug = $1`, [NORTHWIND]);
    const [{ id: userId }] = await owner(`SELECT id FROM users WHERE email = $1`, [demoEmail(Role.ADMIN, NORTHWIND)]);
    const client = new Client({ connectionString: paths.compiled.db.appUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`, [tenantId, userId]);
      await client.query('SAVEPOINT s');
      await expect(client.query(`UPDATE document_versions SET sha256 = repeat('0', 64) WHERE document_id = $1`, [raw])).rejects.toThrow(/document_versions: a row is fixed/);
      await client.query('ROLLBACK TO SAVEPOINT s');
      await expect(client.query(`UPDATE document_versions SET deleted_at = now() WHERE document_id = $1`, [raw])).rejects.toThrow(/deleted only with its documents row/);
      await client.query('ROLLBACK TO SAVEPOINT s');
      await expect(client.query(`UPDATE documents SET patient_id = (SELECT id FROM patients LIMIT 1) WHERE id = $1`, [raw])).rejects.toThrow(/fixed/);
      await client.query('ROLLBACK TO SAVEPOINT s');
      await expect(client.query(`UPDATE documents SET current_number = 0, sha256 = repeat('0', 64) WHERE id = $1`, [raw])).rejects.toThrow(/fixed/);
      await client.query('ROLLBACK TO SAVEPOINT s');
      await expect(client.query(`UPDATE document_versions SET comment = 'Rewritten' WHERE document_id = $1`, [raw])).rejects.toThrow(/a row is fixed/);
      await client.query('ROLLBACK TO SAVEPOINT s');
      // Nor from a trigger of the caller's own (a nested statement is still the request role's).
      await client.query(`CREATE TEMP TABLE nudge (x int)`);
      await client.query(`CREATE FUNCTION pg_temp.nudge() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN UPDATE public.documents SET current_number = 42 WHERE id = '${raw}'; RETURN NEW; END $f$`);
      await client.query(`CREATE TRIGGER nudge AFTER INSERT ON nudge FOR EACH ROW EXECUTE FUNCTION pg_temp.nudge()`);
      await expect(client.query(`INSERT INTO nudge VALUES (1)`)).rejects.toThrow(/fixed/);
      await client.query('ROLLBACK TO SAVEPOINT s');
      // Created as somebody else: refused.
      const [{ id: otherMember }] = await owner(`SELECT m.id FROM memberships m WHERE m.tenant_id = $1 AND m.user_id <> $2 LIMIT 1`, [tenantId, userId]);
      await expect(client.query(`INSERT INTO documents (tenant_id, name, uploader_id) VALUES ($1, 'Spoofed', $2)`, [tenantId, otherMember])).rejects.toThrow(/the uploader is the caller/);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    }
    // A document recorded before its file: no version until the first upload, which is number 1.
    const awaiting = await gql(`mutation($input: CreateDocumentInput!) { createDocument(input: $input) { document { id currentNumber contentType versions { totalCount } } } }`, { input: { name: 'Consent form (to be signed)', category: 'CONSENT' } }, admin);
    expect(awaiting.data!.createDocument.document).toMatchObject({ currentNumber: 0, contentType: null, versions: { totalCount: 0 } });
    const firstUpload = await gql(UPLOAD_VERSION, { input: { documentId: awaiting.data!.createDocument.document.id, file: file('signed') } }, admin);
    expect(firstUpload.data!.uploadDocumentVersion.document).toMatchObject({ currentNumber: 1, contentType: 'text/plain', versions: { totalCount: 1 } });

    // Deleted and restored with the document, all six.
    expect((await gql(`mutation($input: DeleteInput!) { deleteDocument(input: $input) { document { id } } }`, { input: { id: document.id } }, admin)).errors).toBeUndefined();
    expect((await owner(`SELECT count(*)::int AS n FROM document_versions WHERE document_id = $1 AND deleted_at IS NOT NULL`, [raw]))[0].n).toBe(6);
    expect(onlyError(await gql(UPLOAD_VERSION, { input: { documentId: document.id, file: file('late') } }, admin)).extensions!.code).toBe('NOT_FOUND');
    expect((await gql(`mutation($input: RestoreInput!) { restoreDocument(input: $input) { document { currentNumber versions { totalCount } } } }`, { input: { id: document.id } }, admin)).data!.restoreDocument.document).toEqual({ currentNumber: 6, versions: { totalCount: 6 } });
  });

  it('of the demo clinic: versions, every access level, note attachments, and files that download', async () => {
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const [demo] = await owner(
      `SELECT count(*) FILTER (WHERE current_number > 1)::int AS versioned, count(*) FILTER (WHERE access_level = 'CARE_TEAM')::int AS team,
              count(*) FILTER (WHERE access_level = 'PRIVATE')::int AS private, count(*) FILTER (WHERE clinical_note_id IS NOT NULL)::int AS attachments
         FROM documents WHERE ${inNorthwind} AND created_by IS NULL`,
    );
    expect(demo.versioned).toBeGreaterThan(1);
    expect(demo.team).toBeGreaterThan(0);
    expect(demo.private).toBe(1);
    expect(demo.attachments).toBeGreaterThan(0);
    const response = await gql(`{ documents(first: 1, filter: { name: { eq: "Infection prevention and control policy" } }) { nodes { name currentNumber versions(first: 1) { nodes { number download { url } } } } } }`, {}, admin);
    const [policy] = response.data!.documents.nodes;
    expect(policy).toMatchObject({ name: 'Infection prevention and control policy', currentNumber: 2 });
    const file = await download(policy.versions.nodes[0].download.url);
    expect(file.status).toBe(200);
    expect((file.body as Buffer).toString('utf8')).toMatch(/2026 edition/);
  });
});
