import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';

/** One upload of a document: fixed once written, kept when a newer one comes, deleted only with its document. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('document_versions')
export class DocumentVersion extends TenantOwnedEntity {
  @Column('uuid', { name: 'document_id' })
  documentId!: string;

  @Column('uuid', { name: 'patient_id', nullable: true })
  patientId!: string | null;

  @Column('uuid', { name: 'uploader_id' })
  uploaderId!: string;

  @Field(() => Int, { description: '1 for the first upload, then one more for each.' })
  @Column('integer')
  number!: number;

  @Field(() => String, { description: 'The file name it was uploaded with (given to the browser on download).' })
  @Column('varchar', { name: 'file_name', length: 255 })
  fileName!: string;

  @Field(() => String, { description: 'Its media type, as given at upload.' })
  @Column('varchar', { name: 'content_type', length: 100 })
  contentType!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  @Column('integer', { name: 'size_bytes' })
  sizeBytes!: number;

  @Field(() => String, { description: 'SHA-256 of the content, in hex: checked on every download.' })
  @Column('char', { length: 64 })
  sha256!: string;

  @Field(() => String, { nullable: true, description: 'What changed in this version.' })
  @Column('varchar', { length: 2000, nullable: true })
  comment!: string | null;
}
