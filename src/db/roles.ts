/**
 * The database role that serves requests. It is created NOLOGIN by the first migration and
 * given a password at start-up; it owns nothing, is not a superuser and has no BYPASSRLS, so
 * row-level security always applies to it (checked at start-up by assertRequestRoleIsSafe).
 */
export const APP_DB_ROLE = 'caregraph_app';

/**
 * The role that reads password hashes for login, and nothing else: it may only execute
 * `login_credentials`. Requests never run SQL as it, so no statement a request can make (even
 * an injected one) can reach a hash. Created NOLOGIN by a migration, given a password at start-up.
 */
export const AUTH_DB_ROLE = 'caregraph_auth';
