import type { Client } from 'pg';

/**
 * Invoices of one tenant (issue 14), written as the API would: DRAFT with items, then issued,
 * paid and voided, so that the database's triggers compute every sum and status. Every third
 * patient has an invoice from the last three months (a consultation, some with a blood test or
 * dressings taxed at 20 %). By rank: one in eight stays DRAFT, two in eight are paid in full,
 * one in part, one is voided, the rest are unpaid: ISSUED while due, OVERDUE past the due date
 * (30 days). The oldest paid invoice was billed twice by mistake: refunded in full, then voided.
 * Drawn from the rows' order alone (no randomness), after the other demo data.
 */
export async function loadBilling(client: Client, tenantId: string): Promise<void> {
  await client.query(
    `WITH chosen AS (SELECT p.id, p.site_id, row_number() OVER (ORDER BY p.id) AS n FROM patients p WHERE p.tenant_id = $1 AND p.deleted_at IS NULL)
     INSERT INTO invoices (tenant_id, patient_id, site_id, currency, created_at)
     SELECT $1, c.id, c.site_id, coalesce(s.currency, 'GBP'), date_trunc('day', now()) - ((c.n * 7 % 90) || ' days')::interval + interval '10 hours'
       FROM chosen c LEFT JOIN sites s ON s.tenant_id = $1 AND s.id = c.site_id WHERE c.n % 3 = 0`,
    [tenantId],
  );
  const ranked = `SELECT id, patient_id, created_at, row_number() OVER (ORDER BY created_at, id) AS k FROM invoices WHERE tenant_id = $1`;
  await client.query(
    `WITH ranked AS (${ranked}),
          lines (description, service_code, quantity, unit_price, tax_rate, every) AS (VALUES
            ('Consultation, 30 minutes', 'CONS30', 1::numeric, 85.00::numeric, 0::numeric, 1),
            ('Full blood count', 'FBC', 1, 32.50, 0, 2),
            ('Dressing pack', 'DRESS', 2, 4.75, 20, 3))
     INSERT INTO invoice_items (tenant_id, invoice_id, patient_id, description, service_code, quantity, unit_price, tax_rate, created_at)
     SELECT $1, r.id, r.patient_id, l.description, l.service_code, l.quantity, l.unit_price, l.tax_rate, r.created_at
       FROM ranked r JOIN lines l ON r.k % l.every = 0`,
    [tenantId],
  );
  // Issued in the order they were written, numbered as the counter would have.
  await client.query(
    `WITH ranked AS (${ranked})
     UPDATE invoices i SET status = 'ISSUED', number = numbered.number, issue_date = i.created_at::date, due_date = i.created_at::date + 30
       FROM (SELECT id, row_number() OVER (ORDER BY k) AS number FROM ranked WHERE k % 8 <> 0) numbered
      WHERE i.id = numbered.id`,
    [tenantId],
  );
  await client.query(
    `INSERT INTO tenant_counters (tenant_id, name, value) SELECT $1, 'invoice', count(*) FROM invoices WHERE tenant_id = $1 AND number IS NOT NULL
       ON CONFLICT (tenant_id, name) DO UPDATE SET value = excluded.value`,
    [tenantId],
  );
  await client.query(
    `WITH ranked AS (${ranked})
     INSERT INTO payments (tenant_id, invoice_id, patient_id, amount, method, reference, received_at)
     SELECT $1, i.id, i.patient_id, CASE WHEN r.k % 8 IN (1, 2) THEN i.total ELSE round(i.total / 2, 2) END,
            (ARRAY['CARD', 'CASH', 'BANK_TRANSFER', 'INSURANCE'])[1 + r.k % 4], 'DEMO-' || lpad(r.k::text, 5, '0'), least(i.created_at + interval '5 days', now())
       FROM ranked r JOIN invoices i ON i.id = r.id WHERE r.k % 8 IN (1, 2, 3)`,
    [tenantId],
  );
  await client.query(
    `WITH twice AS (SELECT p.id, p.invoice_id, p.patient_id, p.amount, p.received_at FROM payments p JOIN invoices i ON i.id = p.invoice_id
                     WHERE p.tenant_id = $1 AND i.status = 'PAID' ORDER BY i.created_at, i.id LIMIT 1)
     INSERT INTO refunds (tenant_id, payment_id, invoice_id, patient_id, amount, reason, refunded_at)
     SELECT $1, id, invoice_id, patient_id, amount, 'Billed twice by mistake.', received_at + interval '1 day' FROM twice`,
    [tenantId],
  );
  await client.query(
    `WITH ranked AS (${ranked})
     UPDATE invoices SET status = 'VOID',
            void_reason = CASE WHEN id IN (SELECT invoice_id FROM refunds WHERE tenant_id = $1) THEN 'Billed twice by mistake.' ELSE 'Issued to the wrong payer.' END
      WHERE tenant_id = $1 AND (id IN (SELECT id FROM ranked WHERE k % 8 = 7) OR id IN (SELECT invoice_id FROM refunds WHERE tenant_id = $1))`,
    [tenantId],
  );
}
