import { AppError } from '../errors/app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Relay global id: opaque to clients, "<TypeName>:<uuid>" inside. */
export function toGlobalId(typeName: string, id: string): string {
  return Buffer.from(`${typeName}:${id}`).toString('base64url');
}

export function parseGlobalId(globalId: string): { typeName: string; id: string } | null {
  if (typeof globalId !== 'string' || globalId.length > 200) return null;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator <= 0) return null;
  const typeName = decoded.slice(0, separator);
  const id = decoded.slice(separator + 1);
  return isUuid(id) ? { typeName, id: id.toLowerCase() } : null;
}

/** Decodes an id argument that must name a `typeName`, or fails naming the field. */
export function expectGlobalId(globalId: string, typeName: string, field: string): string {
  const parsed = parseGlobalId(globalId);
  if (!parsed || parsed.typeName !== typeName) {
    throw AppError.badInput([{ field, rule: 'globalId', message: `${field} must be a ${typeName} id` }]);
  }
  return parsed.id;
}
