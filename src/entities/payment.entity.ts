import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, TenantOwnedEntity } from './base.entity';
import { PaymentMethod } from './enums';
import { DateTime, Decimal } from '../graphql/scalars';

/** Money received against an invoice (seed 004's payments), never more than its balance; a mistake is refunded, not edited. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity('payments')
export class Payment extends TenantOwnedEntity {
  @Column('uuid', { name: 'invoice_id' })
  invoiceId!: string;

  /** The invoice's patient (set from the invoice; the database keeps them equal). */
  @Column('uuid', { name: 'patient_id' })
  patientId!: string;

  @Field(() => Decimal, { description: 'More than 0, two decimals, in the invoice’s currency; at most its balance.' })
  @Column('numeric', { precision: 14, scale: 2 })
  amount!: string;

  @Field(() => PaymentMethod)
  @Column('varchar', { length: 16 })
  method!: PaymentMethod;

  @Field(() => String, { nullable: true, description: 'The card terminal’s, bank’s or insurer’s reference.' })
  @Column('varchar', { length: 100, nullable: true })
  reference!: string | null;

  @Field(() => DateTime)
  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  notes!: string | null;
}
