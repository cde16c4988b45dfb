/**
 * The database role that serves requests. It is created NOLOGIN by the first migration and
 * given a password at start-up; it owns nothing, is not a superuser and has no BYPASSRLS, so
 * row-level security always applies to it (checked at start-up by assertRequestRoleIsSafe).
 */
export const APP_DB_ROLE = 'caregraph_app';
