import { createHash, randomBytes } from 'node:crypto';

/**
 * An invitation token is `<tenant slug>.<32 random bytes, base64url>`: the slug tells the
 * database which tenant to look in (row-level security needs it before anything is read), the
 * random part is the secret. Only its SHA-256 is stored.
 */
export function newInvitationToken(tenantSlug: string): { token: string; tokenHash: string } {
  const token = `${tenantSlug}.${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: tokenHash(token) };
}

export const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A tenant slug as the database accepts it (tenants_slug_check): lower-case words joined by single hyphens. */
export const TENANT_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TOKEN = new RegExp(`^(${TENANT_SLUG.source.slice(1, -1)})\\.([A-Za-z0-9_-]{43})$`);

/** The slug and hash of a well-formed token, or null. */
export function parseInvitationToken(token: string): { tenantSlug: string; tokenHash: string } | null {
  const match = TOKEN.exec(token);
  return match ? { tenantSlug: match[1], tokenHash: tokenHash(token) } : null;
}

/** The link an invitee follows: the web app reads the token and calls `acceptInvitation`. */
export const acceptUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}/accept-invitation?token=${encodeURIComponent(token)}`;

/** How long an invitation stays valid unless said otherwise. */
export const INVITATION_DAYS = 7;
