import pino, { Logger } from 'pino';

/** JSON logs on stdout (pino): cheap on the hot path, and what log collectors expect. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'caregraph' }, redact: ['req.headers.authorization', 'req.headers["x-api-key"]', '*.password', '*.passwordHash', '*.key', '*.apiKey'] });
}
