import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { DateTime } from '../graphql/scalars';

/** One key of an API client: what is known of it, never the key itself (only its hash is kept, where no request can read it). */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('api_client_keys')
export class ApiClientKey extends TenantOwnedEntity {
  @Column('uuid', { name: 'api_client_id' })
  apiClientId!: string;

  @Field({ description: 'The key’s public part (`cgk_<prefix>_…`): which key a request used, in logs and here.' })
  @Column('varchar', { length: 16 })
  prefix!: string;

  @Field(() => DateTime, { nullable: true, description: 'When it stops working: set when a newer key replaced it (after the rotation’s grace period).' })
  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'When the client was revoked, which revoked the key.' })
  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Its last request, to the minute.' })
  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;
}
