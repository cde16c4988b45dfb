import { createHash } from 'node:crypto';
import {
  ASTNode,
  DocumentNode,
  FragmentDefinitionNode,
  getVariableValues,
  GraphQLError,
  GraphQLSchema,
  isNonNullType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  TypeInfo,
  ValueNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { AppError, FieldProblem } from '../errors/app-error';
import { countSelections, queryCost } from './query-cost';
import { limitExceeded, RequestLimits, textProblem } from './request-limits';
// Made only here: variables as graphql-js coerced them against the operation's definitions, the
// only kind any code before execution (the compiled read path, the cost) may read.
import type { CoercedVariables } from '../data/read-plan';

/** What the checks leave on the request context for later hooks. */
export interface CheckedOperation {
  variables?: CoercedVariables;
}

export interface OperationLimits extends RequestLimits {
  maxCost: number;
  maxSelections: number;
}

/** An error thrown from a plugin hook: Apollo answers 500 unless the error names its status. */
export function requestError(error: AppError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: { http: { status: 400 } } });
}

/**
 * The operation's depth (fields and fragments nested inside each other, through fragment
 * spreads) and text PostgreSQL cannot store in its literal strings (textProblem). Each fragment is walked once
 * (memoised), and the walk stops as soon as the depth limit is passed, so neither deep nor
 * exponentially spread fragments can make it recurse or loop without bound. Validation has
 * already refused fragment cycles.
 */
export function checkShape(document: DocumentNode, operation: OperationDefinitionNode, maxDepth: number): AppError | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fragmentDepth = new Map<string, number>();
  let problem: AppError | null = null;

  // Literal values nest at most RequestLimits.maxNesting deep (checked on the text): bounded recursion.
  const checkValue = (value: ValueNode, path: string): void => {
    if (problem) return;
    if (value.kind === Kind.STRING) {
      const text = textProblem(value.value, path);
      if (text) problem = AppError.badInput([text]);
    }
    else if (value.kind === Kind.LIST) value.values.forEach((v, i) => checkValue(v, `${path}[${i}]`));
    else if (value.kind === Kind.OBJECT) value.fields.forEach((f) => checkValue(f.value, `${path}.${f.name.value}`));
  };
  const checkArguments = (node: ASTNode & { arguments?: readonly { name: { value: string }; value: ValueNode }[] }, owner: string) => {
    for (const argument of node.arguments ?? []) checkValue(argument.value, `${owner}.${argument.name.value}`);
  };

  /** Depth below `selectionSet`, which sits at `depth`; stops (returns early) once past the limit. */
  const depthOf = (selectionSet: SelectionSetNode | undefined, depth: number): number => {
    if (!selectionSet) return 0;
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (problem || depth + 1 > maxDepth) {
        problem ??= limitExceeded(`Query nested too deeply: more than ${maxDepth} levels of fields and fragments`, { maxDepth });
        return deepest;
      }
      for (const directive of selection.directives ?? []) checkArguments(directive, `@${directive.name.value}`);
      let below: number;
      if (selection.kind === Kind.FIELD) {
        checkArguments(selection, selection.alias?.value ?? selection.name.value);
        below = depthOf(selection.selectionSet, depth + 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        below = depthOf(selection.selectionSet, depth + 1);
      } else {
        const name = selection.name.value;
        below = fragmentDepth.get(name) ?? -1;
        if (below < 0) {
          below = depthOf(fragments.get(name)?.selectionSet, depth + 1);
          if (!problem) fragmentDepth.set(name, below);
        }
      }
      deepest = Math.max(deepest, 1 + below);
    }
    return deepest;
  };

  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) checkValue(definition.defaultValue, `$${definition.variable.name.value}`);
  }
  depthOf(operation.selectionSet, 0);
  return problem;
}

/**
 * Variables used where a value is required (a non-null argument, input field or list item).
 * Validation lets a nullable variable with a default stand there, and graphql-js lets the
 * client pass an explicit null for it, which then fails at execution: found here instead.
 */
function requiredVariableUses(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Set<string> {
  const typeInfo = new TypeInfo(schema);
  const names = new Set<string>();
  // This operation and the fragments (another operation of the document may use a same-named variable differently).
  const definitions = [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)];
  visit(
    { kind: Kind.DOCUMENT, definitions },
    visitWithTypeInfo(typeInfo, {
      Variable(node) {
        if (isNonNullType(typeInfo.getInputType())) names.add(node.name.value);
      },
    }),
  );
  return names;
}

