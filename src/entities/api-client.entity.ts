import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { ApiClientStatus, Role } from './enums';
import { PERMISSION_ENUM } from '../auth/permission-enum';
import { DateTime } from '../graphql/scalars';

/**
 * A partner app (a lab, a pharmacy, a billing partner) that calls the API with a key instead of
 * a member's login (migration ApiClients). Its scopes are permissions from the role table, like a
 * custom role's; its masking profile is the system role whose view of rows and fields it takes.
 */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('api_clients')
export class ApiClient extends TenantOwnedEntity {
  @Field({ description: 'Unique in the tenant (case-insensitive).' })
  @Column('varchar', { length: 100 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Who to reach about the integration (a person, an e-mail address, a phone number).' })
  @Column('varchar', { length: 254, nullable: true })
  contact!: string | null;

  @Field(() => ApiClientStatus)
  @Column('varchar', { length: 16 })
  status!: ApiClientStatus;

  @Field(() => DateTime, { nullable: true, description: 'After this instant every key of the client is refused (null: no expiry).' })
  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Field(() => Role, {
    description: 'The system role (not ADMIN) whose view of the data the client takes: the rows it is scoped to and the fields it reads in full. Fixed at creation.',
  })
  @Column('varchar', { name: 'masking_profile', length: 32 })
  maskingProfile!: Role;

  @Field(() => [PERMISSION_ENUM], { description: 'What the client may do: the only permissions its requests have (the README’s role table lists them all).' })
  @Column('text', { array: true, default: () => "'{}'" })
  scopes!: string[];

  @Field(() => Int, { nullable: true, description: 'Requests a minute its keys may make (null: RATE_LIMIT_PER_MINUTE, the server’s setting for every caller).' })
  @Column('integer', { name: 'rate_limit_per_minute', nullable: true })
  rateLimitPerMinute!: number | null;

  /** Its account: the user its requests run as (audit and access logs name it). */
  @Column('uuid', { name: 'user_id' })
  userId!: string;
}
