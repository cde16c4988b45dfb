import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import { MaxLength } from 'class-validator';
import type { Context } from '../context';
import { Lead } from '../entities/lead.entity';
import { Patient } from '../entities';
import { ActivityAction, JourneyStage, LeadStatus, Role } from '../entities/enums';
import { AppError } from '../errors/app-error';
import { toGlobalId } from '../data/global-id';
import { sqlLiteralList } from '../data/table';
import { FREEING_APPOINTMENT_STATUSES } from '../domain/scheduling';
import { OPEN_TASK_STATUSES } from '../domain/task-rules';
import { nextJourneyStage } from '../domain/journey';
import { appointmentResource, patientResource, taskResource } from '../resources';
import { LEAD_NOTES_MAX, leadResource } from '../resources/lead.resource';
import type { Member } from '../entities/member.entity';
import { memberResource } from '../resources/member.resource';
import { recordJourneyChange } from '../resources/journey-stage-change.resource';
import { recordActivity } from '../resources/activity-log.resource';
import { payloadTypeOf } from './resource-resolver';
import { permissionOf } from '../auth/permissions';

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

@InputType({ description: 'Converts a lead whose booking is paid and booked into a patient.' })
class ConvertLeadInput extends LeadActionInput {}

@InputType({ description: 'Moves a patient’s journey to its next stage.' })
class AdvanceJourneyInput {
  @Field(() => ID, { description: 'The Patient.' })
  id!: string;

  @Field(() => Int, { description: 'The version read: a second click on a stale page is CONFLICT, not a second move.' })
  expectedVersion!: number;
}

@InputType({ description: 'Hands a lead to another SDR.' })
class AssignLeadInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version read: of two hand-overs at once, the second is CONFLICT.' })
  expectedVersion!: number;

  @Field(() => ID, { description: 'A Member of the tenant with the role SDR.' })
  ownerId!: string;
}

const LeadPayload = payloadTypeOf(leadResource);
const PatientPayload = payloadTypeOf(patientResource);

const WORK_LEADS = permissionOf(leadResource, 'update');
const ADVANCE_JOURNEY = permissionOf(patientResource, 'advanceJourney');

/** HealthCRM's actions beyond create and update: working and converting leads, and moving journeys. Each is audited. */
@Resolver(() => Lead)
export class LeadResolver {
  @FieldResolver(() => Patient, { nullable: true, description: 'The patient the lead became (`convertLead`); null before. Read with the right to read patients.' })
  async patient(@Root() lead: Lead, @Ctx() { data }: Context): Promise<Patient | null> {
    // Batched with every other lead of the response: one statement (the lead's own columns may not all be loaded).
    const page = await data.children<Patient>(patientResource, 'leadId', lead.id, { first: 1 });
    return page.nodes[0] ?? null;
  }

