import { Arg, Authorized, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { LeadSource, LeadStatus } from '../entities/enums';
import { AppError } from '../errors/app-error';
import { DateTime } from '../graphql/scalars';
import { expectGlobalId } from '../data/global-id';
import { SqlParams } from '../data/table';
import { leadResource } from '../resources/lead.resource';
import { memberResource } from '../resources/member.resource';
import { permissionOf } from '../auth/permissions';

@ObjectType({ description: 'Leads at one pipeline stage.' })
class LeadStatusCount {
  @Field(() => LeadStatus) status!: LeadStatus;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'The leads created in a period: how many are at each pipeline stage now, and how many became patients.' })
class LeadFunnel {
  @Field(() => Int, { description: 'Live leads created in the period (matching owner and source when given).' }) total!: number;
  @Field(() => [LeadStatusCount], { description: 'Every stage, in pipeline order, with its count (zero included).' }) byStatus!: LeadStatusCount[];
  @Field(() => Int, { description: 'Of those, the leads converted into patients.' }) converted!: number;
  @Field(() => Float, { nullable: true, description: 'converted ÷ total, from 0 to 1; null when there are no leads.' }) conversionRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median days from first contact (the lead’s creation) to conversion; null when none converted.' })
  medianDaysToConversion!: number | null;
}

/**
 * Who sees the funnel: those who read leads. Not analysts: a narrow period with an owner and a
 * source can count a single lead, and small counts are not suppressed here (that is the
 * aggregates' work, with their threshold).
 */
const READ_FUNNEL = permissionOf(leadResource, 'read');

/** HealthCRM's pipeline report, computed by PostgreSQL in one statement within the tenant. */
@Resolver()
export class LeadFunnelResolver {
  @Authorized(READ_FUNNEL)
  @Query(() => LeadFunnel, { description: 'Leads created in [from, to): the count per status, the conversion rate and the median days to conversion.' })
  async leadFunnel(
    @Arg('from', () => DateTime) from: Date,
    @Arg('to', () => DateTime) to: Date,
    @Arg('owner', () => ID, { nullable: true, description: 'Only this SDR’s leads (a Member).' }) owner: string | null,
    @Arg('source', () => LeadSource, { nullable: true }) source: LeadSource | null,
    @Ctx() { data }: Context,
  ): Promise<LeadFunnel> {
    data.authorizeAction(READ_FUNNEL);
    if (!(to.getTime() > from.getTime())) throw AppError.badInput([{ field: 'to', rule: 'endAfterStart', message: 'must be after from' }]);
    const params = new SqlParams();
    const conditions = [...data.scopeConditions(leadResource, params), `t.created_at >= ${params.add(from, 'timestamptz')}`, `t.created_at < ${params.add(to, 'timestamptz')}`];
    if (owner) conditions.push(`t.owner_id = ${params.add(expectGlobalId(owner, memberResource.typeName, 'owner'), 'uuid')}`);
    if (source) conditions.push(`t.source = ${params.add(source, 'text')}`);
    // One row per status and one for the whole set (GROUPING SETS): one statement, one scan.
    const rows = await data.db.query<{ status: LeadStatus | null; total: number; converted: number; median_days: number | null }>(
      `SELECT t.status, count(*)::int AS total, count(*) FILTER (WHERE t.converted_at IS NOT NULL)::int AS converted,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.converted_at - t.created_at) / 86400) FILTER (WHERE t.converted_at IS NOT NULL) AS median_days
         FROM ${data.table(leadResource).table} t WHERE ${conditions.join(' AND ')}
        GROUP BY GROUPING SETS ((t.status), ())`,
      params.values,
    );
    const all = rows.find((r) => r.status === null) ?? { total: 0, converted: 0, median_days: null };
    const byStatus = Object.values(LeadStatus).map((status) => ({ status, count: rows.find((r) => r.status === status)?.total ?? 0 }));
    return {
      total: all.total,
      byStatus,
      converted: all.converted,
      conversionRate: all.total ? all.converted / all.total : null,
      medianDaysToConversion: all.median_days === null ? null : Math.round(Number(all.median_days) * 100) / 100,
    };
  }
}
