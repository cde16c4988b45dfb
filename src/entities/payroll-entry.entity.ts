import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { COMPUTED_BY_DATABASE, Node, TenantOwnedEntity } from './base.entity';
import { PayrollStatus } from './enums';
import { DateScalar, DateTime, Decimal } from '../graphql/scalars';


/** A care professional's pay for one period (seed 000's payroll): the figures as entered, gross and net pay computed by the database. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('payroll_entries')
export class PayrollEntry extends TenantOwnedEntity {
  @Column('uuid', { name: 'care_professional_id' })
  careProfessionalId!: string;

  @Field(() => DateScalar, { description: 'First day of the period.' })
  @Column('date', { name: 'period_start' })
  periodStart!: string;

  @Field(() => DateScalar, { description: 'Last day of the period (included); a professional’s periods do not overlap.' })
  @Column('date', { name: 'period_end' })
  periodEnd!: string;

  @Field(() => Decimal, { description: 'Hours at the normal rate, two decimals.' })
  @Column('numeric', { name: 'regular_hours', precision: 6, scale: 2 })
  regularHours!: string;

  @Field(() => Decimal, { description: 'Hours paid at the overtime multiplier; 0 by default.' })
  @Column('numeric', { name: 'overtime_hours', precision: 6, scale: 2, default: 0 })
  overtimeHours!: string;

  @Field(() => Decimal, { description: 'Pay per hour, in `currency`.' })
  @Column('numeric', { name: 'hourly_rate', precision: 10, scale: 2 })
  hourlyRate!: string;

  @Field(() => Decimal, { description: 'Overtime pays the rate times this (1 to 5); 1.5 by default.' })
  @Column('numeric', { name: 'overtime_multiplier', precision: 4, scale: 2, default: 1.5 })
  overtimeMultiplier!: string;

  @Field(() => Decimal, { description: 'Taken off the gross pay (tax, pension …); 0 by default, at most the gross pay.' })
  @Column('numeric', { precision: 12, scale: 2, default: 0 })
  deductions!: string;

  @Field(() => String, { description: 'ISO 4217 code of every amount, e.g. GBP.' })
  @Column('char', { length: 3 })
  currency!: string;

  @Field(() => Decimal, { description: '(regularHours + overtimeHours × overtimeMultiplier) × hourlyRate, rounded to cents (computed).' })
  @Column('numeric', { name: 'gross_pay', precision: 14, scale: 2, ...COMPUTED_BY_DATABASE })
  grossPay!: string;

  @Field(() => Decimal, { description: 'grossPay − deductions (computed).' })
  @Column('numeric', { name: 'net_pay', precision: 14, scale: 2, ...COMPUTED_BY_DATABASE })
  netPay!: string;

  @Field(() => PayrollStatus)
  @Column('varchar', { length: 16, default: PayrollStatus.DRAFT })
  status!: PayrollStatus;

  @Field(() => DateTime, { nullable: true, description: 'Stamped on entering APPROVED.' })
  @Column('timestamptz', { name: 'approved_at', nullable: true })
  approvedAt!: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Stamped on entering PAID.' })
  @Column('timestamptz', { name: 'paid_at', nullable: true })
  paidAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  notes!: string | null;
}