  @Authorized(WORK_LEADS)
  @Mutation(() => LeadPayload, {
    description:
      'In one transaction: creates the patient (journey stage INTAKE, the lead’s health coach as theirs, linked to the lead both ways), ' +
      'and moves the lead’s open tasks and future appointments to the patient. Only from BOOKING_PAID_BOOKED; a lead converts once (CONFLICT after). ' +
      'The patient is created on the conversion’s authority: SDRs convert without reading patients.',
  })
  async convertLead(@Arg('input', () => ConvertLeadInput) input: ConvertLeadInput, @Ctx() { data }: Context) {
    let patient: Patient | undefined;
    const convertedAt = new Date();
    // Under the lead's row lock: a second conversion waits, then finds it converted.
    const lead = await data.act<Lead>(leadResource, input, async (current) => {
      if (current.convertedAt) throw AppError.conflict('The lead was converted already', { fields: [{ field: 'input.id', rule: 'convertOnce', message: 'a lead converts once' }] });
      if (current.status !== LeadStatus.BOOKING_PAID_BOOKED) {
        throw AppError.badInput([{ field: 'input.id', rule: 'readyToConvert', message: `a lead converts from ${LeadStatus.BOOKING_PAID_BOOKED}; this one is ${current.status}` }]);
      }
      // The coach booked with may have left or changed role since: say so here, not on a field this input lacks.
      const coach = current.healthCoachId ? await data.byId<Member>(memberResource, current.healthCoachId) : null;
      if (current.healthCoachId && coach?.role !== Role.HEALTH_COACH) {
        throw AppError.badInput([{ field: 'input.id', rule: 'coachUnavailable', message: "the lead's health coach is no longer a health coach of the tenant: book the lead with another (updateLead healthCoachId)" }]);
      }
      patient = await data.create<Patient>(
        patientResource,
        {
          firstName: current.firstName,
          lastName: current.lastName,
          email: current.email,
          phone: current.phone,
          journeyStage: JourneyStage.INTAKE,
          healthCoachId: current.healthCoachId ? toGlobalId(memberResource.typeName, current.healthCoachId) : null,
          leadId: toGlobalId(leadResource.typeName, current.id),
        },
        true,
      );
      return { convertedAt };
    });
    const patientId = patient!.id;
    await data.moveChildren(taskResource, 'leadId', lead.id, { leadId: null, patientId }, `status IN (${sqlLiteralList(OPEN_TASK_STATUSES)})`);
    await data.moveChildren(appointmentResource, 'leadId', lead.id, { leadId: null, patientId }, `start_time > now() AND status NOT IN (${sqlLiteralList(FREEING_APPOINTMENT_STATUSES)})`);
    await recordJourneyChange(data, patientId, null, JourneyStage.INTAKE);
    await recordActivity(data, { leadId: lead.id }, ActivityAction.LEAD_CONVERTED, { patientId: toGlobalId(patientResource.typeName, patientId) });
    return { lead };
  }

  @Authorized(ADVANCE_JOURNEY)
  @Mutation(() => PatientPayload, {
    description:
      'Moves the patient to the next journey stage (INTAKE for a patient not on one; INITIAL_LABS after RESTART_ANNUAL_PROCESS) and keeps the change in `journeyHistory`. For health coaches and admins.',
  })
  async advanceJourney(@Arg('input', () => AdvanceJourneyInput) input: AdvanceJourneyInput, @Ctx() { data }: Context) {
    let from: JourneyStage | null = null;
    let to = JourneyStage.INTAKE;
    const patient = await data.act<Patient>(
      patientResource,
      input,
      (current) => {
        from = current.journeyStage;
        to = nextJourneyStage(from);
        return { journeyStage: to };
      },
      ADVANCE_JOURNEY,
    );
    await recordJourneyChange(data, patient.id, from, to);
    await recordActivity(data, { patientId: patient.id }, ActivityAction.JOURNEY_ADVANCED, { from, to });
    return { patient };
  }

  @Authorized(WORK_LEADS)
  @Mutation(() => LeadPayload, { description: 'Counts a call to the lead and stamps `lastContactedAt`, in one write.' })
  async logLeadCall(@Arg('input', () => LogLeadCallInput) input: LogLeadCallInput, @Ctx() { data }: Context) {
    const now = new Date();
    const lead = await data.act<Lead>(leadResource, input, (current) => {
      const notes = input.notes ? withCallNote(current.notes, now, input.outcome, input.notes) : undefined;
      if (notes && notes.length > LEAD_NOTES_MAX) {
        throw AppError.badInput([{ field: 'input.notes', rule: 'notesFull', message: `the lead's notes would exceed ${LEAD_NOTES_MAX} characters: shorten them (updateLead) or log the call without notes` }]);
      }
      return { callCount: current.callCount + 1, lastContactedAt: now, ...(input.outcome != null ? { outcome: input.outcome } : {}), ...(notes ? { notes } : {}) };
    });
    await recordActivity(data, { leadId: lead.id }, ActivityAction.CALL_LOGGED, { outcome: input.outcome ?? null, notes: input.notes ?? null });
    return { lead };
  }

  @Authorized(WORK_LEADS)
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
