/** Classes whose fields are arguments themselves (connection arguments), not one `input` argument; see format-error.ts. */
export const ARGS_TYPES = new WeakSet<object>();
