import { Field, ID, InputType, Int } from 'type-graphql';
import { MaxLength, Min } from 'class-validator';
import type { InputDeclaration, Resource } from '../data/resource';
import { columnsOf, graphqlFieldOf } from '../data/entity-metadata';
import { IsNotBlank } from './validators';
import { namedClass } from './resource-types';

/** GraphQL input classes of the create and update mutations (update: `id` and `expectedVersion` plus the changes). */
export interface MutationInputs {
  create: new () => object;
  update: new () => { id: string; expectedVersion: number };
}

/**
 * `Create<Type>Input` and `Update<Type>Input` from a declaration's field lists: the GraphQL
 * types come from the entity's fields (ids for foreign keys), and the rules from its columns
 * (a varchar's length, no blank text where NULL is refused) plus any declared format rules.
 * Update takes `id`, `expectedVersion` and every field that may change, all optional.
 */
function generateInputs(resource: Resource, declaration: InputDeclaration): MutationInputs {
  const { typeName, entity } = resource;
  const columns = columnsOf(entity);
  const Create = namedClass(`Create${typeName}Input`);
  const Update = namedClass(`Update${typeName}Input`) as new () => { id: string; expectedVersion: number };
  Field(() => ID)(Update.prototype, 'id');
  Field(() => Int)(Update.prototype, 'expectedVersion');
  Min(1)(Update.prototype, 'expectedVersion');
  const required = new Set(declaration.required);
  const immutable = new Set(declaration.immutable ?? []);
  for (const property of [...declaration.required, ...(declaration.optional ?? [])]) {
    const column = columns.get(property);
    if (!column) throw new Error(`${typeName} input ${property} is not a column`);
    const relation = resource.relations?.[property];
    const field = relation ? undefined : graphqlFieldOf(entity, property);
    if (!relation && !field) throw new Error(`${typeName} input ${property} has no GraphQL field to take its type from`);
    // A list field (`[Permission]`) takes a list in its inputs too (type-graphql knows it once the type is read).
    const fieldType = relation ? ID : field!.getType();
    const type = !relation && field!.typeOptions?.array ? [fieldType] : fieldType;
    let description = declaration.descriptions?.[property] ?? (relation ? `${/^[AEIOU]/.test(relation.target().typeName) ? 'An' : 'A'} ${relation.target().typeName} id.` : field!.description);
    if (resource.status?.property === property) {
      const [first, ...others] = resource.status.initial;
      description ??= `Starts ${others.length ? `${[first, ...others].join(' or ')} (default ${first})` : first}; then moves only along allowed transitions.`;
    }
    const rules: PropertyDecorator[] = [];
    if (type === String && column.length) rules.push(MaxLength(column.length));
    if (type === String && !column.nullable) rules.push(IsNotBlank());
    rules.push(...(declaration.validate?.[property] ?? []));
    const targets: Array<[Function, boolean]> = [[Create, !required.has(property)]];
    if (!immutable.has(property)) targets.push([Update, true]);
    for (const [cls, nullable] of targets) {
      Field(() => type as never, { nullable, description })(cls.prototype, property);
      for (const rule of rules) rule(cls.prototype, property);
    }
  }
  const described = declaration.typeDescriptions ?? {};
  InputType(`Create${typeName}Input`, { description: described.create })(Create);
  InputType(`Update${typeName}Input`, { description: described.update ?? 'Only the fields given change; null clears an optional field.' })(Update);
  return { create: Create, update: Update };
}

const generated = new Map<Resource, MutationInputs>();

/** The resource's mutation inputs, generated from its declaration once; undefined when it offers no mutations. */
export function mutationInputs(resource: Resource): MutationInputs | undefined {
  if (!resource.inputs) return undefined;
  let built = generated.get(resource);
  if (!built) generated.set(resource, (built = generateInputs(resource, resource.inputs)));
  return built;
}
