import { Arg, Authorized, Ctx, Field, FieldResolver, InputType, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { permissionOf } from '../auth/permissions';
import { AppError } from '../errors/app-error';
import { DateScalar, Decimal } from '../graphql/scalars';
import { CareProfessional } from '../entities/care-professional.entity';
import { careProfessionalResource } from '../resources/care-professional.resource';
import { invoiceResource } from '../resources/invoice.resource';
import { isoDay } from '../data/dates';

/** At most five years at once: a summary is a statement over the tenant's rows, bounded like any. */
const MAX_PERIOD_DAYS = 5 * 366;

@InputType({ description: 'Calendar days in the tenant’s time zone, both included; at most five years.' })
class SummaryPeriod {
  @Field(() => DateScalar) from!: string | Date;
  @Field(() => DateScalar) to!: string | Date;
}

/** The period as calendar days (`YYYY-MM-DD`: the scalar may give Dates, which the driver would send in the server's zone), checked. */
function daysOf(period: SummaryPeriod): [string, string] {
  const [from, to] = [isoDay(period.from), isoDay(period.to)];
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days < 0) throw AppError.badInput([{ field: 'period.to', rule: 'notBeforeFrom', message: 'must not be before period.from' }]);
  if (days > MAX_PERIOD_DAYS) throw AppError.badInput([{ field: 'period.to', rule: 'range', message: `must be at most ${MAX_PERIOD_DAYS} days after period.from` }]);
  return [from, to];
}

/** The period's bounds as instants: the tenant's midnight at its start, and after its last day. */
const BOUNDS = `(SELECT ($2::date)::timestamp AT TIME ZONE t.timezone AS start, ($3::date + 1)::timestamp AT TIME ZONE t.timezone AS stop, t.timezone FROM tenants t WHERE t.id = $1)`;

@ObjectType({ description: 'One doctor’s activity over a period (seed 004’s doctor_summary).' })
class DoctorSummary {
  careProfessionalId!: string;
  @Field(() => Int, { description: 'Appointments starting in the period, in any status.' }) appointments!: number;
  @Field(() => Int) completed!: number;
  @Field(() => Int) cancelled!: number;
  @Field(() => Int) noShows!: number;
  @Field(() => Int, { description: 'Distinct patients of the COMPLETED appointments.' }) patientsSeen!: number;
  @Field(() => Int, { description: 'Diagnostic tests they ordered in the period.' }) testsOrdered!: number;
  @Field(() => Int, { description: 'Prescriptions they wrote in the period.' }) prescriptions!: number;
}

@ObjectType({ description: 'Money of one month in one currency (seed 004’s revenue_summary): by issue date for invoices, by the day received or refunded for payments and refunds.' })
class RevenueSummary {
  @Field(() => DateScalar, { description: 'The month’s first day.' }) month!: string;
  @Field(() => String) currency!: string;
  @Field(() => Int, { description: 'Invoices issued in the month, VOID ones left out.' }) invoices!: number;
  @Field(() => Decimal, { description: 'Their totals.' }) invoiced!: string;
  @Field(() => Decimal, { description: 'Payments received in the month.' }) collected!: string;
  @Field(() => Decimal, { description: 'Refunds made in the month.' }) refunded!: string;
  @Field(() => Decimal, { description: 'What is still due on the month’s invoices now.' }) outstanding!: string;
  @Field(() => Int, { description: 'The month’s invoices OVERDUE now.' }) overdue!: number;
}

/** Money as the columns hold it: two decimals, as text. */
const money = (sql: string) => `coalesce(${sql}, 0)::numeric(14,2)::text`;

