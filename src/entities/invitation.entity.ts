import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { InvitationStatus, Role } from './enums';
import { DateTime } from '../graphql/scalars';

/** An invitation to join the tenant with a role (seed 000's tenant invitations). The token itself is never stored. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('invitations')
export class Invitation extends TenantOwnedEntity {
  @Field()
  @Column('varchar', { length: 254 })
  email!: string;

  @Field(() => Role, { description: 'The system role given; with a custom role (`customRole`), that role’s masking profile.' })
  @Column('varchar', { length: 32 })
  role!: Role;

  @Column('uuid', { name: 'custom_role_id', nullable: true })
  customRoleId!: string | null;

  /** SHA-256 of the token (hex): never a field. */
  @Column('char', { name: 'token_hash', length: 64 })
  tokenHash!: string;

  @Field(() => DateTime)
  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  @Field(() => InvitationStatus, { description: 'PENDING until accepted or revoked; a PENDING invitation past expiresAt can no longer be accepted (`expired`).' })
  @Column('varchar', { length: 16, default: InvitationStatus.PENDING })
  status!: InvitationStatus;

  @Column('uuid', { name: 'invited_by_id', nullable: true })
  invitedById!: string | null;

  @Field(() => DateTime, { nullable: true })
  @Column('timestamptz', { name: 'accepted_at', nullable: true })
  acceptedAt!: Date | null;

  @Column('uuid', { name: 'accepted_user_id', nullable: true })
  acceptedUserId!: string | null;
}
