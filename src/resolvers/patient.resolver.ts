import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Patient } from '../entities';
import { patientPseudonym } from '../crypto/pseudonyms';

/** A patient's pseudonym, for those who count rather than care (the ANALYST reads names, identifiers and birth dates masked). */
@Resolver(() => Patient)
export class PatientResolver {
  @FieldResolver(() => String, {
    description:
      'A stable pseudonymous key: the same patient always has the same one in this tenant, and it cannot be turned back into the patient without the server’s secret (PSEUDONYM_KEY). ' +
      'For counting distinct patients and joining exports without identifying anyone; not an id the API accepts.',
  })
  pseudonym(@Root() patient: Patient, @Ctx() { config, data }: Context): string {
    return patientPseudonym(config.pseudonymKey, data.tenantId, patient.id);
  }
}