@Resolver(() => DoctorSummary)
export class SummariesResolver {
  @Authorized(permissionOf(careProfessionalResource, 'summarize'))
  @Query(() => [DoctorSummary], { description: 'Every doctor’s appointments, patients seen, tests ordered and prescriptions over a period, by last name. One statement.' })
  async doctorSummary(@Arg('period', () => SummaryPeriod) period: SummaryPeriod, @Ctx() { data }: Context): Promise<DoctorSummary[]> {
    const [from, to] = daysOf(period);
    return data.db.query<DoctorSummary>(
      `WITH bounds AS ${BOUNDS}
       SELECT p.id AS "careProfessionalId", a.appointments, a.completed, a.cancelled, a."noShows", a."patientsSeen", d."testsOrdered", r.prescriptions
         FROM care_professionals p CROSS JOIN bounds b
         CROSS JOIN LATERAL (SELECT count(*)::int AS appointments, count(*) FILTER (WHERE x.status = 'COMPLETED')::int AS completed,
                                    count(*) FILTER (WHERE x.status = 'CANCELLED')::int AS cancelled, count(*) FILTER (WHERE x.status = 'NO_SHOW')::int AS "noShows",
                                    count(DISTINCT x.patient_id) FILTER (WHERE x.status = 'COMPLETED')::int AS "patientsSeen"
                               FROM appointments x WHERE x.tenant_id = p.tenant_id AND x.care_professional_id = p.id AND x.deleted_at IS NULL
                                AND x.start_time >= b.start AND x.start_time < b.stop) a
         CROSS JOIN LATERAL (SELECT count(*)::int AS "testsOrdered" FROM diagnostic_tests x WHERE x.tenant_id = p.tenant_id AND x.ordering_doctor_id = p.id
                                AND x.deleted_at IS NULL AND x.ordered_at >= b.start AND x.ordered_at < b.stop) d
         CROSS JOIN LATERAL (SELECT count(*)::int AS prescriptions FROM prescriptions x WHERE x.tenant_id = p.tenant_id AND x.prescriber_id = p.id
                                AND x.deleted_at IS NULL AND x.prescribed_on BETWEEN $2::date AND $3::date) r
        WHERE p.tenant_id = $1 AND p.profession = 'DOCTOR' AND p.deleted_at IS NULL
        ORDER BY p.last_name, p.first_name, p.id`,
      [data.tenantId, from, to],
    );
  }

  @FieldResolver(() => CareProfessional, { nullable: true, description: 'The doctor (batched: one read for the whole list); null with FORBIDDEN for a caller who may not read care professionals.' })
  doctor(@Root() summary: DoctorSummary, @Ctx() { data }: Context) {
    return data.byId(careProfessionalResource, summary.careProfessionalId);
  }

  @Authorized(permissionOf(invoiceResource, 'summarize'))
  @Query(() => [RevenueSummary], { description: 'Per month of the period and currency: invoices issued and their totals, payments collected, refunds, and what is still outstanding or overdue. One statement.' })
  async revenueSummary(@Arg('period', () => SummaryPeriod) period: SummaryPeriod, @Ctx() { data }: Context): Promise<RevenueSummary[]> {
    const [from, to] = daysOf(period);
    const day = (column: string) => `(${column} AT TIME ZONE b.timezone)::date`;
    return data.db.query<RevenueSummary>(
      `WITH bounds AS ${BOUNDS},
       issued AS (
         SELECT date_trunc('month', i.issue_date)::date AS month, i.currency, count(*)::int AS invoices, sum(i.total) AS invoiced,
                sum(i.balance) FILTER (WHERE i.status IN ('ISSUED', 'PARTIALLY_PAID', 'OVERDUE')) AS outstanding, count(*) FILTER (WHERE i.status = 'OVERDUE')::int AS overdue
           FROM invoices i WHERE i.tenant_id = $1 AND i.deleted_at IS NULL AND i.status NOT IN ('DRAFT', 'VOID') AND i.issue_date BETWEEN $2::date AND $3::date
          GROUP BY 1, 2),
       paid AS (
         SELECT date_trunc('month', ${day('x.received_at')})::date AS month, i.currency, sum(x.amount) AS collected
           FROM payments x JOIN invoices i ON i.tenant_id = x.tenant_id AND i.id = x.invoice_id CROSS JOIN bounds b
          WHERE x.tenant_id = $1 AND x.deleted_at IS NULL AND x.received_at >= b.start AND x.received_at < b.stop GROUP BY 1, 2),
       back AS (
         SELECT date_trunc('month', ${day('x.refunded_at')})::date AS month, i.currency, sum(x.amount) AS refunded
           FROM refunds x JOIN invoices i ON i.tenant_id = x.tenant_id AND i.id = x.invoice_id CROSS JOIN bounds b
          WHERE x.tenant_id = $1 AND x.deleted_at IS NULL AND x.refunded_at >= b.start AND x.refunded_at < b.stop GROUP BY 1, 2),
       months AS (SELECT month, currency FROM issued UNION SELECT month, currency FROM paid UNION SELECT month, currency FROM back)
       SELECT m.month::text AS month, m.currency, coalesce(s.invoices, 0) AS invoices, ${money('s.invoiced')} AS invoiced, ${money('p.collected')} AS collected,
              ${money('r.refunded')} AS refunded, ${money('s.outstanding')} AS outstanding, coalesce(s.overdue, 0) AS overdue
         FROM months m LEFT JOIN issued s USING (month, currency) LEFT JOIN paid p USING (month, currency) LEFT JOIN back r USING (month, currency)
        ORDER BY m.month, m.currency`,
      [data.tenantId, from, to],
    );
  }
}
