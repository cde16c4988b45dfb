import { NORTHWIND, ACME, useBothPaths, fieldRules } from './support/harness';
import { Role } from '../src/entities/enums';
import { parseGlobalId, toGlobalId } from '../src/data/global-id';
import pino from 'pino';
import { Client } from 'pg';
import { markOverdueInvoices, startOverdueSweep } from '../src/jobs/overdue-invoices';

/**
 * Billing (issue 14): invoices with items, payments and refunds; every sum, balance and status
 * computed by the database; an issued invoice fixed; no payment past the balance and no refund
 * past its payment, concurrent ones included; on both read paths.
 */

const paths = useBothPaths();

type Data = Record<string, any>;
const gql = (query: string, variables: Data = {}, token?: string, on = paths.compiled) => on.graphql<Data, Data>(query, variables, token);
const owner = (sql: string, values: unknown[] = []) => paths.compiled.db.owner(sql, values);
const inNorthwind = `tenant_id = (SELECT id FROM tenants WHERE slug = '${NORTHWIND}')`;
const dbId = (globalId: string) => parseGlobalId(globalId)!.id;

const INVOICE = 'id version number status currency issueDate dueDate subtotal taxTotal total amountPaid amountRefunded balance issuedAt paidAt voidedAt voidReason';

/** A patient of Northwind none of whose invoices the demo made (a fresh one each call: statuses do not mix). */
let patientRank = 0;
async function freshPatient(): Promise<string> {
  const [{ id }] = await owner(
    `SELECT id FROM patients p WHERE ${inNorthwind} AND deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.patient_id = p.id) ORDER BY id OFFSET $1 LIMIT 1`,
    [patientRank++],
  );
  return toGlobalId('Patient', id as string);
}

const createInvoice = async (token: string, input: Data = {}) =>
  gql(`mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { ${INVOICE} } } }`, { input: { patientId: await freshPatient(), currency: 'GBP', ...input } }, token);
const addItem = (token: string, invoiceId: string, input: Data = {}) =>
  gql(`mutation($input: CreateInvoiceItemInput!) { createInvoiceItem(input: $input) { invoiceItem { id version subtotal tax total invoice { ${INVOICE} } } } }`, {
    input: { invoiceId, description: 'Consultation, 30 minutes', unitPrice: '85.00', ...input },
  }, token);
const readInvoice = async (id: string, token: string, on = paths.compiled) => (await gql(`query($id: ID!) { node(id: $id) { ... on Invoice { ${INVOICE} } } }`, { id }, token, on)).data!.node;
const issue = async (token: string, id: string, input: Data = {}) =>
  gql(`mutation($input: IssueInvoiceInput!) { issueInvoice(input: $input) { invoice { ${INVOICE} } } }`, { input: { id, ...input } }, token);
const pay = (token: string, invoiceId: string, amount: string, input: Data = {}) =>
  gql(`mutation($input: CreatePaymentInput!) { createPayment(input: $input) { payment { id amount method invoice { ${INVOICE} } } } }`, { input: { invoiceId, amount, method: 'CARD', ...input } }, token);
const refund = (token: string, paymentId: string, amount: string) =>
  gql(`mutation($input: CreateRefundInput!) { createRefund(input: $input) { refund { id amount invoice { ${INVOICE} } payment { id } } } }`, { input: { paymentId, amount, reason: 'Overcharged.' } }, token);
const voidInvoice = (token: string, id: string, reason = 'Issued to the wrong payer.') =>
  gql(`mutation($input: VoidInvoiceInput!) { voidInvoice(input: $input) { invoice { ${INVOICE} } } }`, { input: { id, reason } }, token);

/** A DRAFT invoice with a consultation (85.00) and two dressing packs at 4.75 taxed at 20 %: 96.40 in all. */
async function draftInvoice(token: string): Promise<string> {
  const created = await createInvoice(token);
  expect(created.errors).toBeUndefined();
  const id = created.data!.createInvoice.invoice.id;
  expect((await addItem(token, id)).errors).toBeUndefined();
  expect((await addItem(token, id, { description: 'Dressing pack', quantity: '2', unitPrice: '4.75', taxRate: '20' })).errors).toBeUndefined();
  return id;
}

