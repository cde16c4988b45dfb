import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { MaxLength } from 'class-validator';
import type { Context } from '../context';
import type { Lead } from '../entities/lead.entity';
import { leadResource } from '../resources/lead.resource';
import { payloadTypeOf } from './resource-resolver';

/** The lead an action is on: its fields are inherited by each action's input. */
@InputType()
class LeadActionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true, description: 'Checked when given (CONFLICT when stale); the row is locked either way.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'A call made to a lead.' })
class LogLeadCallInput extends LeadActionInput {
  @Field(() => String, { nullable: true, description: 'Becomes the lead’s `outcome` (left as it was when not given).' })
  @MaxLength(100)
  outcome?: string | null;

  @Field(() => String, { nullable: true, description: 'Appended to the lead’s notes, dated, on a line of its own.' })
  @MaxLength(2000)
  notes?: string | null;
}

@InputType({ description: 'Hands a lead to another SDR.' })
class AssignLeadInput extends LeadActionInput {
  @Field(() => ID, { description: 'A Member of the tenant with the role SDR.' })
  ownerId!: string;
}

const LeadPayload = payloadTypeOf(leadResource);

/** Working a lead: HealthCRM's actions beyond create and update, each one audited write. */
@Resolver()
export class LeadResolver {
  @Authorized(...leadResource.permissions.update)
  @Mutation(() => LeadPayload, { description: 'Counts a call to the lead and stamps `lastContactedAt`, in one write.' })
  async logLeadCall(@Arg('input', () => LogLeadCallInput) input: LogLeadCallInput, @Ctx() { data }: Context) {
    const now = new Date();
    const lead = await data.act<Lead>(leadResource, input, (current) => ({
      callCount: current.callCount + 1,
      lastContactedAt: now,
      ...(input.outcome != null ? { outcome: input.outcome } : {}),
      ...(input.notes ? { notes: withCallNote(current.notes, now, input.outcome, input.notes) } : {}),
    }));
    return { lead };
  }

  @Authorized(...leadResource.permissions.update)
  @Mutation(() => LeadPayload, { description: 'Makes another SDR the lead’s owner.' })
  async assignLead(@Arg('input', () => AssignLeadInput) input: AssignLeadInput, @Ctx() { data }: Context) {
    return { lead: await data.act<Lead>(leadResource, input, () => ({ ownerId: input.ownerId })) };
  }
}

/** `2026-12-05 19:20 UTC, call (no answer): left a voicemail` below what was there. */
function withCallNote(notes: string | null, at: Date, outcome: string | null | undefined, text: string): string {
  const line = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC, call${outcome ? ` (${outcome})` : ''}: ${text}`;
  return notes ? `${notes}\n${line}` : line;
}
