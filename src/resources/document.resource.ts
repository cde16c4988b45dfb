import { ArrayMaxSize, ArrayUnique, Length, Matches } from 'class-validator';
import { Document } from '../entities/document.entity';
import { DocumentVersion } from '../entities/document-version.entity';
import { DocumentAccessLevel, Role } from '../entities/enums';
import type { Resource } from '../data/resource';
import type { DataAccess } from '../data/data-access';
import { callerMemberId } from '../data/caller-records';
import { permissionOf, refusalFor } from '../auth/permissions';
import { AppError } from '../errors/app-error';
import { defineResource } from './define';
import { patientResource } from './patient.resource';
import { clinicalNoteResource } from './clinical-note.resource';
import { memberResource } from './member.resource';

const { ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR } = Role;
/** Care staff and the front desk (letters, referrals, insurance cards) keep documents. */
const DOCUMENT_STAFF = [ADMIN, CLINICIAN, CARE_WORKER, COORDINATOR] as const;

/** The access level's rule, written once in SQL by the migration Documents (`document_visible`) and held by the database's policy too. Admins see every document. */
const ACCESS_LEVEL = {
  description: 'a CARE_TEAM document is seen only by its uploader, the patient’s care team and admins, a PRIVATE one by its uploader and admins',
  sql: (d: string) => `document_visible(${d}.tenant_id, ${d}.patient_id, ${d}.uploader_id, ${d}.access_level)`,
};
const NOT_ADMINS = Object.values(Role).filter((role) => role !== ADMIN);
/** An attachment is read with its note: by whoever may read clinical notes, whatever their role or custom role. */
const readsNotes = () => permissionOf(clinicalNoteResource, 'read');

/** Said before the row is written: a CARE_TEAM level the caller could not then see would be refused as out of sight instead. */
const needsPatient = () => AppError.badInput([{ field: 'input.accessLevel', rule: 'needsPatient', message: 'CARE_TEAM needs a patient, whose care team sees the document' }]);

/** Who uploaded it: the caller's membership, whatever the input says. */
async function uploadedByCaller(values: { uploaderId?: string }, data: DataAccess): Promise<void> {
  values.uploaderId = await callerMemberId(data);
}

/**
 * Documents (seeds 001/004) and attachments of clinical notes (seed 000): metadata here, the
 * bytes in versions (`uploadDocumentVersion`, or `uploadDocument` for both at once: src/resolvers/document.resolver.ts),
 * fetched through a short-lived link (`DocumentVersion.download`). Metadata is edited, the
 * document deleted and restored (with its versions) like any row; a version never changes.
 */
