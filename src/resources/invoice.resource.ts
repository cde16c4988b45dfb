import { MaxLength } from 'class-validator';
import { Invoice } from '../entities/invoice.entity';
import { InvoiceItem } from '../entities/invoice-item.entity';
import { Payment } from '../entities/payment.entity';
import { Refund } from '../entities/refund.entity';
import { Role } from '../entities/enums';
import type { Resource } from '../data/resource';
import type { DataAccess } from '../data/data-access';
import { IsCurrencyCode, IsDecimalOf, IsNotBlank } from '../graphql/validators';
import { defineResource } from './define';
import { patientResource } from './patient.resource';
import { siteResource } from './site.resource';
import { FREE_TEXT } from '../data/masks';

const { ADMIN, COORDINATOR, ANALYST } = Role;
/** The front desk bills and takes payments; analysts read the figures; money goes back only by an admin. */
const BILLERS = [ADMIN, COORDINATOR] as const;
const BILLING_READERS = [ADMIN, COORDINATOR, ANALYST] as const;
/** Two decimals below 10^12, as the columns hold. */
const MONEY = IsDecimalOf({ digits: 12, scale: 2, positive: true });

/** The invoice's patient goes on each of its rows (the database checks they agree: a composite foreign key). */
async function patientOfInvoice(values: { invoiceId?: string; patientId?: string }, data: DataAccess): Promise<void> {
  const [invoice] = await data.db.query<{ patientId: string }>('SELECT patient_id AS "patientId" FROM invoices WHERE tenant_id = $1 AND id = $2', [data.tenantId, values.invoiceId]);
  values.patientId = invoice.patientId;
}

/**
 * Invoices (seeds 000/001/004): DRAFT while their items are written, then issued
 * (`issueInvoice`: numbered, dated, fixed), paid and refunded, or voided (`voidInvoice`). Sums,
 * balance and status are the database's (migration Billing); an issued invoice is deleted only
 * with its patient.
 */
export const invoiceResource: Resource<Invoice> = defineResource<Invoice>({
  typeName: 'Invoice',
  entity: Invoice,
  pluralField: 'invoices',
  masks: { notes: FREE_TEXT, voidReason: FREE_TEXT },
  relations: {
    patientId: { target: () => patientResource, field: 'patient', inverse: 'invoices', inverseDescription: "The patient's invoices.", cascade: true, samePatient: true },
    siteId: { target: () => siteResource, field: 'site', description: 'The clinic that bills; null when none was given or it was deleted since.', inverse: 'invoices', inverseDescription: "The site's invoices." },
  },
  filters: ['patient', 'site', 'number', 'status', 'currency', 'issueDate', 'dueDate', 'total', 'balance', 'createdAt'],
  orderBy: ['createdAt', 'total', 'balance'],
  defaultOrder: [{ property: 'createdAt', direction: 'DESC' }],
  permissions: { read: BILLING_READERS, create: BILLERS, update: BILLERS, delete: BILLERS, restore: BILLERS },
  actions: {
    issue: { roles: BILLERS, description: 'issue a DRAFT invoice (`issueInvoice`): it is numbered, dated and fixed' },
    void: { roles: [ADMIN], description: 'void an issued invoice with nothing left paid (`voidInvoice`)' },
    summarize: { roles: [ADMIN, ANALYST], description: 'read what was invoiced, collected, refunded and is outstanding per month (`revenueSummary`)' },
  },
  inputs: {
    required: ['patientId', 'currency'],
    optional: ['siteId', 'issueDate', 'dueDate', 'notes'],
    immutable: ['patientId'],
    descriptions: {
      issueDate: 'Used on issue; the tenant’s today by default. Fixed once issued.',
      dueDate: 'Used on issue; 30 days after the issue date by default. May be moved later (a payment plan).',
      currency: 'ISO 4217 code of every amount of the invoice. Fixed once issued.',
      siteId: 'Fixed once issued.',
    },
    validate: { currency: [IsCurrencyCode()], notes: [IsNotBlank(), MaxLength(5000)] },
    typeDescriptions: { create: 'A DRAFT invoice: add its items, then `issueInvoice`.' },
  },
  patientIdProperty: 'patientId',
});

