import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { Role } from './enums';
import { PERMISSION_ENUM } from '../auth/permission-enum';

/**
 * A role the tenant defines (seed 004's roles with permissions): a set of permissions from the
 * catalogue and a masking profile. Members and invitations are given one instead of a system
 * role (`changeMemberRole`, `inviteMember` with `customRoleId`).
 */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('custom_roles')
export class CustomRole extends TenantOwnedEntity {
  @Field({ description: 'Unique in the tenant (case-insensitive); not a system role’s name.' })
  @Column('varchar', { length: 100 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 1000, nullable: true })
  description!: string | null;

  @Field(() => Role, {
    description:
      'The system role whose view of the data the role takes: the rows it is scoped to and the fields it reads in full (a resident’s medical details) are that role’s. Not ADMIN; fixed at creation.',
  })
  @Column('varchar', { name: 'masking_profile', length: 32 })
  maskingProfile!: Role;

  @Field(() => [PERMISSION_ENUM], { description: 'What the role may do: the only permissions its members have (the README’s role table lists them all).' })
  @Column('text', { array: true, default: () => "'{}'" })
  permissions!: string[];
}
