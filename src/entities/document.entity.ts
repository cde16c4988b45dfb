import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { COMPUTED_BY_DATABASE, Node, TenantOwnedEntity } from './base.entity';
import { DocumentAccessLevel, DocumentCategory } from './enums';

/**
 * A file's metadata (seeds 001/004's documents; an attachment of a clinical note when it names
 * one, seed 000's clinical_note_attachments), with its versions. Its current version's type,
 * size and checksum are copied here by the database (migration Documents).
 */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('documents')
export class Document extends TenantOwnedEntity {
  @Column('uuid', { name: 'patient_id', nullable: true })
  patientId!: string | null;

  @Column('uuid', { name: 'clinical_note_id', nullable: true })
  clinicalNoteId!: string | null;

  @Column('uuid', { name: 'uploader_id' })
  uploaderId!: string;

  @Field(() => String)
  @Column('varchar', { length: 255 })
  name!: string;

  @Field(() => DocumentCategory)
  @Column('varchar', { length: 20, default: DocumentCategory.OTHER })
  category!: DocumentCategory;

  @Field(() => [String], { description: 'At most 20 labels of 1 to 50 characters.' })
  @Column('text', { array: true, default: () => "'{}'" })
  tags!: string[];

  @Field(() => DocumentAccessLevel, { description: 'Who may see the document and its versions (see the enum).' })
  @Column('varchar', { name: 'access_level', length: 16, default: DocumentAccessLevel.STANDARD })
  accessLevel!: DocumentAccessLevel;

  @Field(() => Int, { description: 'The number of the current (latest) version; versions are numbered from 1.' })
  @Column('integer', { name: 'current_number', ...COMPUTED_BY_DATABASE })
  currentNumber!: number;

  @Field(() => String, { nullable: true, description: 'The current version’s media type.' })
  @Column('varchar', { name: 'content_type', length: 100, nullable: true, ...COMPUTED_BY_DATABASE })
  contentType!: string | null;

  @Field(() => Int, { nullable: true, description: 'The current version’s size in bytes.' })
  @Column('integer', { name: 'size_bytes', nullable: true, ...COMPUTED_BY_DATABASE })
  sizeBytes!: number | null;

  @Field(() => String, { nullable: true, description: 'The current version’s SHA-256, in hex.' })
  @Column('char', { length: 64, nullable: true, ...COMPUTED_BY_DATABASE })
  sha256!: string | null;
}
