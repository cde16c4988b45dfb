import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { Min } from 'class-validator';
import type { Context } from '../context';
import { Prescription } from '../entities/prescription.entity';
import { PrescriptionStatus } from '../entities/enums';
import { AppError } from '../errors/app-error';
import { permissionOf } from '../auth/permissions';
import { prescriptionResource } from '../resources/prescription.resource';
import { payloadTypeOf } from './resource-resolver';

@InputType()
class RefillPrescriptionInput {
  @Field(() => ID, { description: 'The Prescription.' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'The version read, if any: a stale one is CONFLICT (the row is locked either way, so two refills never count as one).' })
  @Min(1)
  expectedVersion?: number | null;
}

const REFILL = permissionOf(prescriptionResource, 'refill');
const PrescriptionPayload = payloadTypeOf(prescriptionResource);

/** Dispensing: a refill of an ACTIVE prescription, never past the refills allowed. */
@Resolver(() => Prescription)
export class PrescriptionResolver {
  @Authorized(REFILL)
  @Mutation(() => PrescriptionPayload, { description: 'Counts a refill dispensed (refillsUsed + 1, lastRefilledAt now). Refused for a prescription that is not ACTIVE (rule active) or has no refill left (rule refillsExhausted).' })
  async refillPrescription(@Arg('input', () => RefillPrescriptionInput) input: RefillPrescriptionInput, @Ctx() { data }: Context) {
    const prescription = await data.act<Prescription>(
      prescriptionResource,
      input,
      async (current) => {
        if (current.status !== PrescriptionStatus.ACTIVE) {
          throw AppError.conflict(`The prescription is ${current.status}`, { fields: [{ field: 'input.id', rule: 'active', message: `is ${current.status}: only an ACTIVE prescription is refilled` }] });
        }
        // The prescriber must still be one who may prescribe (locked: a change to their record waits).
        const [prescriber] = await data.db.query(
          `SELECT 1 FROM care_professionals WHERE tenant_id = $1 AND id = $2 AND can_prescribe AND deleted_at IS NULL FOR SHARE`,
          [data.tenantId, current.prescriberId],
        );
        if (!prescriber) {
          throw AppError.conflict('The prescriber may no longer prescribe', { fields: [{ field: 'input.id', rule: 'prescriber', message: 'its prescriber may no longer prescribe (or was deleted): a new prescription is needed' }] });
        }
        if (current.refillsUsed >= current.refillsAllowed) {
          throw AppError.conflict('No refill left', { fields: [{ field: 'input.id', rule: 'refillsExhausted', message: `all ${current.refillsAllowed} refills allowed were used: a new prescription is needed` }] });
        }
        return { refillsUsed: current.refillsUsed + 1, lastRefilledAt: new Date() };
      },
      REFILL,
    );
    return { prescription };
  }
}
