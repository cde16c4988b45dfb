import type { Role } from '../entities/enums';

/** The verified identity of a request, from its access token. */
export interface Caller {
  userId: string;
  tenantId: string;
  role: Role;
}
