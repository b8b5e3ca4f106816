import { Kind, type SelectionSetNode, type ValidationRule } from 'graphql';
import { limitExceeded } from './limit-error';

/**
 * Validation rule: reject operations that use more than `maxAliases` aliased fields. Aliases are the
 * cheap way to ask for the same expensive field many times in one request (`a1: report … a500: report`).
 * A fragment counts every time it is spread, because that is how often its fields are executed.
 */
export function aliasLimitRule(maxAliases: number): ValidationRule {
  return (context) => {
    const fragmentAliases = new Map<string, number>();
    const inProgress = new Set<string>();

    const aliasesIn = (selectionSet: SelectionSetNode): number => {
      let count = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.alias) count += 1;
          if (selection.selectionSet) count += aliasesIn(selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          count += aliasesIn(selection.selectionSet);
        } else {
          count += aliasesInFragment(selection.name.value);
        }
      }
      return count;
    };

    // Memoised per fragment so nested spreads cost linear time, however often they fan out.
    const aliasesInFragment = (name: string): number => {
      const known = fragmentAliases.get(name);
      if (known !== undefined) return known;
      const fragment = context.getFragment(name);
      if (!fragment || inProgress.has(name)) return 0;
      inProgress.add(name);
      const count = aliasesIn(fragment.selectionSet);
      inProgress.delete(name);
      fragmentAliases.set(name, count);
      return count;
    };

    return {
      OperationDefinition(node) {
        const count = aliasesIn(node.selectionSet);
        if (count > maxAliases) {
          context.reportError(limitExceeded(`Query uses ${count} aliases; the limit is ${maxAliases}`, node, 'aliases'));
        }
      },
    };
  };
}
