import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { DateTime, Decimal } from '../graphql/scalars';

/** Money given back from a payment, never more than what is left of it. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('refunds')
export class Refund extends TenantOwnedEntity {
  @Column('uuid', { name: 'payment_id' })
  paymentId!: string;

  /** The payment's invoice and patient (set from the payment; the database keeps them equal). */
  @Column('uuid', { name: 'invoice_id' })
  invoiceId!: string;

  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Field(() => Decimal, { description: 'More than 0, two decimals; at most what is left of the payment.' })
  @Column('numeric', { precision: 14, scale: 2 })
  amount!: string;

  @Field(() => String)
  @Column('text')
  reason!: string;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 100, nullable: true })
  reference!: string | null;

  @Field(() => DateTime)
  @Column('timestamptz', { name: 'refunded_at', default: () => 'now()' })
  refundedAt!: Date;
}
