import { domainErrorOf } from '@vinculo/common/testing';
import { definePlan, priceLine } from '../src/domain/catalog';
import {
  activationItems,
  checkCompletionCall,
  checkRequirements,
  checkServiceInstalled,
  entryDifferences,
  executeOrder,
  type SalesOrderState,
} from '../src/domain/sales-order';

const at = new Date('2026-03-10T15:00:00Z');
const plan = definePlan({
  code: 'FIB-100',
  name: 'Fibra 100',
  family: 'INTERNET',
  technology: 'FIBER',
  speedMbps: 100,
  monthlyFeeMinor: 25000,
  installationCostMinor: 10000,
  minimumPermanenceMonths: 12,
});
const tv = definePlan({ code: 'TV-BASIC', name: 'TV', family: 'PAY_TV', technology: 'COAX', monthlyFeeMinor: 9000, installationCostMinor: 0 });
const accepted = [priceLine(plan, null, '2026-03-10'), priceLine(tv, null, '2026-03-10')];
const asEntered = accepted.map((l) => ({
  planCode: l.planCode,
  promotionCode: l.promotionCode,
  monthlyFeeMinor: l.monthlyFeeMinor,
  installationCostMinor: l.installationCostMinor,
}));

const order = (enteredLines = asEntered): SalesOrderState => ({
  status: 'ENTERED',
  currency: 'BOB',
  installationAddress: 'Av. Ballivián 123',
  acceptedLines: accepted,
  enteredLines,
  requirementDocuments: [],
  entryChecks: [],
  workOrders: [],
  serviceNumber: null,
  qualityCall: null,
  history: [{ from: null, to: 'ENTERED', by: 'clerk', at, note: null }],
});
const meta = { by: 'clerk', at };

