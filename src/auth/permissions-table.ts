import { Role } from '../entities/enums';
import { buildCareGraphSchema } from '../schema';
import { OPERATIONS, PERMISSIONS } from './permissions';

/**
 * The README's "Roles and permissions" table, from PERMISSIONS and the schema: an operation the
 * API does not offer (yet) shows "–" rather than a permission nobody can use.
 */
export function permissionsMarkdown(): string {
  const roles = Object.values(Role);
  const schema = buildCareGraphSchema();
  const mutations = schema.getMutationType()!.getFields();
  const lines = [`| resource | operation | ${roles.join(' | ')} |`, `|---|---|${roles.map(() => ':-:').join('|')}|`];
  for (const [resource, operations] of Object.entries(PERMISSIONS)) {
    for (const operation of OPERATIONS) {
      const offered = operation === 'read' || `${operation}${resource}` in mutations;
      const allowed = operations[operation] as readonly Role[];
      const cells = roles.map((role) => (!offered ? '–' : allowed.includes(role) ? '✓' : ''));
      lines.push(`| ${resource} | ${operation} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}
