import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { Feature } from './enums';

/**
 * A tenant's admins' switch for one feature (seed 001's tenant_features), set by
 * `setTenantFeature`. A feature is on when the plan includes it and no switch turns it off.
 */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('tenant_features')
export class TenantFeature extends TenantOwnedEntity {
  @Field(() => Feature)
  @Column('varchar', { length: 32 })
  feature!: Feature;

  @Field({ description: 'False: switched off by an admin. True: left on (as far as the plan includes it).' })
  @Column('boolean')
  enabled!: boolean;
}
