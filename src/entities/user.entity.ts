import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from './base.entity';
import { toGlobalId } from '../data/global-id';

/** A person who logs in. Users are global; what they may do in a tenant comes from their Membership. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column('varchar', { length: 254 })
  email!: string;

  @Field()
  @Column('varchar', { name: 'display_name', length: 200 })
  displayName!: string;

  /** bcrypt hash; never exposed. */
  @Column('varchar', { name: 'password_hash', length: 100 })
  passwordHash!: string;

  @Column('boolean', { name: 'is_demo', default: false })
  isDemo!: boolean;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt!: Date | null;

  get globalId(): string {
    return toGlobalId('User', this.id);
  }
}
