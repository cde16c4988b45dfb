import type { DataAccess } from './data-access';
import { AppError } from '../errors/app-error';
import { refusalFor, type Permission } from '../auth/permissions';

/** The caller's care professional record in the tenant, or null (members need not be one). */
export async function callerProfessionalId(data: DataAccess): Promise<string | null> {
  const caller = data.requireCaller();
  const [row] = await data.db.query<{ id: string }>(
    'SELECT id FROM care_professionals WHERE tenant_id = $1 AND user_id = $2 AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1',
    [caller.tenantId, caller.userId],
  );
  return row?.id ?? null;
}

/**
 * Whether the caller may name `professionalId` as the professional who acted (a prescriber, a
 * record's author, the one taking time off): their own record, or anyone's with `permission`
 * (an admin recording a paper prescription). The database is asked only without the permission.
 */
export async function mayActAs(data: DataAccess, professionalId: string | null | undefined, permission: Permission): Promise<boolean> {
  if (!refusalFor(data.requireCaller(), permission)) return true;
  return professionalId != null && professionalId === (await callerProfessionalId(data));
}

/** Each request's answer, asked once: an action that writes a journey change and a feed entry names the same member. */
const memberIds = new WeakMap<DataAccess, Promise<string>>();

/** The caller's membership of the tenant (a Member's id). Every verified caller has one. */
export function callerMemberId(data: DataAccess): Promise<string> {
  let memberId = memberIds.get(data);
  if (!memberId) {
    const caller = data.requireCaller();
    memberId = data.db
      .query<{ id: string }>('SELECT id FROM memberships WHERE tenant_id = $1 AND user_id = $2 AND deleted_at IS NULL', [caller.tenantId, caller.userId])
      .then(([row]) => {
        if (!row) throw AppError.unauthenticated();
        return row.id;
      });
    memberIds.set(data, memberId);
  }
  return memberId;
}
