import type { Client } from 'pg';
import { Role } from '../entities/enums';
import type { FileStore } from '../storage/file-store';
import { insertRows } from './rows';

interface DemoVersion {
  fileName: string;
  contentType: string;
  content: Buffer;
  comment?: string;
}
interface DemoDocument {
  name: string;
  category: string;
  accessLevel: 'STANDARD' | 'CARE_TEAM' | 'PRIVATE';
  tags: string[];
  uploader: string;
  patientId: string | null;
  noteId: string | null;
  versions: DemoVersion[];
}

const text = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`, 'utf8');
/** A 1×1 PNG: the demo's "photograph" (any image viewer opens it). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * Documents of one tenant (issue 14), their bytes in the file store like any upload (the hidden
 * ones only about patients in a care team, so that a patient in none has only documents every
 * reader sees, and its deletion is refused for its restricted records alone): the
 * practice's infection control policy in two editions; referral letters (STANDARD) and scanned
 * blood results re-scanned once (CARE_TEAM) for every eighth patient; a safeguarding letter
 * only its uploader (an admin) and the other admins see (PRIVATE); and photographs attached to
 * clinical notes.
 */
export async function loadDocuments(client: Client, tenantId: string, members: Map<Role, string>, files: FileStore): Promise<void> {
  const admin = members.get(Role.ADMIN)!;
  const clinician = members.get(Role.CLINICIAN) ?? admin;
  const frontDesk = members.get(Role.COORDINATOR) ?? admin;
  const { rows: patients } = await client.query<{ id: string; n: number; note: string | null; team: boolean }>(
    `SELECT p.id, row_number() OVER (ORDER BY p.id)::int AS n,
            EXISTS (SELECT 1 FROM patient_care_teams pct WHERE pct.tenant_id = p.tenant_id AND pct.patient_id = p.id AND pct.deleted_at IS NULL AND pct.unassigned_date IS NULL) AS team,
            (SELECT cn.id FROM clinical_notes cn WHERE cn.tenant_id = p.tenant_id AND cn.patient_id = p.id AND cn.deleted_at IS NULL ORDER BY cn.note_date, cn.id LIMIT 1) AS note
       FROM patients p WHERE p.tenant_id = $1 AND p.deleted_at IS NULL ORDER BY p.id`,
    [tenantId],
  );
  const documents: DemoDocument[] = [
    {
      name: 'Infection prevention and control policy',
      category: 'POLICY',
      accessLevel: 'STANDARD',
      tags: ['policy', 'infection control'],
      uploader: admin,
      patientId: null,
      noteId: null,
      versions: [
        { fileName: 'ipc-policy-2025.txt', contentType: 'text/plain', content: text(['Infection prevention and control policy, 2025 edition.', 'Hand hygiene before and after every contact.']) },
        { fileName: 'ipc-policy-2026.txt', contentType: 'text/plain', content: text(['Infection prevention and control policy, 2026 edition.', 'Hand hygiene before and after every contact; audited monthly.']), comment: 'Annual review: monthly hand hygiene audits' },
      ],
    },
  ];
  for (const patient of patients) {
    if (patient.n % 8 === 0) {
      documents.push({ name: 'Referral letter', category: 'REFERRAL', accessLevel: 'STANDARD', tags: ['referral'], uploader: frontDesk, patientId: patient.id, noteId: null, versions: [{ fileName: 'referral-letter.txt', contentType: 'text/plain', content: text(['Referral to the community physiotherapy service.', 'Reason: reduced mobility after a fall.']) }] });
    }
    if (patient.n % 8 === 4 && patient.team) {
      documents.push({
        name: 'Blood test results (scanned)',
        category: 'LAB_RESULT',
        accessLevel: 'CARE_TEAM',
        tags: ['bloods', 'scan'],
        uploader: clinician,
        patientId: patient.id,
        noteId: null,
        versions: [
          { fileName: 'bloods-scan.txt', contentType: 'text/plain', content: text(['Full blood count: page 1 of 2.']) },
          { fileName: 'bloods-scan.txt', contentType: 'text/plain', content: text(['Full blood count: page 1 of 2.', 'Renal function: page 2 of 2.']), comment: 'Rescanned: page 2 was missing' },
        ],
      });
    }
    if (patient.n % 15 === 7 && patient.note) {
      documents.push({ name: 'Wound photograph', category: 'IMAGING', accessLevel: 'STANDARD', tags: ['wound care'], uploader: clinician, patientId: patient.id, noteId: patient.note, versions: [{ fileName: 'wound.png', contentType: 'image/png', content: PNG }] });
    }
  }
  const lastInTeam = patients.filter((p) => p.team).at(-1);
  if (lastInTeam) {
    documents.push({ name: 'Safeguarding referral', category: 'CORRESPONDENCE', accessLevel: 'PRIVATE', tags: ['safeguarding'], uploader: admin, patientId: lastInTeam.id, noteId: null, versions: [{ fileName: 'safeguarding-referral.txt', contentType: 'text/plain', content: text(['Safeguarding referral sent to the local authority.']) }] });
  }

  const ids = await insertRows(client, 'documents', {
    tenant_id: { type: 'uuid', values: documents.map(() => tenantId) },
    name: { type: 'text', values: documents.map((d) => d.name) },
    category: { type: 'text', values: documents.map((d) => d.category) },
    access_level: { type: 'text', values: documents.map((d) => d.accessLevel) },
    uploader_id: { type: 'uuid', values: documents.map((d) => d.uploader) },
    patient_id: { type: 'uuid', values: documents.map((d) => d.patientId) },
    clinical_note_id: { type: 'uuid', values: documents.map((d) => d.noteId) },
  });
  // Tags apart: unnest cannot take arrays of different lengths, so each goes as an array literal.
  await client.query(`UPDATE documents d SET tags = t.tags::text[] FROM unnest($1::uuid[], $2::text[]) AS t(id, tags) WHERE d.id = t.id`, [ids, documents.map((d) => `{${d.tags.map((t) => `"${t}"`).join(',')}}`)]);
  // Versions in upload order: each statement adds the next version of the documents that have one (the database numbers them).
  for (let index = 0; documents.some((d) => d.versions.length > index); index++) {
    const batch = documents.flatMap((d, i) => (d.versions[index] ? [{ documentId: ids[i], uploader: d.uploader, version: d.versions[index] }] : []));
    const hashes = await Promise.all(batch.map((b) => files.put(tenantId, b.version.content)));
    await insertRows(client, 'document_versions', {
      tenant_id: { type: 'uuid', values: batch.map(() => tenantId) },
      document_id: { type: 'uuid', values: batch.map((b) => b.documentId) },
      uploader_id: { type: 'uuid', values: batch.map((b) => b.uploader) },
      file_name: { type: 'text', values: batch.map((b) => b.version.fileName) },
      content_type: { type: 'text', values: batch.map((b) => b.version.contentType) },
      size_bytes: { type: 'int', values: batch.map((b) => b.version.content.length) },
      sha256: { type: 'text', values: hashes },
      comment: { type: 'text', values: batch.map((b) => b.version.comment ?? null) },
    });
  }
}
