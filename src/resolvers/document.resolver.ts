import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { IsIn, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import type { Context } from '../context';
import { Document } from '../entities/document.entity';
import { DocumentVersion } from '../entities/document-version.entity';
import { AppError, type FieldProblem } from '../errors/app-error';
import { underInputField } from '../errors/format-error';
import { permissionOf } from '../auth/permissions';
import { expectGlobalId, toGlobalId } from '../data/global-id';
import { DateTime } from '../graphql/scalars';
import { IsNotBlank } from '../graphql/validators';
import { mutationInputs } from '../graphql/resource-inputs';
import { documentResource, documentVersionResource } from '../resources/document.resource';
import { payloadTypeOf } from './resource-resolver';

/**
 * Media types a version may have: documents, images and office files. A file is always served
 * as an attachment, never rendered on the API's origin (src/http/downloads.ts), but the list
 * keeps what a clinic stores to what its staff can open.
 */
const DOCUMENT_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/tiff',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/dicom',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/rtf',
] as const;
/**
 * Standard base64 with padding, checked without a pattern that repeats a group (V8 keeps one
 * backtracking entry per repetition: such a pattern overflows the stack on a file of a few MiB).
 */
function isBase64(text: string): boolean {
  if (text.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(text)) return false;
  const padding = text.indexOf('=');
  return padding < 0 || (padding >= text.length - 2 && text.slice(padding) === '='.repeat(text.length - padding));
}
/** A file name a browser saves as it is: not blank, no control, invisible or text-direction characters (which disguise an extension), no path. */
const FILE_NAME = /^(?=.*\S)[^\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff/\\]+$/;

@InputType({ description: 'A file, sent in the request as base64 (at most DOCUMENT_MAX_BYTES once decoded: 8 MiB by default).' })
class FileInput {
  @Field(() => String, { description: 'The name it is downloaded with: no path, no control, invisible or text-direction characters.' })
  @Matches(FILE_NAME, { message: 'must be a file name: not blank, without / or \\, control, invisible or text-direction characters' })
  @Length(1, 255)
  fileName!: string;

  @Field(() => String, { description: `Its media type, one of: ${DOCUMENT_CONTENT_TYPES.join(', ')}.` })
  @IsIn(DOCUMENT_CONTENT_TYPES as readonly string[], { message: 'must be one of the media types listed in the schema' })
  contentType!: string;

  @Field(() => String, { description: 'The bytes, in standard base64 with padding (RFC 4648 §4).' })
  contentBase64!: string;
}

const { create: CreateDocumentInput } = mutationInputs(documentResource)!;

@InputType()
class UploadDocumentInput {
  @Field(() => CreateDocumentInput, { description: 'What is recorded about the document.' })
  @ValidateNested()
  document!: Record<string, unknown>;

  @Field(() => FileInput)
  @ValidateNested()
  file!: FileInput;
}

@InputType()
class UploadDocumentVersionInput {
  @Field(() => ID, { description: 'The Document.' }) documentId!: string;

  @Field(() => Int, { nullable: true, description: 'The document’s version read, if any: a stale one is CONFLICT (someone uploaded or edited since).' })
  @Min(1)
  expectedVersion?: number | null;

  @Field(() => FileInput)
  @ValidateNested()
  file!: FileInput;

  @Field(() => String, { nullable: true, description: 'What changed in this version.' })
  @IsNotBlank()
  @MaxLength(2000)
  comment?: string | null;
}

@ObjectType({ description: 'A link that downloads one version’s file, for whoever holds it, until it expires.' })
class DownloadLink {
  @Field(() => String, {
    description:
      'Relative to this API’s origin (`/files/<token>`): resolve it against the URL you send GraphQL requests to. Each download checks your access again ' +
      '(membership, role, the document’s access level, deletion) and the file’s checksum; keep the link to yourself.',
  })
  url!: string;

  @Field(() => DateTime) expiresAt!: Date;
}

const UPLOAD = permissionOf(documentResource, 'upload');
const DocumentPayload = payloadTypeOf(documentResource);