describe('sales order', () => {
  it('R-SAL-3 entry quality control passes only when the entry equals the accepted offer (order of lines irrelevant)', () => {
    expect(entryDifferences({ lines: accepted, installationAddress: 'A 1' }, { lines: [...asEntered].reverse(), installationAddress: 'A 1' }, 'BOB')).toEqual(
      [],
    );
    const typo = asEntered.map((l, i) => (i === 0 ? { ...l, monthlyFeeMinor: 25001 } : l));
    expect(entryDifferences({ lines: accepted, installationAddress: 'A 1' }, { lines: typo, installationAddress: 'A 1' }, 'BOB')).toEqual([
      'line 1 monthly fee: entered 250.01, accepted 250.00',
    ]);
    const cost = asEntered.map((l, i) => (i === 1 ? { ...l, installationCostMinor: 1 } : l));
    expect(entryDifferences({ lines: accepted, installationAddress: 'A 1' }, { lines: cost, installationAddress: 'A 1' }, 'BOB')).toEqual([
      'line 2 installation cost: entered 0.01, accepted 0.00',
    ]);
    const promo = asEntered.map((l, i) => (i === 0 ? { ...l, promotionCode: 'PROMO-X' } : l));
    expect(entryDifferences({ lines: accepted, installationAddress: 'A 1' }, { lines: promo, installationAddress: 'A 1' }, 'BOB')).toEqual([
      'line 1 promotion: entered PROMO-X, accepted none',
    ]);
    expect(entryDifferences({ lines: accepted, installationAddress: 'A 1' }, { lines: asEntered.slice(1), installationAddress: 'A 2' }, 'BOB')).toEqual(
      expect.arrayContaining(['lines: entered 1, accepted 2', 'installation address: entered "A 2", accepted "A 1"']),
    );
  });

  it('R-SAL-3 a differing entry is RETURNED with the differences, corrected, then PLACED', () => {
    const wrong = asEntered.map((l, i) => (i === 1 ? { ...l, planCode: 'TV-PLUS' } : l));
    const returned = executeOrder(order(wrong), { kind: 'checkEntry' }, meta).state;
    expect(returned.status).toBe('RETURNED');
    expect(returned.entryChecks[0]!.differences).toEqual(expect.arrayContaining([expect.stringContaining('plan: entered TV-PLUS, accepted TV-BASIC')]));
    expect(domainErrorOf(() => executeOrder(returned, { kind: 'checkEntry' }, meta)).details.rule).toBe('R-SAL-3');
    const corrected = executeOrder(returned, { kind: 'correctEntry', lines: asEntered, installationAddress: 'x' }, meta).state;
    expect(corrected.status).toBe('ENTERED');
    expect(executeOrder(corrected, { kind: 'checkEntry' }, meta).state.status).toBe('PLACED');
  });

  it('installation closed RESOLVED → INSTALLED; UNRESOLVED → technical follow-up; the same event twice has one effect', () => {
    const placed = executeOrder(order(), { kind: 'checkEntry' }, meta).state;
    const follow = executeOrder(
      placed,
      { kind: 'workOrderClosed', workOrderId: 'wo1', outcome: 'CLOSED_UNRESOLVED', serviceNumber: null, eventId: 'e1' },
      meta,
    ).state;
    expect(follow.status).toBe('TECHNICAL_FOLLOW_UP');
    expect(
      executeOrder(follow, { kind: 'workOrderClosed', workOrderId: 'wo1', outcome: 'CLOSED_UNRESOLVED', serviceNumber: null, eventId: 'e1' }, meta).events,
    ).toEqual([]);
    const installed = executeOrder(
      follow,
      { kind: 'workOrderClosed', workOrderId: 'wo2', outcome: 'CLOSED_RESOLVED', serviceNumber: '4-4556677', eventId: 'e2' },
      meta,
    ).state;
    expect(installed).toMatchObject({ status: 'INSTALLED', serviceNumber: '4-4556677' });
    expect(executeOrder(installed, { kind: 'qualityCall', outcome: 'NOT_OK', note: 'no signal' }, meta).state.status).toBe('TECHNICAL_FOLLOW_UP');
    const done = executeOrder(installed, { kind: 'qualityCall', outcome: 'OK' }, meta).state;
    expect(done.status).toBe('COMPLETED');
    expect(domainErrorOf(() => executeOrder(done, { kind: 'qualityCall', outcome: 'OK' }, meta)).message).toContain('COMPLETED');
  });

  it("R-DIG-3 each channel completes its orders by its own call: the digital agent's satisfaction call, the executive's quality-control call", () => {
    expect(domainErrorOf(() => checkCompletionCall('DIGITAL_SALE', 'QUALITY_CALL'))).toMatchObject({ kind: 'rule_violated', details: { rule: 'R-DIG-3' } });
    expect(domainErrorOf(() => checkCompletionCall('SALE_PROJECT', 'SATISFACTION_CALL')).details.rule).toBe('R-DIG-3');
    expect(() => checkCompletionCall('DIGITAL_SALE', 'SATISFACTION_CALL')).not.toThrow();
    for (const origin of ['SALE_PROJECT', 'DIRECT', undefined] as const) expect(() => checkCompletionCall(origin, 'QUALITY_CALL')).not.toThrow();
    expect(() => checkServiceInstalled('so-1', 'INSTALLED')).not.toThrow();
    expect(domainErrorOf(() => checkServiceInstalled('so-1', 'PLACED')).message).toMatch(/so-1 is PLACED, the service is not installed yet/);
  });

  it('activation items: one per accepted line with its monthly fee; the service number on the first', () => {
    expect(activationItems('so-1', accepted, '4-111')).toEqual([
      {
        itemId: 'so-1-1',
        planCode: 'FIB-100',
        family: 'INTERNET',
        technology: 'FIBER',
        speedMbps: 100,
        monthlyFeeMinor: 25000,
        serviceNumber: '4-111',
        supplementaryServices: [],
        minimumPermanenceMonths: 12,
      },
      {
        itemId: 'so-1-2',
        planCode: 'TV-BASIC',
        family: 'PAY_TV',
        technology: 'COAX',
        monthlyFeeMinor: 9000,
        supplementaryServices: [],
        minimumPermanenceMonths: 0,
      },
    ]);
  });

  it('R-SAL-2 requirements: a business order needs letter, tax id, representative id and power of attorney', () => {
    const err = domainErrorOf(() => checkRequirements('R-SAL-2', 'BUSINESS', ['request_letter', 'TAX_ID']));
    expect(err.details.rule).toBe('R-SAL-2');
    expect(err.message).toContain('LEGAL_REPRESENTATIVE_ID, POWER_OF_ATTORNEY');
    expect(checkRequirements('R-SAL-2', 'PERSON', ['IDENTITY_CARD', 'REQUEST_LETTER'])).toEqual(['IDENTITY_CARD', 'REQUEST_LETTER']);
  });
});
