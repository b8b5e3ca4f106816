import type { ReconciliationFact } from '@vinculo/common';
import { domainErrorOf } from '@vinculo/common/testing';
import { customersNotActivated, reportCutoff } from '../src/domain/reconciliation';
import type { CustomerStatus } from '../src/domain/customer';

const t = (hhmm: string) => new Date(`2026-11-24T${hhmm}:00.000Z`);
const cutoff = t('12:00');
const completed = (id: string, customerId: string, at = t('10:00')): ReconciliationFact => ({
  id,
  kind: null,
  customerId,
  status: 'COMPLETED',
  ref: null,
  items: [],
  at,
});

describe('customers in the reconciliation report', () => {
  it('R-CUS-ST3 CUSTOMER_NOT_ACTIVATED: the customer of a COMPLETED order still a PROSPECT, or unknown here', () => {
    const statuses: Record<string, CustomerStatus> = { 'c-prospect': 'PROSPECT', 'c-active': 'ACTIVE', 'c-churned': 'CHURNED' };
    const found = customersNotActivated(
      [
        completed('so-1', 'c-prospect'),
        completed('so-2', 'c-active'),
        completed('so-3', 'c-churned'),
        completed('so-4', 'c-unknown'),
        completed('so-5', 'c-prospect', t('12:01')),
      ],
      cutoff,
      (id) => statuses[id],
    );
    expect(found.map((d) => [d.invariant, d.entityIds, d.since])).toEqual([
      ['CUSTOMER_NOT_ACTIVATED', ['c-prospect', 'so-1'], t('10:00')],
      ['CUSTOMER_NOT_ACTIVATED', ['c-unknown', 'so-4'], t('10:00')],
    ]);
  });

  it('the report’s cutoff is settledBefore, else now; never in the future (work in flight would be reported)', () => {
    const now = t('12:00');
    expect(reportCutoff(null, now)).toEqual(now);
    expect(reportCutoff(t('11:00'), now)).toEqual(t('11:00'));
    expect(domainErrorOf(() => reportCutoff(t('12:01'), now)).kind).toBe('invalid_input');
  });
});
