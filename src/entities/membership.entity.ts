import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { TenantOwnedEntity } from './base.entity';
import { Role } from './enums';

/** A user's role in one tenant (user_tenants / tenant_users in the seeds). */
@ObjectType({ simpleResolvers: true })
@Entity('memberships')
export class Membership extends TenantOwnedEntity {
  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Field(() => Role)
  @Column('varchar', { length: 32 })
  role!: Role;

  @Field()
  @Column('boolean', { name: 'is_primary', default: false })
  isPrimary!: boolean;
}
