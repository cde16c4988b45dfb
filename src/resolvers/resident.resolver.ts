import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Info, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { MaxLength } from 'class-validator';
import type { Context } from '../context';
import { Patient, Site } from '../entities';
import type { ResidentStay } from '../entities/resident-stay.entity';
import { DischargeOutcome, Feature, IN_RESIDENCE, PatientStatus, ResidentStatus, SiteKind } from '../entities/enums';
import { permissionOf, type Permission } from '../auth/permissions';
import { AppError } from '../errors/app-error';
import { expectGlobalId, toGlobalId } from '../data/global-id';
import type { DataAccess } from '../data/data-access';
import { withCondition, type PageArgs } from '../data/page-query';
import { SqlParams } from '../data/table';
import { DateScalar } from '../graphql/scalars';
import { isoDay } from '../data/dates';
import { IsNotBlank } from '../graphql/validators';
import { resourceTypes } from '../graphql/resource-types';
import { connectionSelection } from '../graphql/selection';
import { patientResource, siteResource } from '../resources';
import { residentStayResource } from '../resources/resident-stay.resource';
import { payloadTypeOf } from './resource-resolver';

const ADMIT = permissionOf(patientResource, 'admitResident');
const TRANSFER = permissionOf(patientResource, 'transferResident');
const DISCHARGE = permissionOf(patientResource, 'dischargeResident');
const PRESENCE = permissionOf(patientResource, 'updateResidentStatus');

@InputType()
class ResidentActionInput {
  @Field(() => ID, { description: 'The Patient.' })
  patientId!: string;

