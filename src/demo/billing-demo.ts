import type { Client } from 'pg';

/**
 * Invoices of one tenant (issue 14), written as the API would: DRAFT with items, then issued,
 * paid and voided, so that the database's triggers compute every sum and status. Every third
 * patient pays for their own care: each of their completed appointments is invoiced as it ends
 * (cancelled, missed and future ones are not), a fee by its length, and a blood test's or a
 * wound dressing's materials (dressings taxed at 20 %). The newest (a twelfth, at least three)
 * are still DRAFT; of the rest, by rank, two in eight are paid in full, one in part, one is
 * voided, the rest unpaid: ISSUED while due, OVERDUE past the due date (30 days). The oldest paid
 * invoice was billed twice by mistake: refunded in full, then voided. Drawn from the rows alone
 * (no randomness), after the other demo data.
 */
export async function loadBilling(client: Client, tenantId: string): Promise<void> {
  await client.query(
    `WITH private AS (SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM patients WHERE tenant_id = $1 AND deleted_at IS NULL) p WHERE n % 3 = 0)
     INSERT INTO invoices (tenant_id, patient_id, site_id, currency, created_at)
     SELECT $1, a.patient_id, a.site_id, coalesce(s.currency, 'GBP'), a.end_time
       FROM appointments a JOIN private p ON p.id = a.patient_id LEFT JOIN sites s ON s.tenant_id = $1 AND s.id = a.site_id
      WHERE a.tenant_id = $1 AND a.deleted_at IS NULL AND a.status = 'COMPLETED'`,
    [tenantId],
  );
  // Each invoice's appointment: its patient's completed one that ended as the invoice was written.
  await client.query(
    `WITH billed AS (
            SELECT DISTINCT ON (i.id) i.id, i.patient_id, i.created_at, a.title, (extract(epoch FROM a.end_time - a.start_time) / 60)::int AS minutes
              FROM invoices i JOIN appointments a ON a.tenant_id = i.tenant_id AND a.patient_id = i.patient_id AND a.end_time = i.created_at AND a.status = 'COMPLETED'
             WHERE i.tenant_id = $1 ORDER BY i.id, a.id),
          materials (title, description, service_code, quantity, unit_price, tax_rate) AS (VALUES
            ('Blood test', 'Full blood count', 'FBC', 1::numeric, 32.50::numeric, 0::numeric),
            ('Wound dressing', 'Dressing pack', 'DRESS', 2, 4.75, 20))
     INSERT INTO invoice_items (tenant_id, invoice_id, patient_id, description, service_code, quantity, unit_price, tax_rate, created_at)
     SELECT $1, b.id, b.patient_id, b.title || ', ' || b.minutes || ' minutes', 'CONS' || b.minutes, 1,
            CASE WHEN b.minutes <= 15 THEN 45.00 WHEN b.minutes <= 30 THEN 85.00 WHEN b.minutes <= 45 THEN 110.00 ELSE 140.00 END, 0, b.created_at
       FROM billed b
     UNION ALL
     SELECT $1, b.id, b.patient_id, m.description, m.service_code, m.quantity, m.unit_price, m.tax_rate, b.created_at
       FROM billed b JOIN materials m ON m.title = b.title`,
    [tenantId],
  );
  const ranked = `SELECT id, patient_id, created_at, row_number() OVER (ORDER BY created_at, id) AS k,
                         row_number() OVER (ORDER BY created_at DESC, id DESC) <= greatest(3, count(*) OVER () / 12) AS draft
                    FROM invoices WHERE tenant_id = $1`;
  // Issued in the order they were written, numbered as the counter would have.
  await client.query(
    `WITH ranked AS (${ranked})
     UPDATE invoices i SET status = 'ISSUED', number = numbered.number, issue_date = numbered.day, due_date = numbered.day + 30
       FROM (SELECT r.id, row_number() OVER (ORDER BY r.k) AS number, (r.created_at AT TIME ZONE t.timezone)::date AS day
               FROM ranked r CROSS JOIN tenants t WHERE t.id = $1 AND NOT r.draft) numbered
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
       FROM ranked r JOIN invoices i ON i.id = r.id WHERE r.k % 8 IN (1, 2, 3) AND NOT r.draft`,
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
      WHERE tenant_id = $1 AND (id IN (SELECT id FROM ranked WHERE k % 8 = 7 AND NOT draft) OR id IN (SELECT invoice_id FROM refunds WHERE tenant_id = $1))`,
    [tenantId],
  );
}
