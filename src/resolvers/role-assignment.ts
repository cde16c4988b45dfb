import { Field, ID, InputType } from 'type-graphql';
import type { DataAccess } from '../data/data-access';
import type { CustomRole } from '../entities/custom-role.entity';
import { Feature, Role } from '../entities/enums';
import { AppError } from '../errors/app-error';
import { expectGlobalId } from '../data/global-id';
import { customRoleResource } from '../resources/custom-role.resource';
import { assertWithinOwn, systemRolePermissions } from '../auth/permissions';

/** The role a member or an invitee is given: a system role, or a custom role (fields inherited by the inputs that extend it). */
@InputType('RoleChoice')
export class RoleChoice {
  @Field(() => Role, { nullable: true, description: 'A system role. Give this or customRoleId.' })
  role?: Role | null;

  @Field(() => ID, { nullable: true, description: 'A CustomRole of the tenant (feature CUSTOM_ROLES). Give this or role.' })
  customRoleId?: string | null;
}

/**
 * The columns for a choice of role: a system role alone, or a custom role with its masking
 * profile as the role (the database checks the two agree, and that the custom role is live).
 * Nobody gives a role with more than they hold (assertWithinOwn).
 */
export async function chosenRole(data: DataAccess, choice: RoleChoice): Promise<{ role: Role; customRoleId: string | null }> {
  if ((choice.role == null) === (choice.customRoleId == null)) {
    throw AppError.badInput([{ field: 'input.role', rule: 'exactlyOne', message: 'give exactly one of role and customRoleId' }]);
  }
  const caller = data.requireCaller();
  if (choice.role != null) {
    assertWithinOwn(caller, systemRolePermissions(choice.role), 'input.role', `The role ${choice.role}`);
    return { role: choice.role, customRoleId: null };
  }
  data.requireFeature(Feature.CUSTOM_ROLES, 'A custom role');
  const id = expectGlobalId(choice.customRoleId!, customRoleResource.typeName, 'input.customRoleId');
  const customRole = await data.byId<CustomRole>(customRoleResource, id);
  if (!customRole) throw AppError.badInput([{ field: 'input.customRoleId', rule: 'exists', message: 'no such custom role in the tenant' }]);
  assertWithinOwn(caller, customRole.permissions, 'input.customRoleId', `The role ${customRole.name}`);
  return { role: customRole.maskingProfile, customRoleId: id };
}
