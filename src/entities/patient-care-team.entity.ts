import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { DateScalar } from '../graphql/scalars';

/** A care team assigned to a patient; at most one primary team per patient at a time. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('patient_care_teams')
export class PatientCareTeam extends TenantOwnedEntity {
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Column('uuid', { name: 'care_team_id' })
  careTeamId!: string;

  @Field(() => DateScalar)
  @Column('date', { name: 'assigned_date' })
  assignedDate!: string;

  @Field(() => DateScalar, { nullable: true })
  @Column('date', { name: 'unassigned_date', nullable: true })
  unassignedDate!: string | null;

  @Field(() => Boolean, { description: 'The patient\'s primary team (one at a time).' })
  @Column('boolean', { name: 'is_primary', default: false })
  isPrimary!: boolean;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  notes!: string | null;
}
