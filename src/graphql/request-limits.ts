import { Lexer, Source, TokenKind } from 'graphql';
import { AppError, FieldProblem } from '../errors/app-error';

/**
 * Limits on the shape of a request, checked before anything recursive touches it: graphql-js
 * parses, validates and coerces recursively, so an unbounded nesting overflows the stack, and
 * an unbounded size costs seconds of CPU. Configured in src/config.ts, listed in the README.
 */
export interface RequestLimits {
  /** Lexical tokens in a document (also graphql-js's own parse limit). */
  maxTokens: number;
  /** `{`, `[` and `(` nested inside each other in a document, and objects and lists in the variables. */
  maxNesting: number;
  /** Fields and fragments nested inside each other in an operation, through fragment spreads. */
  maxDepth: number;
  /** Variables given with one request. */
  maxVariables: number;
  /** Values (scalars, objects, lists, and their entries) in all variables together. */
  maxVariableValues: number;
  /** Conditions (field operators and `and`/`or`/`not` branches) in one filter. */
  maxFilterConditions: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxTokens: 5_000,
  maxNesting: 40,
  maxDepth: 20,
  maxVariables: 100,
  maxVariableValues: 10_000,
  maxFilterConditions: 200,
};

export function limitExceeded(message: string, extensions: Record<string, number | string>): AppError {
  return new AppError('LIMIT_EXCEEDED', message, extensions);
}

const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Text PostgreSQL cannot store as sent, refused up front naming where it was found: NUL (text
 * cannot hold it) and a lone UTF-16 surrogate (not a character: it would be stored as U+FFFD,
 * and some validators throw on it).
 */
export function textProblem(value: string, field: string): FieldProblem | null {
  if (value.includes('\u0000')) return { field, rule: 'noNulCharacter', message: 'must not contain the NUL character (\\u0000)' };
  if (LONE_SURROGATE.test(value)) return { field, rule: 'wellFormedUnicode', message: 'must be well-formed Unicode (a lone surrogate is not a character)' };
  return null;
}

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * Counts a document's tokens and bracket nesting with graphql-js's own lexer, which is not
 * recursive. A syntax error is left for the parser to report.
 */
export function checkDocumentText(text: string, limits: RequestLimits): AppError | null {
  const lexer = new Lexer(new Source(text));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > limits.maxTokens) {
        return limitExceeded(`Query too large: more than ${limits.maxTokens} tokens`, { maxTokens: limits.maxTokens });
      }
      if (OPENING.has(token.kind) && ++nesting > limits.maxNesting) {
        return limitExceeded(`Query nested too deeply: more than ${limits.maxNesting} levels of braces, brackets or parentheses`, { maxNesting: limits.maxNesting });
      }
      if (CLOSING.has(token.kind)) nesting--;
    }
  } catch {
    return null;
  }
  return null;
}

/**
 * Walks the variables without recursion: their number, the values in them, how deep they nest,
 * and NUL characters in any string (named by path, e.g. `variables.input.firstName`).
 */
export function checkVariables(variables: unknown, limits: RequestLimits): AppError | null {
  if (variables === null || variables === undefined || typeof variables !== 'object' || Array.isArray(variables)) return null;
  const count = Object.keys(variables).length;
  if (count > limits.maxVariables) {
    return limitExceeded(`Too many variables: ${count} exceed the limit of ${limits.maxVariables}`, { maxVariables: limits.maxVariables });
  }
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: variables, path: 'variables', depth: 0 }];
  let values = 0;
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (++values > limits.maxVariableValues) {
      return limitExceeded(`Variables too large: more than ${limits.maxVariableValues} values`, { maxVariableValues: limits.maxVariableValues });
    }
    if (typeof value === 'string') {
      const problem = textProblem(value, path);
      if (problem) return AppError.badInput([problem]);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limits.maxNesting) {
      return limitExceeded(`Variables nested too deeply: more than ${limits.maxNesting} levels`, { maxNesting: limits.maxNesting });
    }
    if (Array.isArray(value)) value.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
    else {
      for (const [key, item] of Object.entries(value)) {
        const problem = textProblem(key, path);
        if (problem) return AppError.badInput([problem]);
        stack.push({ value: item, path: `${path}.${key}`, depth: depth + 1 });
      }
    }
  }
  return null;
}