  @Field(() => Int, { nullable: true, description: 'The patient’s version, checked when given (CONFLICT when stale); the row is locked either way.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'Admits a patient to a room of a care home: opens a stay.' })
class AdmitResidentInput extends ResidentActionInput {
  @Field(() => ID, { description: 'A Site of kind CARE_HOME with a free bed.' })
  siteId!: string;

  @Field({ description: 'A room no other resident holds on that date.' })
  @MaxLength(20)
  @IsNotBlank()
  room!: string;

  @Field(() => DateScalar, { description: 'The first night.' })
  admissionDate!: Date;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  reason?: string | null;
}

@InputType({ description: 'Moves a resident to another room, at the same care home or another: closes the current stay and opens the next.' })
class TransferResidentInput extends ResidentActionInput {
  @Field(() => ID, { nullable: true, description: 'The care home moved to; the current one when not given.' })
  siteId?: string | null;

  @Field()
  @MaxLength(20)
  @IsNotBlank()
  room!: string;

  @Field(() => DateScalar, { description: 'The first night in the new room (the last stay ends that day).' })
  date!: Date;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  reason?: string | null;
}

@InputType({ description: 'Ends a resident’s stay: a discharge or a death.' })
class DischargeResidentInput extends ResidentActionInput {
  @Field(() => DateScalar, { description: 'The day the stay ended; not before it began.' })
  date!: Date;

  @Field(() => DischargeOutcome, { defaultValue: DischargeOutcome.DISCHARGED })
  outcome!: DischargeOutcome;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  reason?: string | null;
}

@InputType({ description: 'Records a resident going on leave, into hospital, or back (the room is kept throughout).' })
class UpdateResidentStatusInput extends ResidentActionInput {
  @Field(() => ResidentStatus, { description: 'ADMITTED, ON_LEAVE or HOSPITAL; a stay ends with dischargeResident.' })
  status!: ResidentStatus;
}

@ObjectType({ description: 'A care home’s beds: occupied counts the open stays, residents on leave or in hospital included (their room is kept).' })
class Occupancy {
  @Field(() => Int) beds!: number;
  @Field(() => Int) occupied!: number;
  @Field(() => Int) free!: number;
}

const PatientPayload = payloadTypeOf(patientResource);
const inResidence = (status: ResidentStatus | null) => status !== null && IN_RESIDENCE.includes(status);
/** Rooms are compared as the database's rule compares them: `Room 7`, `room 7` and `Room 7 ` are one room. */
const sameRoom = (a: string | null, b: string | null) => a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Residency dates are today or earlier: a stay that ends (or begins) in the future would hold or
 * free a bed now. A day of slack for a home ahead of UTC (its local today is UTC's tomorrow).
 */
function assertNotInFuture(date: Date, field: string): void {
  if (isoDay(date) > isoDay(new Date(Date.now() + 86_400_000))) throw AppError.badInput([{ field, rule: 'notInFuture', message: 'cannot be in the future: record a stay when it happens' }]);
}

const notResident = () =>
  AppError.conflict('The patient is not in residence', { fields: [{ field: 'input.patientId', rule: 'inResidence', message: 'must be a resident in residence (admitResident first)' }] });

/** The care home a stay is at: a live Site of kind CARE_HOME, else the input is refused naming `field`. */
async function careHome(data: DataAccess, globalId: string, field: string): Promise<Site> {
  const site = await data.byId<Site>(siteResource, expectGlobalId(globalId, siteResource.typeName, field));
  if (!site) throw AppError.badInput([{ field, rule: 'exists', message: 'no Site with this id' }]);
  if (site.kind !== SiteKind.CARE_HOME) throw AppError.badInput([{ field, rule: 'careHome', message: 'must be a site of kind CARE_HOME' }]);
  return site;
}

/** The resident's open stay (there is one while in residence: the database keeps at most one). */
async function openStay(data: DataAccess, patientId: string): Promise<ResidentStay | undefined> {
  const page = await data.page<ResidentStay>(residentStayResource, { first: 1, filter: { patient: { eq: toGlobalId(patientResource.typeName, patientId) }, toDate: { isNull: true } } });
  return page.nodes[0];
}

/** Closes the open stay on `date` (refused when that is before it began), on the action's authority. */
async function closeStay(data: DataAccess, stay: ResidentStay, date: Date, endReason: string | null | undefined, action: Permission): Promise<void> {
  if (isoDay(date) < stay.fromDate) throw AppError.badInput([{ field: 'input.date', rule: 'afterStayStart', message: `must not be before the current stay began (${stay.fromDate})` }]);
  await data.act(residentStayResource, { id: toGlobalId(residentStayResource.typeName, stay.id) }, () => ({ toDate: date, endReason: endReason ?? null }), action);
}

/**
 * Write Care Notes' residency (seed 003): each action locks the patient, checks its rules and
 * writes the patient and the stay history in the request's one transaction. Room and capacity
 * are the database's rules (migration CareHomeResidents), so they hold under concurrency and
 * on every path; their errors name `input.room` (roomOccupied) and `input.siteId` (siteFull).
 */
@Resolver(() => Site)
export class ResidentResolver {
  @Authorized(ADMIT)
  @Mutation(() => PatientPayload, { description: 'Admits the patient to a room of a care home (status ADMITTED) and opens a stay. The room must be free and the home must have a free bed.' })
  async admitResident(@Arg('input', () => AdmitResidentInput) input: AdmitResidentInput, @Ctx() { data }: Context) {
    assertNotInFuture(input.admissionDate, 'input.admissionDate');
    await careHome(data, input.siteId, 'input.siteId');
    const patient = await data.act<Patient>(
      patientResource,
      { id: input.patientId, expectedVersion: input.expectedVersion },
      (current) => {
        if (inResidence(current.residentStatus)) {
          throw AppError.conflict('The patient is in residence already', { fields: [{ field: 'input.patientId', rule: 'notInResidence', message: 'is in residence already: transferResident moves them' }] });
        }
        if (current.residentStatus === ResidentStatus.DECEASED || current.status === PatientStatus.DECEASED) {
          throw AppError.conflict('The patient is recorded as deceased', { fields: [{ field: 'input.patientId', rule: 'deceased', message: 'is recorded as deceased' }] });
        }
        return { siteId: input.siteId, roomNumber: input.room, admissionDate: input.admissionDate, dischargeDate: null, residentStatus: ResidentStatus.ADMITTED, status: PatientStatus.ACTIVE };
      },
      ADMIT,
    );
    await data.create(residentStayResource, { patientId: input.patientId, siteId: input.siteId, room: input.room, fromDate: input.admissionDate, reason: input.reason ?? null }, true);
    return { patient };
  }

  @Authorized(TRANSFER)
  @Mutation(() => PatientPayload, { description: 'Moves a resident to another room (and care home): the current stay ends on `date`, the next begins that day.' })
  async transferResident(@Arg('input', () => TransferResidentInput) input: TransferResidentInput, @Ctx() { data }: Context) {
    assertNotInFuture(input.date, 'input.date');
    if (input.siteId) await careHome(data, input.siteId, 'input.siteId');
    let siteId = '';
    const patient = await data.act<Patient>(
      patientResource,
      { id: input.patientId, expectedVersion: input.expectedVersion },
      async (current) => {
        if (!inResidence(current.residentStatus)) throw notResident();
        siteId = input.siteId ?? toGlobalId(siteResource.typeName, current.siteId!);
        if (expectGlobalId(siteId, siteResource.typeName, 'input.siteId') === current.siteId && sameRoom(input.room, current.roomNumber)) {
          throw AppError.badInput([{ field: 'input.room', rule: 'differentRoom', message: 'is the resident’s room already' }]);
        }
        const stay = await openStay(data, current.id);
        if (!stay) throw notResident();
        await closeStay(data, stay, input.date, input.reason ? `Transferred: ${input.reason}` : 'Transferred', TRANSFER);
        return { siteId, roomNumber: input.room, residentStatus: current.residentStatus };
      },
      TRANSFER,
    );
    await data.create(residentStayResource, { patientId: input.patientId, siteId, room: input.room, fromDate: input.date, reason: input.reason ?? null }, true);
    return { patient };
  }

  @Authorized(DISCHARGE)
  @Mutation(() => PatientPayload, { description: 'Ends the resident’s stay on `date` (DISCHARGED, or DECEASED), freeing the room and the bed.' })
  async dischargeResident(@Arg('input', () => DischargeResidentInput) input: DischargeResidentInput, @Ctx() { data }: Context) {
    assertNotInFuture(input.date, 'input.date');
    const patient = await data.act<Patient>(
      patientResource,
      { id: input.patientId, expectedVersion: input.expectedVersion },
      async (current) => {
        if (!inResidence(current.residentStatus)) throw notResident();
        const stay = await openStay(data, current.id);
        if (!stay) throw notResident();
        await closeStay(data, stay, input.date, input.reason, DISCHARGE);
        const deceased = input.outcome === DischargeOutcome.DECEASED;
        return {
          residentStatus: deceased ? ResidentStatus.DECEASED : ResidentStatus.DISCHARGED,
          status: deceased ? PatientStatus.DECEASED : PatientStatus.DISCHARGED,
          dischargeDate: input.date,
          roomNumber: null,
        };
      },
      DISCHARGE,
    );
    return { patient };
  }

  @Authorized(PRESENCE)
  @Mutation(() => PatientPayload, { description: 'A resident goes on leave or into hospital, or comes back: the room and the stay are kept.' })
  async updateResidentStatus(@Arg('input', () => UpdateResidentStatusInput) input: UpdateResidentStatusInput, @Ctx() { data }: Context) {
    if (!inResidence(input.status)) {
      throw AppError.badInput([{ field: 'input.status', rule: 'inResidence', message: 'must be ADMITTED, ON_LEAVE or HOSPITAL: dischargeResident ends a stay' }]);
    }
    const patient = await data.act<Patient>(
      patientResource,
      { id: input.patientId, expectedVersion: input.expectedVersion },
      (current) => {
        if (!inResidence(current.residentStatus)) throw notResident();
        return { residentStatus: input.status };
      },
      PRESENCE,
    );
    return { patient };
  }

  @FieldResolver(() => resourceTypes(patientResource).Connection, {
    description: 'Patients in residence here (ADMITTED, ON_LEAVE or HOSPITAL), a page per site; `filter` narrows them further.',
  })
  residents(@Root() site: Site, @Args(() => resourceTypes(patientResource).ConnectionArgs) args: PageArgs, @Ctx() { data }: Context, @Info() info: GraphQLResolveInfo) {
    data.requireFeature(Feature.CARE_HOMES, 'Site.residents');
    return data.children(patientResource, 'siteId', site.id, withCondition(args, { residentStatus: { in: IN_RESIDENCE } }), connectionSelection(info));
  }

  @FieldResolver(() => Occupancy, { nullable: true, description: 'Beds, occupied and free, for a site with a capacity; null otherwise.' })
  async occupancy(@Root() site: Site, @Ctx() { data }: Context): Promise<Occupancy | null> {
    data.requireFeature(Feature.CARE_HOMES, 'Site.occupancy');
    // Batched: one statement for every site of the response (the site's capacity may not have been selected).
    const counted = await data.batch<{ capacity: number | null; occupied: number }>('siteOccupancy', site.id, async (siteIds) => {
      const params = new SqlParams();
      const where = [...data.scopeConditions(siteResource, params), `t.id = ANY(${params.add(siteIds, 'uuid[]')})`].join(' AND ');
      const rows = await data.db.query<{ id: string; capacity: number | null; occupied: number }>(
        `SELECT t.id, t.capacity, (SELECT count(*)::int FROM ${data.table(residentStayResource).table} s
                                    WHERE s.tenant_id = t.tenant_id AND s.site_id = t.id AND s.to_date IS NULL AND s.deleted_at IS NULL) AS occupied
           FROM ${data.table(siteResource).table} t WHERE ${where}`,
        params.values,
      );
      const bySite = new Map(rows.map((r) => [r.id, r]));
      return siteIds.map((id) => bySite.get(id) ?? { capacity: null, occupied: 0 });
    });
    if (counted.capacity === null) return null;
    return { beds: counted.capacity, occupied: counted.occupied, free: Math.max(counted.capacity - counted.occupied, 0) };
  }
}
