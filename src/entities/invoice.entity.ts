import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { COMPUTED_BY_DATABASE, Node, TenantOwnedEntity } from './base.entity';
import { InvoiceStatus } from './enums';
import { DateScalar, DateTime, Decimal } from '../graphql/scalars';


/**
 * An invoice to a patient (seeds 000/001's invoices, 004's billing): items, payments and
 * refunds, with every sum computed by the database (migration Billing). Amounts are Decimal text
 * with two decimals, in `currency`.
 */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('invoices')
export class Invoice extends TenantOwnedEntity {
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Column('uuid', { name: 'site_id', nullable: true })
  siteId!: string | null;

  @Field(() => Int, { nullable: true, description: 'Per tenant, in issue order and without gaps; given on issue (null while DRAFT).' })
  @Column('integer', { nullable: true, ...COMPUTED_BY_DATABASE })
  number!: number | null;

  @Field(() => InvoiceStatus)
  @Column('varchar', { length: 16, default: InvoiceStatus.DRAFT })
  status!: InvoiceStatus;

  @Field(() => String, { description: 'ISO 4217 code of every amount of the invoice, e.g. GBP.' })
  @Column('char', { length: 3 })
  currency!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Set on issue (the tenant’s today unless given); fixed from then on.' })
  @Column('date', { name: 'issue_date', nullable: true })
  issueDate!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Set on issue (30 days after the issue date unless given); past it, an unpaid invoice is OVERDUE.' })
  @Column('date', { name: 'due_date', nullable: true })
  dueDate!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  notes!: string | null;

  @Field(() => Decimal, { description: 'Sum of the items’ subtotals (computed).' })
  @Column('numeric', { precision: 14, scale: 2, ...COMPUTED_BY_DATABASE })
  subtotal!: string;

  @Field(() => Decimal, { description: 'Sum of the items’ tax (computed).' })
  @Column('numeric', { name: 'tax_total', precision: 14, scale: 2, ...COMPUTED_BY_DATABASE })
  taxTotal!: string;

  @Field(() => Decimal, { description: 'subtotal + taxTotal (computed).' })
  @Column('numeric', { precision: 14, scale: 2, ...COMPUTED_BY_DATABASE })
  total!: string;

  @Field(() => Decimal, { description: 'Sum of the payments (computed).' })
  @Column('numeric', { name: 'amount_paid', precision: 14, scale: 2, ...COMPUTED_BY_DATABASE })
  amountPaid!: string;

  @Field(() => Decimal, { description: 'Sum of the refunds (computed).' })
  @Column('numeric', { name: 'amount_refunded', precision: 14, scale: 2, ...COMPUTED_BY_DATABASE })
  amountRefunded!: string;

  @Field(() => Decimal, { description: 'What is still due: total − amountPaid + amountRefunded (computed). A payment may not exceed it.' })
  @Column('numeric', { precision: 14, scale: 2, ...COMPUTED_BY_DATABASE })
  balance!: string;

  @Field(() => DateTime, { nullable: true })
  @Column('timestamptz', { name: 'issued_at', nullable: true, ...COMPUTED_BY_DATABASE })
  issuedAt!: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'When the balance reached zero; null unless PAID.' })
  @Column('timestamptz', { name: 'paid_at', nullable: true, ...COMPUTED_BY_DATABASE })
  paidAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  @Column('timestamptz', { name: 'voided_at', nullable: true, ...COMPUTED_BY_DATABASE })
  voidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was voided.' })
  @Column('text', { name: 'void_reason', nullable: true })
  voidReason!: string | null;
}
