import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { Role } from './enums';

/**
 * A member of the tenant as others see them: the membership with the user's name and email
 * (the `members` view, which reads both tables with the caller's row-level security). What a
 * task is assigned to, a reminder is for. Read-only here: memberships change through
 * administration, not through this type.
 */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('members')
export class Member extends TenantOwnedEntity {
  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Field()
  @Column('varchar', { name: 'display_name', length: 200 })
  displayName!: string;

  @Field()
  @Column('varchar', { length: 254 })
  email!: string;

  @Field(() => Role, { description: 'The system role; for a member given a custom role (`customRole`), that role’s masking profile.' })
  @Column('varchar', { length: 32 })
  role!: Role;

  @Column('uuid', { name: 'custom_role_id', nullable: true })
  customRoleId!: string | null;
}