export const documentResource: Resource<Document> = defineResource<Document>({
  typeName: 'Document',
  entity: Document,
  pluralField: 'documents',
  relations: {
    patientId: { target: () => patientResource, field: 'patient', description: 'The patient it is about; null for a document of the practice (a policy, a form).', inverse: 'documents', inverseDescription: "The patient's documents (hidden ones only for those allowed).", cascade: true, samePatient: true },
    clinicalNoteId: {
      target: () => clinicalNoteResource,
      field: 'clinicalNote',
      description: 'The clinical note it is attached to, if any (then its patient is the note’s).',
      inverse: 'attachments',
      inverseDescription: 'Files attached to the note: STANDARD documents with versions, read with the note.',
      cascade: true,
      // documents_note_fkey is (tenant_id, clinical_note_id, patient_id).
      samePatient: true,
    },
    uploaderId: { target: () => memberResource, field: 'uploader', description: 'The member who created it; null once their membership is deleted.' },
  },
  filters: ['patient', 'clinicalNote', 'uploader', 'name', 'category', 'accessLevel', 'createdAt'],
  orderBy: ['createdAt', 'name'],
  defaultOrder: [{ property: 'createdAt', direction: 'DESC' }],
  // `createDocument` records one awaiting its file (currentNumber 0); `uploadDocument` does both at once.
  permissions: { read: DOCUMENT_STAFF, create: DOCUMENT_STAFF, update: DOCUMENT_STAFF, delete: DOCUMENT_STAFF, restore: DOCUMENT_STAFF },
  actions: {
    upload: { roles: DOCUMENT_STAFF, description: 'upload a version of a document (`uploadDocumentVersion`; `uploadDocument` needs DOCUMENT_CREATE too)' },
    classifyForOthers: { roles: [ADMIN], description: 'change the access level of a document another member uploaded' },
  },
  rowScope: Object.fromEntries(NOT_ADMINS.map((role) => [role, ACCESS_LEVEL])),
  permissionRows: [{ permission: readsNotes, sql: (d) => `${d}.clinical_note_id IS NOT NULL` }],
  inputs: {
    required: ['name'],
    optional: ['patientId', 'clinicalNoteId', 'category', 'tags', 'accessLevel'],
    immutable: ['patientId', 'clinicalNoteId'],
    descriptions: {
      clinicalNoteId: 'A ClinicalNote id: the document becomes its attachment (its patient is the note’s; you must be able to read clinical notes).',
      category: 'OTHER by default.',
      tags: 'At most 20 distinct labels of 1 to 50 characters, without surrounding blanks.',
      accessLevel: 'STANDARD by default. CARE_TEAM needs a patient; an attachment of a note is STANDARD (it is read with the note). Changed only by the uploader (or with DOCUMENT_CLASSIFY_FOR_OTHERS: admins).',
    },
    validate: { tags: [ArrayMaxSize(20), ArrayUnique(), Length(1, 50, { each: true }), Matches(/^\S(?:[\s\S]*\S)?$/, { each: true, message: 'each tag has no surrounding blanks' })] },
    typeDescriptions: { create: 'What is recorded about a document: `createDocument` records it awaiting its first version (`uploadDocumentVersion`), `uploadDocument` with it.' },
  },
  patientIdProperty: 'patientId',
  rules: {
    async beforeCreate(values, data) {
      await uploadedByCaller(values, data);
      if (values.accessLevel === DocumentAccessLevel.CARE_TEAM && !values.patientId && !values.clinicalNoteId) throw needsPatient();
      if (!values.clinicalNoteId) return;
      // An attachment is read with the note: whoever cannot read notes cannot attach to one.
      const readNotes = readsNotes();
      if (refusalFor(data.requireCaller(), readNotes)) {
        throw new AppError('FORBIDDEN', `You may not read clinical notes (${readNotes.key}), so you do not attach documents to them`, {
          permission: readNotes.key,
          fields: [{ field: 'input.clinicalNoteId', rule: 'readsClinicalNotes', message: `needs ${readNotes.key}` }],
        });
      }
      const [note] = await data.db.query<{ patientId: string }>('SELECT patient_id AS "patientId" FROM clinical_notes WHERE tenant_id = $1 AND id = $2', [data.tenantId, values.clinicalNoteId]);
      values.patientId ??= note.patientId; // a different one given is refused by documents_note_fkey
    },
    async beforeUpdate(current, changes, data) {
      // Who may see a document is its uploader's decision (or an admin's): a reader does not open it to others, nor hide it from them.
      if (changes.accessLevel === undefined || changes.accessLevel === current.accessLevel) return;
      if (changes.accessLevel === DocumentAccessLevel.CARE_TEAM && !current.patientId) throw needsPatient();
      if (!refusalFor(data.requireCaller(), permissionOf(documentResource, 'classifyForOthers')) || current.uploaderId === (await callerMemberId(data))) return;
      throw new AppError('FORBIDDEN', 'Only its uploader changes a document’s access level (DOCUMENT_CLASSIFY_FOR_OTHERS changes others’)', {
        fields: [{ field: 'input.accessLevel', rule: 'ownDocument', message: 'is changed only by the uploader' }],
      });
    },
  },
});

/** The uploads of a document, numbered from 1 by the database; seen with their document, never changed. */
export const documentVersionResource = defineResource<DocumentVersion>({
  typeName: 'DocumentVersion',
  entity: DocumentVersion,
  pluralField: 'documentVersions',
  relations: {
    // A new version moves the document's current version and row version.
    documentId: { target: () => documentResource, field: 'document', inverse: 'versions', inverseDescription: 'Every upload of the document, the latest first.', cascade: true, changesTarget: true },
    uploaderId: { target: () => memberResource, field: 'uploader', description: 'The member who uploaded it; null once their membership is deleted.' },
  },
  filters: ['document', 'uploader', 'number', 'contentType', 'createdAt'],
  orderBy: ['number', 'createdAt'],
  defaultOrder: [{ property: 'number', direction: 'DESC' }],
  permissions: { read: DOCUMENT_STAFF, create: [], update: [], delete: [], restore: [] },
  // Seen with their document: the same rules, through it.
  rowScope: Object.fromEntries(NOT_ADMINS.map((role) => [role, { description: ACCESS_LEVEL.description, sql: (v: string) => `EXISTS (SELECT 1 FROM documents d WHERE d.tenant_id = ${v}.tenant_id AND d.id = ${v}.document_id AND ${ACCESS_LEVEL.sql('d')})` }])),
  permissionRows: [{ permission: readsNotes, sql: (v) => `EXISTS (SELECT 1 FROM documents d WHERE d.tenant_id = ${v}.tenant_id AND d.id = ${v}.document_id AND d.clinical_note_id IS NOT NULL)` }],
  patientIdProperty: 'patientId',
  rules: { beforeCreate: uploadedByCaller },
});
