import { reconciliationScope, reconciliationSection, requiredFacts, settled, type EventFault } from '@vinculo/common';
import { domainErrorOf } from '@vinculo/common/testing';

const admin = { userId: 'u', tenantId: 'acme', roles: ['ADMIN' as const], scopes: ['read' as const] };
const cutoff = new Date('2026-11-24T12:00:00.000Z');
const fault = (id: string, since: string): EventFault => ({
  _id: id,
  kind: 'DEAD_LETTERED',
  tenantId: 'acme',
  eventId: `evt-${id}`,
  type: 'sales.SalesOrderPlaced',
  source: 'vinculo.sales.events',
  reason: 'contract violation',
  since: new Date(since),
  lastAt: new Date(since),
  attempts: 1,
  resolvedAt: null,
});

describe('reconciliation report kit', () => {
  it('the report is read for the caller’s own tenant only, with the cutoff a representation carries as a string', () => {
    expect(reconciliationScope({ tenantId: 'acme', cutoff: cutoff.toISOString(), salesCompletedOrders: [] }, admin)).toEqual({
      tenantId: 'acme',
      cutoff,
      salesCompletedOrders: [],
    });
    expect(domainErrorOf(() => reconciliationScope({ tenantId: 'other', cutoff: cutoff.toISOString() }, admin)).kind).toBe('forbidden');
    expect(domainErrorOf(() => reconciliationScope({ cutoff: cutoff.toISOString() }, admin)).kind).toBe('forbidden');
    expect(domainErrorOf(() => reconciliationScope({ tenantId: 'acme', cutoff: 'yesterday' }, admin)).kind).toBe('invalid_input');
  });

  it('R-REC-1 a section whose producer’s facts did not arrive fails (FAILED_PRECONDITION), never passes on no data', () => {
    const err = domainErrorOf(() => requiredFacts({ tenantId: 'acme', cutoff, salesCompletedOrders: null }, 'salesCompletedOrders', 'sales'));
    expect(err.kind).toBe('rule_violated');
    expect(err.details.rule).toBe('R-REC-1');
    expect(domainErrorOf(() => requiredFacts({ tenantId: 'acme', cutoff }, 'postsaleCharges', 'postsale')).details.rule).toBe('R-REC-1');
  });

  it('facts are parsed as the gateway carries them: time as a Date, absent fields as null / no items', () => {
    const facts = requiredFacts(
      {
        tenantId: 'acme',
        cutoff,
        salesCompletedOrders: [
          { id: 'so-1', at: '2026-11-24T10:00:00.000Z' },
          { id: 'so-2', customerId: 'c-1', items: ['so-2-1'], at: '2026-11-24T11:00:00.000Z' },
        ],
      },
      'salesCompletedOrders',
      'sales',
    );
    expect(facts).toEqual([
      { id: 'so-1', kind: null, customerId: null, status: null, ref: null, items: [], at: new Date('2026-11-24T10:00:00.000Z') },
      { id: 'so-2', kind: null, customerId: 'c-1', status: null, ref: null, items: ['so-2-1'], at: new Date('2026-11-24T11:00:00.000Z') },
    ]);
  });

  it('a fact at the cutoff is settled, one a millisecond later is in flight', () => {
    expect(settled(cutoff, cutoff)).toBe(true);
    expect(settled(new Date(cutoff.getTime() + 1), cutoff)).toBe(false);
  });

  it('a section lists discrepancies oldest first and the faults up to the cutoff, with their reason', () => {
    const d = (invariant: string, since: string) => ({ invariant, entityIds: ['x'], since: new Date(since), detail: invariant });
    const s = reconciliationSection(
      'sales',
      cutoff,
      [d('B', '2026-11-24T11:00:00Z'), d('A', '2026-11-24T09:00:00Z')],
      [fault('f1', '2026-11-24T08:00:00Z'), fault('f2', '2026-11-24T13:00:00Z')],
    );
    expect(s.subgraph).toBe('sales');
    expect(s.discrepancies.map((x) => x.invariant)).toEqual(['A', 'B']);
    expect(s.faults).toEqual([
      {
        id: 'f1',
        kind: 'DEAD_LETTERED',
        eventId: 'evt-f1',
        type: 'sales.SalesOrderPlaced',
        source: 'vinculo.sales.events',
        reason: 'contract violation',
        since: new Date('2026-11-24T08:00:00Z'),
        attempts: 1,
      },
    ]);
  });
});
