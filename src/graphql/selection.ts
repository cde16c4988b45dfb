import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import type { Selection } from '../data/selection';

/**
 * Fields selected directly in `selectionSet`, through fragments and inline fragments. A
 * fragment on another type of an interface is included too, and @skip/@include are ignored:
 * selecting a column too many is harmless, one too few is not.
 */
export function collectFields(selectionSet: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, into: FieldNode[] = []): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === 'Field') into.push(selection);
    else if (selection.kind === 'InlineFragment') collectFields(selection.selectionSet, fragments, into);
    else collectFields(fragments[selection.name.value]?.selectionSet, fragments, into);
  }
  return into;
}

const named = (fields: FieldNode[], name: string) => fields.filter((f) => f.name.value === name);
const childFields = (fields: FieldNode[], fragments: Record<string, FragmentDefinitionNode>) =>
  fields.flatMap((f) => collectFields(f.selectionSet, fragments));

function toSelection(nodeFields: FieldNode[], cursors: boolean): Selection {
  const fields = new Set(nodeFields.map((f) => f.name.value));
  return { fields, cursors, key: [...fields].sort().join(',') + (cursors ? '|cursors' : '') };
}

// Per field node: Apollo reuses parsed documents, so each query is analysed once.
const objectCache = new WeakMap<FieldNode, Selection>();
const connectionCache = new WeakMap<FieldNode, Selection>();

/** The fields selected on the object this resolver returns. */
export function objectSelection(info: GraphQLResolveInfo): Selection {
  const first = info.fieldNodes[0];
  let selection = objectCache.get(first);
  if (!selection) {
    selection = toSelection(childFields([...info.fieldNodes], info.fragments), false);
    objectCache.set(first, selection);
  }
  return selection;
}

/** The fields selected on the nodes (`nodes { … }`, `edges { node { … } }`) of the connection this resolver returns. */
export function connectionSelection(info: GraphQLResolveInfo): Selection {
  const first = info.fieldNodes[0];
  let selection = connectionCache.get(first);
  if (!selection) {
    const { fragments } = info;
    const top = childFields([...info.fieldNodes], fragments);
    const edges = childFields(named(top, 'edges'), fragments);
    const pageInfo = childFields(named(top, 'pageInfo'), fragments);
    const nodeFields = [...childFields(named(top, 'nodes'), fragments), ...childFields(named(edges, 'node'), fragments)];
    const cursors = named(edges, 'cursor').length > 0 || pageInfo.some((f) => f.name.value === 'startCursor' || f.name.value === 'endCursor');
    selection = toSelection(nodeFields, cursors);
    connectionCache.set(first, selection);
  }
  return selection;
}
