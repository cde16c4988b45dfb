import { CarePlanReview } from '../entities/care-plan-review.entity';
import type { CarePlan } from '../entities/care-plan.entity';
import { Feature, ReviewOutcome, Role } from '../entities/enums';
import { CARE_GIVERS, permissionOf } from '../auth/permissions';
import { AppError } from '../errors/app-error';
import { toGlobalId } from '../data/global-id';
import { defineResource } from './define';
import { carePlanResource } from './care-plan.resource';
import { careProfessionalResource } from './care-professional.resource';

const { ADMIN, CLINICIAN } = Role;
/** Those who write care plans review them. */
const REVIEWERS = [ADMIN, CLINICIAN] as const;

export const carePlanReviewResource = defineResource<CarePlanReview>({
  typeName: 'CarePlanReview',
  entity: CarePlanReview,
  pluralField: 'carePlanReviews',
  relations: {
    carePlanId: { target: () => carePlanResource, field: 'carePlan', inverse: 'reviews', inverseDescription: 'The plan’s reviews (latest first by default).', cascade: true, samePatient: true },
    reviewerId: { target: () => careProfessionalResource, field: 'reviewer', description: 'The care professional who reviewed the plan.' },
  },
  filters: ['carePlan', 'reviewer', 'reviewDate', 'outcome', 'nextReviewDate'],
  orderBy: ['reviewDate', 'createdAt'],
  defaultOrder: [{ property: 'reviewDate', direction: 'DESC' }],
  feature: Feature.CARE_PLANNING,
  permissions: { read: CARE_GIVERS, create: REVIEWERS, update: REVIEWERS, delete: REVIEWERS, restore: REVIEWERS },
  inputs: {
    required: ['carePlanId', 'reviewerId', 'reviewDate', 'outcome'],
    optional: ['notes', 'nextReviewDate'],
    immutable: ['carePlanId'],
    descriptions: { nextReviewDate: 'After reviewDate; becomes the plan’s reviewDate. Required unless the outcome is PLAN_CLOSED.' },
  },
  periods: [{ start: 'reviewDate', end: 'nextReviewDate' }],
  patientIdProperty: 'patientId',
  rules: {
    // The review is of the plan's patient, and sets when the plan is next due (carePlans(filter: { reviewDue })).
    async beforeCreate(values, data) {
      if (!values.nextReviewDate && values.outcome !== ReviewOutcome.PLAN_CLOSED) {
        throw AppError.badInput([{ field: 'input.nextReviewDate', rule: 'required', message: 'is required unless the outcome is PLAN_CLOSED' }]);
      }
      const plan = await data.act<CarePlan>(carePlanResource, { id: toGlobalId(carePlanResource.typeName, values.carePlanId!) }, () => ({ reviewDate: values.nextReviewDate ?? null }), permissionOf(carePlanReviewResource, 'create'));
      values.patientId = plan.patientId;
    },
    beforeUpdate(current, changes) {
      const outcome = changes.outcome ?? current.outcome;
      const next = changes.nextReviewDate !== undefined ? changes.nextReviewDate : current.nextReviewDate;
      if (!next && outcome !== ReviewOutcome.PLAN_CLOSED) throw AppError.badInput([{ field: 'input.nextReviewDate', rule: 'required', message: 'is required unless the outcome is PLAN_CLOSED' }]);
    },
  },
});