/** Lines of an invoice, written while it is a DRAFT; quantity × unit price plus tax, the amounts computed by the database. */
export const invoiceItemResource = defineResource<InvoiceItem>({
  typeName: 'InvoiceItem',
  entity: InvoiceItem,
  pluralField: 'invoiceItems',
  relations: {
    // Writing an item moves the invoice's sums and version: writers of one invoice take turns.
    invoiceId: { target: () => invoiceResource, field: 'invoice', inverse: 'items', inverseDescription: "The invoice's lines.", cascade: true, samePatient: true, changesTarget: true },
  },
  filters: ['invoice', 'serviceCode', 'total', 'createdAt'],
  orderBy: ['createdAt'],
  defaultOrder: [{ property: 'createdAt', direction: 'ASC' }],
  permissions: { read: BILLING_READERS, create: BILLERS, update: BILLERS, delete: BILLERS, restore: BILLERS },
  inputs: {
    required: ['invoiceId', 'description', 'unitPrice'],
    optional: ['serviceCode', 'quantity', 'taxRate'],
    immutable: ['invoiceId'],
    validate: {
      description: [IsNotBlank()],
      serviceCode: [IsNotBlank()],
      unitPrice: [IsDecimalOf({ digits: 10, scale: 2, nonNegative: true })],
      quantity: [IsDecimalOf({ digits: 7, scale: 3, positive: true })],
      taxRate: [IsDecimalOf({ digits: 3, scale: 2, nonNegative: true })],
    },
    descriptions: { taxRate: 'Percent, from 0 to 100; 0 by default.' },
    typeDescriptions: { create: 'A line of a DRAFT invoice (an issued invoice’s items are fixed: rule invoiceIssued).' },
  },
  patientIdProperty: 'patientId',
  rules: { beforeCreate: patientOfInvoice },
});

/** Money received against an issued invoice, at most its balance (checked under the invoice's lock by the database). */
export const paymentResource: Resource<Payment> = defineResource<Payment>({
  typeName: 'Payment',
  entity: Payment,
  pluralField: 'payments',
  masks: { notes: FREE_TEXT, reference: FREE_TEXT },
  relations: {
    invoiceId: { target: () => invoiceResource, field: 'invoice', inverse: 'payments', inverseDescription: "The invoice's payments.", cascade: true, samePatient: true, changesTarget: true },
  },
  filters: ['invoice', 'method', 'amount', 'receivedAt'],
  orderBy: ['receivedAt', 'createdAt'],
  defaultOrder: [{ property: 'receivedAt', direction: 'DESC' }],
  // Recorded and annotated, never deleted on their own: money received is refunded, not erased.
  permissions: { read: BILLING_READERS, create: BILLERS, update: BILLERS, delete: [], restore: [] },
  inputs: {
    required: ['invoiceId', 'amount', 'method'],
    optional: ['reference', 'receivedAt', 'notes'],
    immutable: ['invoiceId', 'amount'],
    validate: { amount: [MONEY], reference: [IsNotBlank()], notes: [IsNotBlank(), MaxLength(2000)] },
    descriptions: { receivedAt: 'Now by default; not in the future.' },
    typeDescriptions: { create: 'A payment of an ISSUED, PARTIALLY_PAID or OVERDUE invoice (rule invoiceNotOpen), at most its balance (rule exceedsBalance).' },
  },
  notInFuture: ['receivedAt'],
  patientIdProperty: 'patientId',
  rules: { beforeCreate: patientOfInvoice },
});

/** Money given back from a payment, at most what is left of it (checked under the payment's lock by the database). */
export const refundResource = defineResource<Refund>({
  typeName: 'Refund',
  entity: Refund,
  pluralField: 'refunds',
  masks: { reference: FREE_TEXT },
  relations: {
    paymentId: { target: () => paymentResource, field: 'payment', inverse: 'refunds', inverseDescription: 'Refunds of this payment.', cascade: true, samePatient: true, changesTarget: true },
    invoiceId: { target: () => invoiceResource, field: 'invoice', description: "The payment's invoice.", inverse: 'refunds', inverseDescription: "Refunds of the invoice's payments.", samePatient: true },
  },
  filters: ['payment', 'invoice', 'amount', 'refundedAt'],
  orderBy: ['refundedAt', 'createdAt'],
  defaultOrder: [{ property: 'refundedAt', direction: 'DESC' }],
  permissions: { read: BILLING_READERS, create: [ADMIN], update: [ADMIN], delete: [], restore: [] },
  inputs: {
    required: ['paymentId', 'amount', 'reason'],
    optional: ['reference', 'refundedAt'],
    immutable: ['paymentId', 'amount'],
    validate: { amount: [MONEY], reason: [IsNotBlank(), MaxLength(2000)], reference: [IsNotBlank()] },
    descriptions: { refundedAt: 'Now by default; not in the future.' },
    typeDescriptions: { create: 'A refund of a payment, at most what is left of it after earlier refunds (rule exceedsPayment).' },
  },
  notInFuture: ['refundedAt'],
  patientIdProperty: 'patientId',
  rules: {
    async beforeCreate(values, data) {
      const [payment] = await data.db.query<{ invoiceId: string; patientId: string }>(
        'SELECT invoice_id AS "invoiceId", patient_id AS "patientId" FROM payments WHERE tenant_id = $1 AND id = $2',
        [data.tenantId, values.paymentId],
      );
      Object.assign(values, payment);
    },
  },
});
