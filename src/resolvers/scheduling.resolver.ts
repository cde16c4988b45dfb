import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { AppError } from '../errors/app-error';
import { DateTime } from '../graphql/scalars';
import { expectGlobalId } from '../data/global-id';
import { READ_TYPES } from '../db/read-types';
import { appointmentResource, careProfessionalResource } from '../resources';
import { FREE_SLOT_LIMITS, freeSlotArgumentProblems, freeSlots } from '../domain/scheduling';
import { permissionOf } from '../auth/permissions';

@ObjectType({ description: 'A bookable stretch of a care professional’s time.' })
class TimeSlot {
  @Field(() => DateTime) start!: string;
  @Field(() => DateTime, { description: 'Not included: an appointment may start here.' }) end!: string;
}

const { maxRangeDays, minDuration, maxDuration, maxSlots } = FREE_SLOT_LIMITS;

/** Scheduling questions that are no single resource's: when a professional can still be booked. */
@Resolver()
export class SchedulingResolver {
  @Authorized(permissionOf(appointmentResource, 'read'))
  @Query(() => [TimeSlot], {
    description:
      `Slots of \`duration\` minutes (${minDuration} to ${maxDuration}) in which the care professional can be booked, wholly within [from, to) (at most ${maxRangeDays} days): ` +
      'inside their declared availability, on a grid of `duration` from the start of each window (touching windows are one), ' +
      `clear of their live appointments (not CANCELLED or NO_SHOW) and approved time off. The first ${maxSlots} by start; ask again from the last one's end for more. ` +
      'Empty for a professional who declared no availability: they are bookable at any time. For whoever may read appointments.',
  })
  async freeSlots(
    @Arg('careProfessional', () => ID) careProfessional: string,
    @Arg('from', () => DateTime) from: Date,
    @Arg('to', () => DateTime) to: Date,
    @Arg('duration', () => Int, { description: 'Minutes.' }) duration: number,
    @Ctx() { data }: Context,
  ): Promise<TimeSlot[]> {
    data.authorize(appointmentResource, 'read');
    const professionalId = expectGlobalId(careProfessional, careProfessionalResource.typeName, 'careProfessional');
    const problems = freeSlotArgumentProblems(from, to, duration);
    if (problems.length) throw AppError.badInput(problems);
    // Tenant-scoped, role-checked and not deleted, as every read: another tenant's professional is NOT_FOUND.
    if (!(await data.byId(careProfessionalResource, professionalId))) throw AppError.notFound(careProfessionalResource.typeName, 'careProfessional');
    return freeSlots(data.db, data.requireCaller().tenantId, professionalId, from, to, duration, READ_TYPES);
  }
}
