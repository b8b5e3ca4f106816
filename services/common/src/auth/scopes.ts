import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { forbidden, type DomainError } from '../errors/codes';
import { isMachine, type Principal, type Scope } from './roles';

/**
 * The acts an integration partner performs, and the fine scope a machine caller (API key) needs for
 * each on top of `write`. Staff are governed by their roles (policy tables), not by these scopes:
 * a cashier registering a payment carries `read`/`write` like every human token.
 */
export const FINE_SCOPES: Readonly<Record<string, Scope>> = Object.freeze({
  registerPayment: 'payments:write',
  importInvoice: 'billing:write',
  // What a bot or IVR does with a digital request: file it, and attach the documents it collected.
  receiveDigitalSaleRequest: 'digital-requests:write',
  receiveDigitalSaleRequirements: 'digital-requests:write',
});

export type OperationKind = 'query' | 'mutation' | 'subscription';

/**
 * Deny by default: the refusal for an operation of `kind` selecting `rootFields`, or null when the
 * caller's scopes allow it. Queries need `read`; mutations need `write` (a REPORTING machine never
 * writes, whatever its scopes) and, for a machine caller, the fine scope of each partner act.
 */
export function scopeRefusal(principal: Principal, kind: OperationKind, rootFields: readonly string[]): DomainError | null {
  if (kind !== 'mutation') {
    return principal.scopes.includes('read') ? null : forbidden(`Scope 'read' required to query`);
  }
  if (isMachine(principal) && !principal.roles.includes('PARTNER')) {
    return forbidden(`Role ${principal.roles.join('/')} may not change anything`);
  }
  if (!principal.scopes.includes('write')) return forbidden(`Scope 'write' required to change anything`);
  if (!isMachine(principal)) return null;
  for (const field of rootFields) {
    const fine = FINE_SCOPES[field];
    if (fine && !principal.scopes.includes(fine)) return forbidden(`Scope '${fine}' required to ${field}`);
  }
  return null;
}

/** The root field names an operation selects, through inline fragments and fragment spreads. */
export function rootFieldsOf(operation: OperationDefinitionNode, document: DocumentNode): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) names.add(sel.name.value);
      else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
      else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        const fragment = fragments.get(sel.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return [...names];
}
