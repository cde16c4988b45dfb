import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { MaxLength, Min } from 'class-validator';
import type { Context } from '../context';
import { Invoice } from '../entities/invoice.entity';
import { InvoiceStatus } from '../entities/enums';
import { AppError } from '../errors/app-error';
import { permissionOf } from '../auth/permissions';
import { IsNotBlank } from '../graphql/validators';
import { DateScalar } from '../graphql/scalars';
import { invoiceResource } from '../resources/invoice.resource';
import { payloadTypeOf } from './resource-resolver';

@InputType()
class IssueInvoiceInput {
  @Field(() => ID, { description: 'The DRAFT Invoice.' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'The version read, if any: a stale one is CONFLICT. Writing an item moves the invoice’s version, so what is issued is what was read.' })
  @Min(1)
  expectedVersion?: number | null;
  @Field(() => DateScalar, { nullable: true, description: 'The issue date; the one the draft has, else the tenant’s today.' })
  issueDate?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'The due date, not before the issue date; the one the draft has, else 30 days after the issue date.' })
  dueDate?: string | null;
}

@InputType()
class VoidInvoiceInput {
  @Field(() => ID, { description: 'The issued Invoice.' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'The version read, if any: a stale one is CONFLICT.' })
  @Min(1)
  expectedVersion?: number | null;
  @Field(() => String, { description: 'Why it is voided (kept with it).' })
  @IsNotBlank()
  @MaxLength(2000)
  reason!: string;
}

const ISSUE = permissionOf(invoiceResource, 'issue');
const VOID = permissionOf(invoiceResource, 'void');
const InvoicePayload = payloadTypeOf(invoiceResource);

const conflict = (rule: string, message: string) => AppError.conflict(`The invoice ${message}`, { fields: [{ field: 'input.id', rule, message }] });

/** An invoice's two steps that are not edits: its issue, which fixes it, and its voiding. Payments and refunds are rows of their own. */
@Resolver(() => Invoice)
export class BillingResolver {
  @Authorized(ISSUE)
  @Mutation(() => InvoicePayload, {
    description:
      'Issues a DRAFT invoice: it gets the next number of the tenant, its issue and due dates, and its status from then on follows its payments and due date; ' +
      'its items, patient, site, currency and issue date are fixed. Refused for an invoice that is not a DRAFT (rule notDraft) or has no items (rule empty).',
  })
  async issueInvoice(@Arg('input', () => IssueInvoiceInput) input: IssueInvoiceInput, @Ctx() { data }: Context) {
    const invoice = await data.act<Invoice>(
      invoiceResource,
      input,
      async (current) => {
        if (current.status !== InvoiceStatus.DRAFT) throw conflict('notDraft', `is ${current.status}: only a DRAFT is issued`);
        // Under the invoice's lock, which every item write takes too.
        const [item] = await data.db.query('SELECT 1 FROM invoice_items WHERE tenant_id = $1 AND invoice_id = $2 AND deleted_at IS NULL LIMIT 1', [data.tenantId, current.id]);
        if (!item) throw conflict('empty', 'has no items: there is nothing to bill');
        return { status: InvoiceStatus.ISSUED, ...(input.issueDate ? { issueDate: input.issueDate } : {}), ...(input.dueDate ? { dueDate: input.dueDate } : {}) };
      },
      ISSUE,
    );
    return { invoice };
  }

  @Authorized(VOID)
  @Mutation(() => InvoicePayload, {
    description:
      'Voids an issued invoice (final: it keeps its number and is never paid). Refused for a DRAFT (rule draft: delete it instead), an invoice VOID already (rule void), ' +
      'or one with payments not refunded (rule hasPayments: refund them first).',
  })
  async voidInvoice(@Arg('input', () => VoidInvoiceInput) input: VoidInvoiceInput, @Ctx() { data }: Context) {
    const invoice = await data.act<Invoice>(
      invoiceResource,
      input,
      (current) => {
        if (current.status === InvoiceStatus.DRAFT) throw conflict('draft', 'is a DRAFT: delete it instead');
        if (current.status === InvoiceStatus.VOID) throw conflict('void', 'is VOID already');
        // Read under the invoice's lock: a payment being recorded waits for it, then finds the invoice VOID.
        // Both numeric(14,2), as text with two decimals: equal amounts are equal strings.
        if (current.amountPaid !== current.amountRefunded) {
          throw conflict('hasPayments', `has ${current.amountPaid} paid and ${current.amountRefunded} refunded: refund the rest first`);
        }
        return { status: InvoiceStatus.VOID, voidReason: input.reason };
      },
      VOID,
    );
    return { invoice };
  }
}
