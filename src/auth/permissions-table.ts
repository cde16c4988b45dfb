import { Role } from '../entities/enums';
import { permissionCatalogue } from './permission-catalogue';

/**
 * The README's "Roles and permissions" table, from the permission catalogue: every operation
 * and action the API offers, its key (what a custom role lists), the feature it needs (if any),
 * and the system roles that have it.
 */
export function permissionsMarkdown(): string {
  const roles = Object.values(Role);
  const lines = [`| resource | operation | permission | feature | ${roles.join(' | ')} |`, `|---|---|---|---|${roles.map(() => ':-:').join('|')}|`];
  for (const permission of permissionCatalogue().values()) {
    const cells = roles.map((role) => (permission.roles.includes(role) ? '✓' : ''));
    lines.push(`| ${permission.subject} | ${permission.operation} | \`${permission.key}\` | ${permission.feature ?? ''} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