/** The file's bytes, once its base64 and size are checked (BAD_USER_INPUT naming `input.file.contentBase64`). */
function decodeFile(file: FileInput, maxBytes: number): Buffer {
  const field = 'input.file.contentBase64';
  const problem = (rule: string, message: string): FieldProblem[] => [{ field, rule, message }];
  // Checked on the length first: the pattern is linear, but there is no reason to run it over a body too large anyway.
  if (file.contentBase64.length > Math.ceil(maxBytes / 3) * 4) throw AppError.badInput(problem('maxBytes', `must decode to at most ${maxBytes} bytes`));
  if (!isBase64(file.contentBase64)) throw AppError.badInput(problem('base64', 'must be standard base64 with padding'));
  const content = Buffer.from(file.contentBase64, 'base64');
  if (content.length === 0) throw AppError.badInput(problem('notEmpty', 'must not be empty'));
  if (content.length > maxBytes) throw AppError.badInput(problem('maxBytes', `must decode to at most ${maxBytes} bytes`));
  return content;
}

/**
 * Uploads (a new document with its first version; a new version of one) and download links.
 * The bytes are stored (addressed by their checksum) before the version that names them is
 * written: a failed request leaves at most an unreferenced file, never a version without its bytes.
 */
@Resolver(() => DocumentVersion)
export class DocumentResolver {
  @Authorized(UPLOAD)
  @Mutation(() => DocumentPayload, { description: 'Creates a document with its first version (DOCUMENT_CREATE and DOCUMENT_UPLOAD). `document.clinicalNoteId` attaches it to a clinical note.' })
  async uploadDocument(@Arg('input', () => UploadDocumentInput) input: UploadDocumentInput, @Ctx() { data, files, config }: Context) {
    const content = decodeFile(input.file, config.documentMaxBytes);
    const document = await data.create<Document>(documentResource, input.document).catch((error: unknown) => {
      throw underInputField('document', error);
    });
    const sha256 = await files.put(data.tenantId, content);
    await data.create(documentVersionResource, { documentId: toGlobalId(documentResource.typeName, document.id), fileName: input.file.fileName, contentType: input.file.contentType, sizeBytes: content.length, sha256 }, true);
    return { document: await data.byId(documentResource, document.id) };
  }

  @Authorized(UPLOAD)
  @Mutation(() => DocumentPayload, { description: 'Adds a version to a document; earlier versions are kept. The document’s current type, size and checksum become the new version’s.' })
  async uploadDocumentVersion(@Arg('input', () => UploadDocumentVersionInput) input: UploadDocumentVersionInput, @Ctx() { data, files, config }: Context) {
    const id = expectGlobalId(input.documentId, documentResource.typeName, 'input.documentId');
    const content = decodeFile(input.file, config.documentMaxBytes);
    await data.assertWritable();
    // Locked, through the access rule (the database's policy too): a document the caller cannot see is not found.
    const [current] = await data.db.query<{ version: number }>('SELECT version FROM documents WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR NO KEY UPDATE', [data.tenantId, id]);
    if (!current || !(await data.byId(documentResource, id))) throw AppError.notFound(documentResource.typeName, 'documentId');
    if (input.expectedVersion != null && input.expectedVersion !== current.version) {
      throw AppError.conflict(`The document is at version ${current.version}, not ${input.expectedVersion}: read it again`, { fields: [{ field: 'input.expectedVersion', rule: 'stale', message: 'is not the current version' }] });
    }
    const sha256 = await files.put(data.tenantId, content);
    await data.create(documentVersionResource, { documentId: input.documentId, fileName: input.file.fileName, contentType: input.file.contentType, sizeBytes: content.length, sha256, comment: input.comment ?? null }, true);
    return { document: await data.byId(documentResource, id) };
  }

  @FieldResolver(() => DownloadLink, { description: 'A short-lived link to this version’s file (DOWNLOAD_LINK_TTL_SECONDS, 5 minutes by default).' })
  download(@Root() version: DocumentVersion, @Ctx() { data, tokens, config }: Context): DownloadLink {
    const { token, expiresAt } = tokens.issueDownload(data.requireCaller(), version.id, config.downloadLinkTtlSeconds);
    return { url: `/files/${token}`, expiresAt };
  }
}
