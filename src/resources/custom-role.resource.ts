import { ArrayMaxSize, ArrayUnique } from 'class-validator';
import { CustomRole } from '../entities/custom-role.entity';
import { Feature, Role } from '../entities/enums';
import { assertReadsWhatItWrites, assertReadsWithinProfile, assertWithinOwn, EVERYONE } from '../auth/permissions';
import { AppError } from '../errors/app-error';
import { defineResource } from './define';
import { PARTNER_ADMINISTRATION } from './api-client.resource';

const SYSTEM_ROLE_NAMES = new Set<string>(Object.values(Role));

/** A custom role may not be mistaken for a system role (the database refuses it too: custom_roles_name_check). */
function assertNotSystemName(name: string | undefined): void {
  if (name !== undefined && SYSTEM_ROLE_NAMES.has(name.trim().toUpperCase())) {
    throw AppError.badInput([{ field: 'input.name', rule: 'systemRoleName', message: `is a system role’s name (${[...SYSTEM_ROLE_NAMES].join(', ')})` }]);
  }
}

/** Partner access hands out credentials: admins' only (the database issues keys for ADMIN members only), never a custom role's. */
function assertNoAdminOnly(permissions: readonly string[] | undefined): void {
  const found = (permissions ?? []).filter((p) => PARTNER_ADMINISTRATION.test(p));
  if (found.length) throw AppError.badInput([{ field: 'input.permissions', rule: 'adminOnly', message: `cannot include ${found.join(', ')}: API clients and trusted documents are administered by admins only` }]);
}

/**
 * Roles the tenant defines (migration CustomRoles): read by every member (what a colleague's role
 * may do is no secret), written by admins, behind the CUSTOM_ROLES feature. A role in use is not
 * deleted (CONFLICT, rule roleInUse); a change to its permissions applies from its members' next
 * token (their older ones are refused once, ACCESS_CHANGED).
 */
export const customRoleResource = defineResource<CustomRole>({
  typeName: 'CustomRole',
  entity: CustomRole,
  pluralField: 'customRoles',
  feature: Feature.CUSTOM_ROLES,
  filters: ['name', 'maskingProfile', 'createdAt', 'updatedAt'],
  orderBy: ['name', 'createdAt', 'updatedAt'],
  defaultOrder: [{ property: 'name', direction: 'ASC' }],
  permissions: { read: EVERYONE, create: [Role.ADMIN], update: [Role.ADMIN], delete: [Role.ADMIN], restore: [Role.ADMIN] },
  inputs: {
    required: ['name', 'maskingProfile', 'permissions'],
    optional: ['description'],
    immutable: ['maskingProfile'],
    descriptions: {
      maskingProfile: 'The system role (not ADMIN) whose view of rows and fields the role takes; fixed at creation.',
      permissions: 'Every permission the role gives, each once (at most 1,000); an empty list gives none.',
    },
    validate: { permissions: [ArrayUnique({ message: 'must not list a permission twice' }), ArrayMaxSize(1000)] },
  },
  rules: {
    beforeCreate(values, data) {
      values.name = values.name?.trim();
      assertNotSystemName(values.name);
      assertNoAdminOnly(values.permissions);
      assertWithinOwn(data.requireCaller(), values.permissions ?? [], 'input.permissions', 'The role');
      assertReadsWhatItWrites(values.permissions ?? [], 'input.permissions');
      if (values.maskingProfile === Role.ADMIN) {
        throw AppError.badInput([{ field: 'input.maskingProfile', rule: 'notAdmin', message: 'cannot be ADMIN: a custom role sees data as one of the other system roles' }]);
      }
      if (values.maskingProfile) assertReadsWithinProfile(values.permissions ?? [], values.maskingProfile, 'input.permissions');
    },
    beforeUpdate(current, changes, data) {
      if (changes.name !== undefined) changes.name = changes.name.trim();
      assertNotSystemName(changes.name);
      assertNoAdminOnly(changes.permissions);
      // Neither widen a role beyond your own permissions nor edit one that already has more.
      assertWithinOwn(data.requireCaller(), [...current.permissions, ...(changes.permissions ?? [])], 'input.permissions', `The role ${current.name}`);
      if (changes.permissions) {
        assertReadsWhatItWrites(changes.permissions, 'input.permissions');
        assertReadsWithinProfile(changes.permissions, current.maskingProfile, 'input.permissions');
      }
    },
  },
});
