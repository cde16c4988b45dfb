import { Role } from '../entities/enums';
import { buildCareGraphSchema } from '../schema';
import { RESOURCES } from '../resources';
import { OPERATIONS } from './permissions';

/**
 * The README's "Roles and permissions" table, from the registry and the schema: an operation the
 * API does not offer shows "–" rather than a permission nobody can use.
 */
export function permissionsMarkdown(): string {
  const roles = Object.values(Role);
  const schema = buildCareGraphSchema();
  const mutations = schema.getMutationType()!.getFields();
  const lines = [`| resource | operation | ${roles.join(' | ')} |`, `|---|---|${roles.map(() => ':-:').join('|')}|`];
  for (const { typeName, permissions } of RESOURCES) {
    for (const operation of OPERATIONS) {
      const offered = operation === 'read' || `${operation}${typeName}` in mutations;
      const cells = roles.map((role) => (!offered ? '–' : permissions[operation].includes(role) ? '✓' : ''));
      lines.push(`| ${typeName} | ${operation} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}
