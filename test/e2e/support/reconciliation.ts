/**
 * The reconciliation report (issue #12) as the e2e tests read it: every section of every subgraph, and
 * the one assertion each cross-subgraph flow ends with — nothing to reconcile.
 */
import { waitFor } from '@vinculo/common/testing';
import { ok } from './untyped-answers';

export const SECTIONS = ['customers', 'sales', 'postsale', 'collections', 'techsupport', 'proposals'] as const;
const SECTION = `subgraph discrepancies { invariant entityIds since detail } faults { id kind eventId type source reason since }`;
const FACT = `id kind customerId status ref items at`;
export const REPORT = `query($before: DateTime) { reconciliation(settledBefore: $before) {
  tenantId cutoff
  salesCompletedOrders { ${FACT} } salesPlacedOrders { ${FACT} }
  postsaleSubscriptions { ${FACT} } postsaleWorkOrderNeeds { ${FACT} } postsaleCharges { ${FACT} } techsupportCharges { ${FACT} }
  ${SECTIONS.map((s) => `${s} { ${SECTION} }`).join('\n  ')}
} }`;

export interface Found {
  section: string;
  invariant: string;
  entityIds: string[];
  since: string;
}

/** Every discrepancy of every section (a missing section is an error, never "nothing found"). */
export function discrepancies(rep: any): Found[] {
  return SECTIONS.flatMap((s) => {
    if (!rep[s]) throw new Error(`section ${s} missing`);
    return rep[s].discrepancies.map((d: any) => ({ section: s, invariant: d.invariant, entityIds: d.entityIds, since: d.since }));
  });
}

/** Every open event fault of every section. */
export const faults = (rep: any) => SECTIONS.flatMap((s) => rep[s].faults.map((f: any) => ({ section: s, ...f })));

/**
 * Waits until the tenant's report is empty (no discrepancy, no fault): settles what is still in flight
 * between subgraphs, then fails with the report's findings if they stay. `completedOrders`: the sales
 * orders the report must hold as completed and placed facts (an empty report over no facts proves
 * nothing).
 */
export async function expectReconciled(
  token: string,
  { completedOrders = [], timeoutMs = 90_000 }: { completedOrders?: string[]; timeoutMs?: number } = {},
): Promise<void> {
  let last: { found: Found[]; faults: unknown[]; missingFacts: string[] } = { found: [], faults: [], missingFacts: [] };
  try {
    await waitFor(
      'the reconciliation report empty',
      async () => {
        const rep = (await ok(token, REPORT)).reconciliation;
        const has = (facts: { id: string }[], id: string) => facts.some((f) => f.id === id);
        const missingFacts = completedOrders.filter((id) => !has(rep.salesCompletedOrders, id) || !has(rep.salesPlacedOrders, id));
        last = { found: discrepancies(rep), faults: faults(rep), missingFacts };
        return last.found.length + last.faults.length + missingFacts.length === 0 ? true : undefined;
      },
      { timeoutMs, intervalMs: 500 },
    );
  } catch {
    expect(last).toEqual({ found: [], faults: [], missingFacts: [] });
  }
}
