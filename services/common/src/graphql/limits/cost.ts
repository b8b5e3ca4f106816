import {
  getNamedType,
  isCompositeType,
  isListType,
  getNullableType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  isObjectType,
  isInterfaceType,
} from 'graphql';

/** How the cost of an operation is estimated; see operationCost. */
export interface CostModel {
  /** The size assumed for a list whose `first` is not given (the servers' default page). */
  defaultListSize: number;
  /**
   * Extra cost of a field by name pattern (`*Indicator` matches every name ending in `Indicator`), for
   * fields that do much more work than reading one object: an indicator scans a whole tenant.
   */
  fieldWeights: Readonly<Record<string, number>>;
}

export const DEFAULT_COST_MODEL: CostModel = {
  defaultListSize: 20,
  fieldWeights: { '*Indicator': 250, '*Indicators': 250, reconciliation: 1000 },
};

/**
 * Estimated cost of the operation `operationName` (or the only one) of `document`: every field that
 * returns an object costs 1 (leaves are free: they come with their object), plus its weight, times
 * the number of times it runs. A field with a `first` argument multiplies what is below it by that
 * argument (a literal or a variable; `defaultListSize` when absent; the page's `edges` list is that
 * page, not another multiplier), and a plain list by `defaultListSize` — that is how nested connections
 * multiply (`customers(first:100) → salesOrders(first:100) → workOrders(first:100)` = 10⁶ work
 * orders). Aliases count every time (each alias runs its field again), and so do fragment spreads.
 *
 * Pure and bounded: the walk stops once the cost passes `stopAbove` (the budget), so a hostile
 * document cannot make the estimate itself expensive. Returns undefined when the operation is not
 * found (graphql-js reports that).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | undefined,
  model: CostModel = DEFAULT_COST_MODEL,
  stopAbove = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) return undefined;
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const weights = Object.entries(model.fieldWeights);
  const weightOf = (name: string): number => {
    for (const [pattern, weight] of weights) {
      if (pattern.startsWith('*') ? name.endsWith(pattern.slice(1)) : name === pattern) return weight;
    }
    return 0;
  };

  const sizeOf = (node: FieldNode): number | undefined => {
    const arg = node.arguments?.find((a) => a.name.value === 'first');
    if (!arg) return undefined;
    return positiveInt(arg.value, variables) ?? model.defaultListSize;
  };

  let total = 0;
  // Fragments spread in fragments fan out exponentially even over leaves: past this many visited
  // selections the operation is over any budget.
  let steps = 0;
  const inProgress = new Set<string>();
  // Cost of one run of `selectionSet` on `type`, `times` over; stops early once over the budget.
  // `inPage`: directly below a field with `first`, where the list (`edges`, `nodes`) is that page.
  const walk = (selectionSet: SelectionSetNode, type: GraphQLCompositeType, times: number, inPage: boolean): void => {
    for (const selection of selectionSet.selections) {
      if (total > stopAbove) return;
      if (++steps > MAX_STEPS) {
        total = Number.POSITIVE_INFINITY;
        return;
      }
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
        if (!field) continue; // unknown fields are graphql-js's to report
        const named = getNamedType(field.type);
        if (!isCompositeType(named)) continue;
        total += times * (1 + weightOf(name));
        if (!selection.selectionSet) continue;
        if (field.args.some((a) => a.name === 'first')) {
          // A connection: what is below runs once per row of the page.
          walk(selection.selectionSet, named, times * (sizeOf(selection) ?? model.defaultListSize), true);
        } else {
          // A plain list (e.g. contacts) counts as a default page, unless it is the page just sized.
          const list = isListType(getNullableType(field.type));
          walk(selection.selectionSet, named, list && !inPage ? times * model.defaultListSize : times, false);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        walk(selection.selectionSet, on && isCompositeType(on) ? on : type, times, inPage);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || inProgress.has(fragment.name.value)) continue;
        const on = schema.getType(fragment.typeCondition.name.value);
        inProgress.add(fragment.name.value);
        walk(fragment.selectionSet, on && isCompositeType(on) ? on : type, times, inPage);
        inProgress.delete(fragment.name.value);
      }
    }
  };
  walk(operation.selectionSet, rootType, 1, false);
  return total;
}

const MAX_STEPS = 50_000;

/** A literal or variable `first`; undefined when absent or not a positive integer (validated elsewhere). */
function positiveInt(value: ValueNode, variables: Readonly<Record<string, unknown>> | undefined): number | undefined {
  let n: unknown;
  if (value.kind === Kind.INT) n = Number(value.value);
  else if (value.kind === Kind.VARIABLE) n = variables?.[value.name.value];
  else return undefined;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}
