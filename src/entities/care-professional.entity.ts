import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { Profession } from './enums';

/** A clinician or carer who sees patients and writes notes (care_professionals, doctors). */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('care_professionals')
export class CareProfessional extends TenantOwnedEntity {
  @Column('uuid', { name: 'user_id', nullable: true })
  userId!: string | null;

  @Column('uuid', { name: 'site_id', nullable: true })
  siteId!: string | null;

  @Field()
  @Column('varchar', { name: 'first_name', length: 100 })
  firstName!: string;

  @Field()
  @Column('varchar', { name: 'last_name', length: 100 })
  lastName!: string;

  @Field(() => Profession)
  @Column('varchar', { length: 32 })
  profession!: Profession;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 200, nullable: true })
  specialization!: string | null;

  @Field({ description: 'Whether they may prescribe (be a prescription’s prescriber). Doctors may by default; set it for nurse and pharmacist prescribers.' })
  @Column('boolean', { name: 'can_prescribe', default: false })
  canPrescribe!: boolean;

  @Field(() => String, { nullable: true })
  @Column('varchar', { name: 'license_number', length: 50, nullable: true })
  licenseNumber!: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 32, nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 254, nullable: true })
  email!: string | null;
}
