import { GraphQLField, GraphQLInputType, isInputObjectType, isListType, isNonNullType } from 'graphql';
import { validate } from 'class-validator';
import { getMetadataStorage } from 'type-graphql';
import { VALIDATOR_OPTIONS } from './validators';

/**
 * The compiled read path's copy of type-graphql's argument validation, so that it answers only
 * arguments the resolvers would accept: the class-validator rules declared on the argument and
 * input classes (a filter's `in` lists hold at most 500 values, its strings at most 500
 * characters, …) run on instances of those classes, as type-graphql builds them
 * (convertArgsToInstance), with the same options (VALIDATOR_OPTIONS). The rules stay declared once, on the
 * classes; false means "leave the request to the resolvers", which report the problem.
 */

let inputClasses: Map<string, new () => object> | undefined;

/** GraphQL input type name → the class type-graphql built it from. */
function inputClass(name: string): (new () => object) | undefined {
  inputClasses ??= new Map(getMetadataStorage().inputTypes.map((t) => [t.name, t.target as new () => object]));
  return inputClasses.get(name);
}

function toInstance(type: GraphQLInputType, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (isNonNullType(type)) return toInstance(type.ofType, value);
  if (isListType(type)) return Array.isArray(value) ? value.map((item) => toInstance(type.ofType, item)) : value;
  if (!isInputObjectType(type)) return value;
  const fields = type.getFields();
  const converted: Record<string, unknown> = {};
  for (const [name, fieldValue] of Object.entries(value as Record<string, unknown>)) {
    converted[name] = fields[name] ? toInstance(fields[name].type, fieldValue) : fieldValue;
  }
  const Target = inputClass(type.name);
  return Target ? Object.assign(new Target(), converted) : converted;
}

/** Whether type-graphql would accept these (coerced) arguments of `field`, given the field's args class. */
export async function argumentsValid(field: GraphQLField<unknown, unknown>, ArgsClass: new () => object, args: Record<string, unknown>): Promise<boolean> {
  const instance = new ArgsClass() as Record<string, unknown>;
  for (const arg of field.args) {
    if (args[arg.name] !== undefined) instance[arg.name] = toInstance(arg.type, args[arg.name]);
  }
  const errors = await validate(instance, VALIDATOR_OPTIONS);
  return errors.length === 0;
}