async function issuedInvoice(token: string): Promise<string> {
  const id = await draftInvoice(token);
  expect((await issue(token, id)).errors).toBeUndefined();
  return id;
}

const messageOf = (response: { errors?: Array<{ extensions?: Data }> }) => response.errors![0].extensions!.fields[0].message as string;

describe('invoices', () => {
  it('add up their items in the database, exactly, while DRAFT; issuing numbers them in order and fixes them', async () => {
    const desk = await paths.compiled.login(Role.COORDINATOR, NORTHWIND);
    const created = await createInvoice(desk);
    expect(created.errors).toBeUndefined();
    const draft = created.data!.createInvoice.invoice;
    expect(draft).toMatchObject({ status: 'DRAFT', number: null, issueDate: null, total: '0.00', balance: '0.00' });

    const first = await addItem(desk, draft.id);
    expect(first.data!.createInvoiceItem.invoiceItem).toMatchObject({ subtotal: '85.00', tax: '0.00', total: '85.00' });
    // Three at 0.335 taxed at 17.5 %: 1.005 rounds per line to 1.01, its tax 0.17675 to 0.18.
    const odd = await addItem(desk, draft.id, { description: 'Swab', quantity: '3', unitPrice: '0.34', taxRate: '17.5' });
    expect(odd.data!.createInvoiceItem.invoiceItem).toMatchObject({ subtotal: '1.02', tax: '0.18', total: '1.20' });
    expect(odd.data!.createInvoiceItem.invoiceItem.invoice).toMatchObject({ subtotal: '86.02', taxTotal: '0.18', total: '86.20', balance: '86.20', status: 'DRAFT' });
    const dropped = await gql(`mutation($id: ID!) { deleteInvoiceItem(input: { id: $id }) { invoiceItem { invoice { total version } } } }`, { id: odd.data!.createInvoiceItem.invoiceItem.id }, desk);
    expect(dropped.data!.deleteInvoiceItem.invoiceItem.invoice.total).toBe('85.00');

    // Amounts are exact decimal text: no float, no third decimal, no zero or negative quantity.
    expect(fieldRules(await addItem(desk, draft.id, { unitPrice: 85.5 as unknown as string }))).toEqual(['$input.unitPrice:type']);
    expect(fieldRules(await addItem(desk, draft.id, { unitPrice: '85.001' }))).toEqual(['input.unitPrice:matches']);
    expect(fieldRules(await addItem(desk, draft.id, { quantity: '0' }))).toEqual(['input.quantity:matches']);
    expect(fieldRules(await addItem(desk, draft.id, { taxRate: '100.5' }))).toEqual(['input.taxRate:check']);
    expect(fieldRules(await createInvoice(desk, { currency: 'XXQ' }))).toEqual(['input.currency:isIn']);
    // A line and its tax stay below 10^10, so that the invoice's sums always fit.
    expect(fieldRules(await addItem(desk, draft.id, { quantity: '101', unitPrice: '99999999.99' }))).toEqual(['input.unitPrice:lineTooLarge']);
    expect(fieldRules(await issue(desk, draft.id, { issueDate: '9999-12-01' }))).toEqual(['input.issueDate:range']);
    expect(fieldRules(await issue(desk, draft.id, { issueDate: '2030-01-01', dueDate: '2041-01-01' }))).toEqual(['input.dueDate:range']);
    // Sums are the database's: not inputs.
    const sneaky = await gql(`mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id } } }`, { input: { patientId: await freshPatient(), currency: 'GBP', total: '0.01' } }, desk);
    expect(sneaky.errors![0].extensions!.code).toBe('BAD_USER_INPUT');

    // Issuing names the version read: an item written meanwhile moved it.
    const read = await readInvoice(draft.id, desk);
    expect(read.version).toBeGreaterThan(draft.version);
    expect((await issue(desk, draft.id, { expectedVersion: draft.version })).errors![0].extensions!.code).toBe('CONFLICT');
    const [{ last }] = await owner(`SELECT coalesce(max(number), 0) AS last FROM invoices WHERE ${inNorthwind}`);
    const issued = await issue(desk, draft.id, { expectedVersion: read.version, dueDate: '2030-01-31' });
    expect(issued.errors).toBeUndefined();
    const [{ today }] = await owner(`SELECT tenant_today(id)::text AS today FROM tenants WHERE slug = $1`, [NORTHWIND]);
    expect(issued.data!.issueInvoice.invoice).toMatchObject({ status: 'ISSUED', number: (last as number) + 1, issueDate: today, dueDate: '2030-01-31', total: '85.00', balance: '85.00', issuedAt: expect.any(String) });
    const next = await issue(desk, await draftInvoice(desk));
    expect(next.data!.issueInvoice.invoice.number).toBe((last as number) + 2);
    expect(next.data!.issueInvoice.invoice.dueDate).toBe((await owner(`SELECT ($1::date + 30)::text AS due`, [today]))[0].due);

    // Issued: fixed, but for its notes and due date.
    expect(fieldRules(await issue(desk, draft.id))).toEqual(['input.id:notDraft']);
    expect(fieldRules(await addItem(desk, draft.id))).toEqual(['input.invoiceId:invoiceIssued']);
    const [{ id: itemId }] = await owner(`SELECT id FROM invoice_items WHERE invoice_id = $1`, [dbId(draft.id)]);
    const item = toGlobalId('InvoiceItem', itemId as string);
    const itemVersion = (await gql(`query($id: ID!) { node(id: $id) { ... on InvoiceItem { version } } }`, { id: item }, desk)).data!.node.version;
    expect(fieldRules(await gql(`mutation($input: UpdateInvoiceItemInput!) { updateInvoiceItem(input: $input) { invoiceItem { id } } }`, { input: { id: item, expectedVersion: itemVersion, unitPrice: '1.00' } }, desk))).toEqual(['input.id:invoiceIssued']);
    expect(fieldRules(await gql(`mutation($id: ID!) { deleteInvoiceItem(input: { id: $id }) { invoiceItem { id } } }`, { id: item }, desk))).toEqual(['input.id:invoiceIssued']);
    const now = await readInvoice(draft.id, desk);
    const update = (input: Data) => gql(`mutation($input: UpdateInvoiceInput!) { updateInvoice(input: $input) { invoice { ${INVOICE} notes } } }`, { input: { id: draft.id, expectedVersion: now.version, ...input } }, desk);
    expect(fieldRules(await update({ currency: 'EUR' }))).toEqual(['input.id:issued']);
    expect(fieldRules(await update({ issueDate: '2020-01-01' }))).toEqual(['input.id:issued']);
    expect(fieldRules(await update({ dueDate: '2000-01-01' }))).toEqual(['input.dueDate:notBeforeIssueDate']);
    expect(fieldRules(await gql(`mutation($id: ID!) { deleteInvoice(input: { id: $id }) { invoice { id } } }`, { id: draft.id }, desk))).toEqual(['input.id:issued']);
    const moved = await update({ notes: 'Payment plan agreed.', dueDate: '2030-03-31' });
    expect(moved.data!.updateInvoice.invoice).toMatchObject({ notes: 'Payment plan agreed.', dueDate: '2030-03-31', status: 'ISSUED', number: (last as number) + 1 });

    // An empty draft has nothing to issue; a draft is deleted, not voided.
    const empty = (await createInvoice(desk)).data!.createInvoice.invoice.id;
    expect(fieldRules(await issue(desk, empty))).toEqual(['input.id:empty']);
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    expect(fieldRules(await voidInvoice(admin, empty))).toEqual(['input.id:draft']);
    expect((await gql(`mutation($id: ID!) { deleteInvoice(input: { id: $id }) { invoice { id } } }`, { id: empty }, desk)).errors).toBeUndefined();
    // The database holds the same rules for any other path (the owner's SQL included).
    // Sums written by hand are replaced by those of the rows.
    await owner(`UPDATE invoices SET total = 1, subtotal = 1, amount_paid = 500 WHERE id = $1`, [dbId(draft.id)]);
    expect(await readInvoice(draft.id, desk)).toMatchObject({ subtotal: '85.00', total: '85.00', amountPaid: '0.00', balance: '85.00' });
    await expect(owner(`UPDATE invoice_items SET unit_price = 1 WHERE id = $1`, [itemId])).rejects.toThrow(/its items are fixed/);
  });

  it('take payments up to their balance and refunds up to each payment; the status follows; voided only when nothing is left paid', async () => {
    const desk = await paths.compiled.login(Role.COORDINATOR, NORTHWIND);
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const draft = await draftInvoice(desk);
    expect(fieldRules(await pay(desk, draft, '10.00'))).toEqual(['input.invoiceId:invoiceNotOpen']);
    expect((await issue(desk, draft)).errors).toBeUndefined();

    const over = await pay(desk, draft, '96.41');
    expect(fieldRules(over)).toEqual(['input.amount:exceedsBalance']);
    expect(messageOf(over)).toBe('is more than the invoice’s balance (96.40 left)');
    expect(over.errors![0].extensions!.code).toBe('CONFLICT');
    expect(fieldRules(await pay(desk, draft, '0.00'))).toEqual(['input.amount:matches']);
    expect(fieldRules(await pay(desk, draft, '-5'))).toEqual(['input.amount:matches']);
    expect(fieldRules(await pay(desk, draft, '1.005'))).toEqual(['input.amount:matches']);
    expect(fieldRules(await pay(desk, draft, '1.00', { receivedAt: '2999-01-01T00:00:00Z' }))).toEqual(['input.receivedAt:notInFuture']);

    const part = await pay(desk, draft, '40.00', { method: 'CASH', reference: 'TILL-7' });
    expect(part.errors).toBeUndefined();
    const paymentId = part.data!.createPayment.payment.id;
    expect(part.data!.createPayment.payment.invoice).toMatchObject({ status: 'PARTIALLY_PAID', amountPaid: '40.00', balance: '56.40', paidAt: null });
    const rest = await pay(desk, draft, '56.40');
    expect(rest.data!.createPayment.payment.invoice).toMatchObject({ status: 'PAID', amountPaid: '96.40', balance: '0.00', paidAt: expect.any(String) });
    expect(fieldRules(await pay(desk, draft, '0.01'))).toEqual(['input.invoiceId:invoiceNotOpen']);

    // Refunds: an admin's, at most what is left of the payment.
    expect((await refund(desk, paymentId, '5.00')).errors![0].extensions!.code).toBe('FORBIDDEN');
    const tooMuch = await refund(admin, paymentId, '40.01');
    expect(fieldRules(tooMuch)).toEqual(['input.amount:exceedsPayment']);
    expect(messageOf(tooMuch)).toBe('is more than what is left of the payment after its refunds (40.00 left)');
    const early = await gql(`mutation($input: CreateRefundInput!) { createRefund(input: $input) { refund { id } } }`, { input: { paymentId, amount: '1.00', reason: 'Early.', refundedAt: '2020-01-01T00:00:00Z' } }, admin);
    expect(fieldRules(early)).toEqual(['input.refundedAt:afterPayment']);
    const back = await refund(admin, paymentId, '15.00');
    expect(back.errors).toBeUndefined();
    expect(back.data!.createRefund.refund.invoice).toMatchObject({ status: 'PARTIALLY_PAID', amountPaid: '96.40', amountRefunded: '15.00', balance: '15.00', paidAt: null });
    expect(messageOf(await refund(admin, paymentId, '25.01'))).toBe('is more than what is left of the payment after its refunds (25.00 left)');

    // Payments are annotated, never edited in amount nor deleted on their own.
    const annotated = await gql(`mutation($input: UpdatePaymentInput!) { updatePayment(input: $input) { payment { notes amount } } }`, { input: { id: paymentId, expectedVersion: 1, notes: 'Receipt sent.' } }, desk);
    expect(annotated.data!.updatePayment.payment).toEqual({ notes: 'Receipt sent.', amount: '40.00' });
        // No role deletes a payment or a refund; the database refuses it to any path (a custom role granted PAYMENT_DELETE included).
    const mutations = (await gql(`{ __type(name: "Mutation") { fields { name } } }`, {}, admin)).data!.__type.fields.map((f: Data) => f.name);
    expect(mutations).toEqual(expect.arrayContaining(['createPayment', 'updatePayment', 'createRefund', 'updateRefund']));
    for (const absent of ['deletePayment', 'restorePayment', 'deleteRefund', 'restoreRefund']) expect(mutations).not.toContain(absent);
    await expect(owner(`UPDATE payments SET deleted_at = now() WHERE id = $1`, [dbId(paymentId)])).rejects.toThrow(/payments: deleted only with its invoices row/);
    await expect(owner(`UPDATE refunds SET deleted_at = now() WHERE id = $1`, [dbId(back.data!.createRefund.refund.id)])).rejects.toThrow(/refunds: deleted only with its payments row/);
    await expect(owner(`UPDATE payments SET amount = 1 WHERE id = $1`, [dbId(paymentId)])).rejects.toThrow(/payments: a row is fixed/);

    // Voiding: only with nothing left paid, by an admin; then final.
    expect((await voidInvoice(desk, draft)).errors![0].extensions!.code).toBe('FORBIDDEN');
    const refused = await voidInvoice(admin, draft);
    expect(fieldRules(refused)).toEqual(['input.id:hasPayments']);
    expect(messageOf(refused)).toBe('has 96.40 paid and 15.00 refunded: refund the rest first');
    const restId = rest.data!.createPayment.payment.id;
    expect((await refund(admin, paymentId, '25.00')).errors).toBeUndefined();
    expect((await refund(admin, restId, '56.40')).errors).toBeUndefined();
    const voided = await voidInvoice(admin, draft);
    expect(voided.data!.voidInvoice.invoice).toMatchObject({ status: 'VOID', voidReason: 'Issued to the wrong payer.', voidedAt: expect.any(String), balance: '96.40', amountRefunded: '96.40' });
    expect(fieldRules(await voidInvoice(admin, draft))).toEqual(['input.id:void']);
    expect(fieldRules(await pay(desk, draft, '1.00'))).toEqual(['input.invoiceId:invoiceNotOpen']);
    const v = await readInvoice(draft, admin);
    expect(fieldRules(await gql(`mutation($input: UpdateInvoiceInput!) { updateInvoice(input: $input) { invoice { id } } }`, { input: { id: draft, expectedVersion: v.version, dueDate: '2030-12-31' } }, admin))).toEqual(['input.id:void']);
  });

  it('never overpay nor over-refund under concurrent requests', async () => {
    const desk = await paths.compiled.login(Role.COORDINATOR, NORTHWIND);
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const id = await issuedInvoice(desk); // 96.40
    const payments = await Promise.all(Array.from({ length: 8 }, () => pay(desk, id, '30.00')));
    expect(payments.filter((r) => !r.errors)).toHaveLength(3);
    for (const refused of payments.filter((r) => r.errors)) expect(fieldRules(refused)).toEqual(['input.amount:exceedsBalance']);
    const last = await Promise.all(Array.from({ length: 6 }, () => pay(desk, id, '6.40')));
    expect(last.filter((r) => !r.errors)).toHaveLength(1);
    const [sums] = await owner(`SELECT i.amount_paid::text AS paid, i.status, (SELECT sum(amount)::text FROM payments WHERE invoice_id = i.id) AS payments FROM invoices i WHERE id = $1`, [dbId(id)]);
    expect(sums).toEqual({ paid: '96.40', status: 'PAID', payments: '96.40' });

    const paymentId = payments.find((r) => !r.errors)!.data!.createPayment.payment.id;
    const refunds = await Promise.all(Array.from({ length: 6 }, () => refund(admin, paymentId, '7.00')));
    expect(refunds.filter((r) => !r.errors)).toHaveLength(4);
    for (const refused of refunds.filter((r) => r.errors)) expect(fieldRules(refused)).toEqual(['input.amount:exceedsPayment']);
    const [after] = await owner(`SELECT amount_refunded::text AS refunded, balance::text AS balance, status FROM invoices WHERE id = $1`, [dbId(id)]);
    expect(after).toEqual({ refunded: '28.00', balance: '28.00', status: 'PARTIALLY_PAID' });
  });

  it('go OVERDUE past their due date in the tenant’s day, at a write or by the sweep, audited', async () => {
    const desk = await paths.compiled.login(Role.COORDINATOR, NORTHWIND);
    const late = await issue(desk, await draftInvoice(desk), { issueDate: '2020-01-01', dueDate: '2020-01-31' });
    expect(late.data!.issueInvoice.invoice).toMatchObject({ status: 'OVERDUE', issueDate: '2020-01-01', dueDate: '2020-01-31' });
    const partly = await pay(desk, late.data!.issueInvoice.invoice.id, '10.00');
    expect(partly.data!.createPayment.payment.invoice.status).toBe('OVERDUE');

    // One whose due date passed with no write since: the sweep moves it, as the request role, and the audit log says so.
    const quiet = await issuedInvoice(desk);
    const dueToday = await issuedInvoice(desk);
    // As if issued a month ago, due yesterday (and today): written with the status trigger off, in one transaction.
    await owner(`BEGIN; ALTER TABLE invoices DISABLE TRIGGER invoices_before_write;
      UPDATE invoices SET issue_date = tenant_today(tenant_id) - 31, due_date = tenant_today(tenant_id) - 1 WHERE id = '${dbId(quiet)}';
      UPDATE invoices SET issue_date = tenant_today(tenant_id) - 30, due_date = tenant_today(tenant_id) WHERE id = '${dbId(dueToday)}';
      ALTER TABLE invoices ENABLE TRIGGER invoices_before_write; COMMIT;`);
    // The server's task runs one sweep at once (then one a minute), and stops after it.
    const logged: Data[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line)) });
    await startOverdueSweep(paths.compiled.dataSource, 60_000, logger).stop();
    expect(logged.map((l) => [l.msg, l.moved])).toEqual([['invoices gone overdue', 1]]);
    expect((await readInvoice(quiet, desk)).status).toBe('OVERDUE');
    expect((await readInvoice(dueToday, desk)).status).toBe('ISSUED');
    const [audit] = await owner(`SELECT actor_user_id, old_values->>'status' AS was, new_values->>'status' AS is FROM audit_logs WHERE record_id = $1 ORDER BY id DESC LIMIT 1`, [dbId(quiet)]);
    expect(audit).toEqual({ actor_user_id: null, was: 'ISSUED', is: 'OVERDUE' });
    expect(await markOverdueInvoices(paths.compiled.dataSource)).toBe(0);

    // An invoice another transaction holds is passed over, and the rest of the sweep goes on.
    const [held, free] = [await issuedInvoice(desk), await issuedInvoice(desk)];
    await owner(`BEGIN; ALTER TABLE invoices DISABLE TRIGGER invoices_before_write;
      UPDATE invoices SET issue_date = tenant_today(tenant_id) - 31, due_date = tenant_today(tenant_id) - 1 WHERE id IN ('${dbId(held)}', '${dbId(free)}');
      ALTER TABLE invoices ENABLE TRIGGER invoices_before_write; COMMIT;`);
    const holder = new Client({ connectionString: paths.compiled.db.ownerUrl });
    await holder.connect();
    try {
      await holder.query(`BEGIN; SELECT 1 FROM invoices WHERE id = '${dbId(held)}' FOR UPDATE`);
      expect(await markOverdueInvoices(paths.compiled.dataSource)).toBe(1);
      expect((await readInvoice(free, desk)).status).toBe('OVERDUE');
      await holder.query('COMMIT');
    } finally {
      await holder.end();
    }
    expect(await markOverdueInvoices(paths.compiled.dataSource)).toBe(1);
    expect((await readInvoice(held, desk)).status).toBe('OVERDUE');
  });

  it('are read by billers and analysts only, on every path alike; filters compare amounts as numbers', async () => {
    const analyst = await paths.compiled.login(Role.ANALYST, NORTHWIND);
    const clinician = await paths.compiled.login(Role.CLINICIAN, NORTHWIND);
    const query = `query($filter: InvoiceFilter) { invoices(first: 100, filter: $filter) { totalCount nodes { ${INVOICE} patient { id } items(first: 5) { totalCount nodes { description total } } payments(first: 5) { nodes { amount method refunds(first: 5) { nodes { amount } } } } } } }`;
    for (const filter of [{}, { status: { eq: 'OVERDUE' } }, { balance: { gt: '50' } }, { total: { gte: '85.00', lte: '100' } }]) {
      const compiled = await gql(query, { filter }, analyst);
      expect(compiled.errors).toBeUndefined();
      const resolved = await gql(query, { filter }, await paths.resolvers.login(Role.ANALYST, NORTHWIND), paths.resolvers);
      expect(resolved.data).toEqual(compiled.data);
    }
    const [{ n }] = await owner(`SELECT count(*)::int AS n FROM invoices WHERE ${inNorthwind} AND deleted_at IS NULL AND balance > 50`);
    expect((await gql(query, { filter: { balance: { gt: '50' } } }, analyst)).data!.invoices.totalCount).toBe(n);
    expect(n).toBeGreaterThan(0);
    for (const token of [clinician, await paths.compiled.login(Role.CARE_WORKER, NORTHWIND), await paths.compiled.login(Role.SDR, NORTHWIND)]) {
      expect((await gql(`{ invoices(first: 1) { totalCount } }`, {}, token)).errors![0].extensions!.code).toBe('FORBIDDEN');
    }
    expect((await createInvoice(analyst)).errors![0].extensions!.code).toBe('FORBIDDEN');
    // Another tenant's invoices are not there, by id either.
    const acme = await paths.compiled.login(Role.ADMIN, ACME);
    const [{ id: northwindInvoice }] = await owner(`SELECT id FROM invoices WHERE ${inNorthwind} ORDER BY id LIMIT 1`);
    expect((await gql(`query($id: ID!) { node(id: $id) { id } }`, { id: toGlobalId('Invoice', northwindInvoice as string) }, acme)).data!.node).toBeNull();
  });

  it('go with their patient, and come back with the same sums', async () => {
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const id = await issuedInvoice(admin);
    const paid = await pay(admin, id, '96.40');
    expect((await refund(admin, paid.data!.createPayment.payment.id, '6.40')).errors).toBeUndefined();
    expect((await pay(admin, id, '6.40')).errors).toBeUndefined();
    const before = await readInvoice(id, admin);
    expect(before).toMatchObject({ status: 'PAID', paidAt: expect.any(String) });
    const patient = (await gql(`query($id: ID!) { node(id: $id) { ... on Invoice { patient { id } } } }`, { id }, admin)).data!.node.patient.id;
    expect((await gql(`mutation($id: ID!) { deletePatient(input: { id: $id }) { patient { id } } }`, { id: patient }, admin)).errors).toBeUndefined();
    expect(await readInvoice(id, admin)).toBeNull();
    expect((await gql(`mutation($id: ID!) { restorePatient(input: { id: $id }) { patient { id } } }`, { id: patient }, admin)).errors).toBeUndefined();
    const after = await readInvoice(id, admin);
    expect({ ...after, version: 0 }).toEqual({ ...before, version: 0 });
    const children = `query($id: ID!) { node(id: $id) { ... on Invoice { items(first: 5) { totalCount } payments(first: 5) { totalCount } refunds(first: 5) { totalCount } } } }`;
    expect((await gql(children, { id }, admin)).data!.node).toEqual({ items: { totalCount: 2 }, payments: { totalCount: 2 }, refunds: { totalCount: 1 } });
    const [{ n }] = await owner(`SELECT count(*)::int AS n FROM refunds WHERE invoice_id = $1 AND deleted_at IS NULL`, [dbId(id)]);
    expect(n).toBe(1);
  });

  it('add up only their live items, whatever deletes and restores one request makes; a patient deleted as its invoice is issued comes back', async () => {
    const desk = await paths.compiled.login(Role.COORDINATOR, NORTHWIND);
    const id = (await createInvoice(desk)).data!.createInvoice.invoice.id;
    expect((await addItem(desk, id)).errors).toBeUndefined();
    const big = (await addItem(desk, id, { description: 'Surgery', unitPrice: '500.00' })).data!.createInvoiceItem.invoiceItem.id;
    // One document, one transaction, one clock: the item deleted after the restore has the invoice's old deletion time.
    const churn = await gql(
      `mutation($i: ID!, $a: ID!) { d: deleteInvoice(input: { id: $i }) { invoice { id } } r: restoreInvoice(input: { id: $i }) { invoice { total } } x: deleteInvoiceItem(input: { id: $a }) { invoiceItem { invoice { total } } } }`,
      { i: id, a: big },
      desk,
    );
    expect(churn.errors).toBeUndefined();
    expect(churn.data!.r.invoice.total).toBe('585.00');
    expect(churn.data!.x.invoiceItem.invoice.total).toBe('85.00');
    expect((await issue(desk, id)).data!.issueInvoice.invoice).toMatchObject({ total: '85.00', balance: '85.00' });

    // Issued and its patient deleted in one request: the patient and the invoice come back whole.
    const admin = await paths.compiled.login(Role.ADMIN, NORTHWIND);
    const other = await draftInvoice(admin);
    const patient = (await gql(`query($id: ID!) { node(id: $id) { ... on Invoice { patient { id } } } }`, { id: other }, admin)).data!.node.patient.id;
    const both = await gql(`mutation($i: ID!, $p: ID!) { issueInvoice(input: { id: $i }) { invoice { id } } deletePatient(input: { id: $p }) { patient { id } } }`, { i: other, p: patient }, admin);
    expect(both.errors).toBeUndefined();
    expect((await gql(`mutation($p: ID!) { restorePatient(input: { id: $p }) { patient { id } } }`, { p: patient }, admin)).errors).toBeUndefined();
    expect(await readInvoice(other, admin)).toMatchObject({ status: 'ISSUED', total: '96.40' });
  });

  it('of the demo clinic are in every status, with payments, a refund and numbers without gaps', async () => {
    const rows = await owner(`SELECT status, count(*)::int AS n FROM invoices WHERE ${inNorthwind} GROUP BY status`);
    expect(rows.map((r) => r.status).sort()).toEqual(['DRAFT', 'ISSUED', 'OVERDUE', 'PAID', 'PARTIALLY_PAID', 'VOID']);
    const [{ refunds }] = await owner(`SELECT count(*)::int AS refunds FROM refunds WHERE ${inNorthwind}`);
    expect(refunds).toBeGreaterThan(0);
    const [numbers] = await owner(`SELECT count(number)::int AS n, max(number) AS top, (SELECT value FROM tenant_counters c WHERE c.${inNorthwind} AND name = 'invoice')::int AS counter FROM invoices WHERE ${inNorthwind}`);
    expect(numbers.n).toBe(numbers.top);
    expect(numbers.counter).toBeGreaterThanOrEqual(numbers.top as number);
  });
});
