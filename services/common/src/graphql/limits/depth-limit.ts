import { Kind, type SelectionSetNode, type ValidationRule } from 'graphql';
import { limitExceeded } from './limit-error';

/**
 * Validation rule: reject operations whose field nesting is deeper than `maxDepth` (root fields are
 * depth 1). Fragments are followed, so hiding depth in fragments does not help.
 *
 * Introspection fields (`__schema`, `__type`) are not counted: the IDE's schema query nests `ofType`
 * a dozen levels by design, and introspection is switched off in production anyway.
 */
export function depthLimitRule(maxDepth: number): ValidationRule {
  // Depths are measured up to cap only: we need to know "over the limit", not by how much, and the
  // cap bounds the recursion however deep a hostile document nests.
  const cap = maxDepth + 1;
  return (context) => {
    const fragmentDepth = new Map<string, number>();
    const inProgress = new Set<string>();

    // min(true depth, budget): recursion stops once the budget is spent.
    const depthOf = (selectionSet: SelectionSetNode, budget: number): number => {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        let depth: number;
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue;
          depth = 1 + (selection.selectionSet && budget > 1 ? depthOf(selection.selectionSet, budget - 1) : 0);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          depth = depthOf(selection.selectionSet, budget);
        } else {
          depth = Math.min(depthOfFragment(selection.name.value), budget);
        }
        deepest = Math.max(deepest, depth);
        if (deepest >= budget) return budget;
      }
      return deepest;
    };

    const depthOfFragment = (name: string): number => {
      const known = fragmentDepth.get(name);
      if (known !== undefined) return known;
      const fragment = context.getFragment(name);
      // Unknown fragments and cycles are reported by graphql-js's own rules; count them as flat here.
      if (!fragment || inProgress.has(name)) return 0;
      inProgress.add(name);
      const depth = depthOf(fragment.selectionSet, cap);
      inProgress.delete(name);
      fragmentDepth.set(name, depth);
      return depth;
    };

    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, cap);
        if (depth > maxDepth) {
          context.reportError(limitExceeded(`Query is nested deeper than the limit of ${maxDepth} levels`, node, 'depth'));
        }
      },
    };
  };
}
