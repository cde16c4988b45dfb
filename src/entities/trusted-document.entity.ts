import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { TrustedOperationType } from './enums';

/**
 * An operation registered for a partner app (an API client) or for the tenant's own apps (no
 * client): requests name it by id instead of sending its text (migration TrustedDocuments).
 */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('trusted_documents')
export class TrustedDocument extends TenantOwnedEntity {
  @Column('uuid', { name: 'api_client_id', nullable: true })
  apiClientId!: string | null;

  @Field(() => String, { description: 'The SHA-256 of the body, in hex: requests name the document as `documentId: "sha256:<this>"` (or Apollo’s `extensions.persistedQuery.sha256Hash`).' })
  @Column('char', { name: 'document_id', length: 64 })
  sha256!: string;

  @Field(() => String, { description: 'The operation’s name in the manifest.' })
  @Column('varchar', { length: 200 })
  name!: string;

  @Field(() => TrustedOperationType)
  @Column('varchar', { name: 'operation_type', length: 16 })
  operationType!: TrustedOperationType;

  @Field(() => String, { description: 'The document’s text, as registered.' })
  @Column('text')
  body!: string;

  @Field(() => Int, { description: 'Its cost at registration, with its variables’ defaults (a required page size at the default page, 20); each request is costed again with its own variables.' })
  @Column('integer')
  cost!: number;

  @Field(() => Int, { description: 'The registration of the manifest that added it (1 for the first; each `registerTrustedDocuments` of the same client adds one).' })
  @Column('integer', { name: 'manifest_version' })
  manifestVersion!: number;
}
