import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { COMPUTED_BY_DATABASE, Node, TenantOwnedEntity } from './base.entity';
import { Decimal } from '../graphql/scalars';


/** A line of an invoice: quantity × unit price, plus tax at a rate; the amounts are generated columns, rounded per line. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('invoice_items')
export class InvoiceItem extends TenantOwnedEntity {
  @Column('uuid', { name: 'invoice_id' })
  invoiceId!: string;

  /** The invoice's patient (set from the invoice; the database keeps them equal). */
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Field(() => String, { description: 'e.g. Consultation, 30 minutes.' })
  @Column('varchar', { length: 500 })
  description!: string;

  @Field(() => String, { nullable: true, description: 'The service’s code in the clinic’s price list.' })
  @Column('varchar', { name: 'service_code', length: 32, nullable: true })
  serviceCode!: string | null;

  @Field(() => Decimal, { description: 'More than 0, up to three decimals; 1 by default.' })
  @Column('numeric', { precision: 10, scale: 3, default: 1 })
  quantity!: string;

  @Field(() => Decimal, { description: 'In the invoice’s currency, two decimals.' })
  @Column('numeric', { name: 'unit_price', precision: 14, scale: 2 })
  unitPrice!: string;

  @Field(() => Decimal, { description: 'Percent, from 0 to 100; 0 by default.' })
  @Column('numeric', { name: 'tax_rate', precision: 5, scale: 2, default: 0 })
  taxRate!: string;

  @Field(() => Decimal, { description: 'quantity × unitPrice, rounded to cents (computed).' })
  @Column('numeric', { precision: 14, scale: 2, ...COMPUTED_BY_DATABASE })
  subtotal!: string;

  @Field(() => Decimal, { description: 'subtotal × taxRate / 100, rounded to cents (computed).' })
  @Column('numeric', { precision: 14, scale: 2, ...COMPUTED_BY_DATABASE })
  tax!: string;

  @Field(() => Decimal, { description: 'subtotal + tax (computed).' })
  @Column('numeric', { precision: 14, scale: 2, ...COMPUTED_BY_DATABASE })
  total!: string;
}