/** `Variable "$input" got invalid value … at "input.dateOfBirth"; …` → `$input.dateOfBirth`. */
function variableProblem(error: GraphQLError): FieldProblem {
  const name = /Variable "\$([_A-Za-z][_0-9A-Za-z]*)"/.exec(error.message)?.[1] ?? '';
  const at = / at "([^"]*)"/.exec(error.message)?.[1];
  const missing = /was not provided|must not be null/.test(error.message);
  // A required input field left out: graphql-js names it only in the sentence (`Field "x" of required type …`).
  const absentField = /Field "([_A-Za-z][_0-9A-Za-z]*)" of required type .* was not provided/.exec(error.message)?.[1];
  return { field: `$${at ?? name}${absentField ? `.${absentField}` : ''}`, rule: missing ? 'required' : 'type', message: error.message };
}

/**
 * The checks every operation passes before anything executes, on either read path: depth and
 * literal strings, then the variables coerced by graphql-js against the operation's
 * definitions (a bad one is BAD_USER_INPUT naming it; the coerced values are what the
 * compiled read path and the cost see), then the selection count and the cost. A plugin hook
 * rather than validation rules: Apollo skips validation rules when a parsed document is cached.
 */
export function operationChecksPlugin<TContext extends CheckedOperation>(schema: GraphQLSchema, limits: OperationLimits): ApolloServerPlugin<TContext> {
  const { maxCost, maxSelections, maxDepth } = limits;
  // Per parsed document (Apollo reuses it for the same query text): shape and selection count
  // per operation, cost per operation and variables, so repeated queries are not re-walked.
  const measured = new WeakMap<DocumentNode, Map<string, unknown>>();
  const memo = <T>(document: DocumentNode, key: string, compute: () => T): T => {
    let byKey = measured.get(document);
    if (!byKey) measured.set(document, (byKey = new Map()));
    if (!byKey.has(key)) {
      if (byKey.size >= 100) byKey.clear(); // variables vary per request: bounded
      byKey.set(key, compute());
    }
    return byKey.get(key) as T;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          if (!operation) return; // Apollo has already refused it
          // graphql-js 16 validates no operation type against the schema (its executor would fail unexplained).
          if (!schema.getRootType(operation.operation)) {
            throw new GraphQLError(`This API has no ${operation.operation} operations`, { nodes: [operation], extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
          }
          const name = request.operationName ?? '';
          const shape = memo(document, `shape:${name}`, () => checkShape(document, operation, maxDepth));
          if (shape) throw requestError(shape);

          const coercion = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 20 });
          if (coercion.errors) throw requestError(AppError.badInput(coercion.errors.map(variableProblem)));
          const variables = coercion.coerced as CoercedVariables;
          const required = memo(document, `required:${name}`, () => requiredVariableUses(schema, document, operation));
          const nulls = [...required].filter((name) => variables[name] === null);
          if (nulls.length) {
            throw requestError(
              AppError.badInput(nulls.map((name) => ({ field: `$${name}`, rule: 'required', message: 'is used where a value is required: pass one, or leave the variable out to use its default' }))),
            );
          }
          contextValue.variables = variables;

          const selections = memo(document, `selections:${name}`, () => countSelections(document, request.operationName));
          if (selections > maxSelections) {
            throw requestError(
              limitExceeded(`Query too large: ${selections} field selections exceed the limit of ${maxSelections}. Use fewer aliases.`, { selections, maxSelections }),
            );
          }
          // graphql-query-complexity coerces the variables itself (they coerced above): it takes the
          // declared ones as sent. Memoised by their hash: a key holding the values themselves
          // would keep every large variable any client ever sent.
          // Only those sent: a key holding undefined would hide the variable's default from it
          // (`$if: Boolean = true` in `@include(if: $if)` then read as null: an internal error).
          const declared = Object.fromEntries(
            (operation.variableDefinitions ?? []).map(({ variable }) => [variable.name.value, request.variables?.[variable.name.value]]).filter(([, value]) => value !== undefined),
          );
          const variablesHash = createHash('sha256').update(JSON.stringify(declared)).digest('base64');
          const cost = memo(document, `cost:${name}:${variablesHash}`, () => queryCost(schema, document, request.operationName, declared));
          if (cost > maxCost) {
            throw requestError(
              limitExceeded(`Query too expensive: cost ${cost} exceeds the limit of ${maxCost}. Ask for smaller pages or fewer nested levels.`, { cost, maxCost }),
            );
          }
        },
      };
    },
  };
}
