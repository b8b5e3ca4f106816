import { domainErrorOf } from '@vinculo/common/testing';
import {
  changeDigitalSale,
  checkCapacityFound,
  checkNoImpediment,
  estimatedExecution,
  receiveRequest,
  type DigitalSaleCommand,
  type DigitalSaleState,
} from '../src/domain/digital-sale';
import type { FeasibilityRecord } from '../src/domain/feasibility';

const at = new Date('2026-03-10T15:00:00Z');
const m = { by: 'agent', at, today: '2026-03-10' };
const ok: FeasibilityRecord = { feasible: true, reason: null, detail: null, technology: 'FIBER', nodeId: 'n1', checkedBy: 'agent', checkedAt: at };
const none: FeasibilityRecord = { ...ok, feasible: false, reason: 'NO_FREE_PORTS', detail: 'every FIBER node covering this location is full', nodeId: null };
const eligible = { eligible: true, reasons: [] };
const risk = { eligible: false, reasons: [{ kind: 'RISK_REGISTRY', detail: 'listed by ASFI' }] };
const loc = { latitude: -17.4, longitude: -66.1 };

const received = () => receiveRequest({ channel: 'WHATSAPP', identityCard: '4455667', planCode: 'FIB-100' }, m);
const run = (s: DigitalSaleState, ...cmds: DigitalSaleCommand[]) => cmds.reduce((st, c) => changeDigitalSale(st, c, m), s);

describe('digital sale (§2)', () => {
  it('R-DIG-1 an impediment closes the request NOT_FEASIBLE with the reason; skipping the check is refused', () => {
    expect(domainErrorOf(() => checkNoImpediment(risk)).details.rule).toBe('R-DIG-1');
    expect(() => checkNoImpediment(eligible)).not.toThrow();
    const s = run(received(), { kind: 'checkImpediments', customerId: 'c1', eligibility: risk });
    expect(s.status).toBe('NOT_FEASIBLE');
    expect(s.notFeasibleReason).toContain('RISK_REGISTRY (listed by ASFI)');
    expect(domainErrorOf(() => run(received(), { kind: 'checkCapacity', installationAddress: 'Calle 1 #2', location: loc, result: ok })).details.rule).toBe(
      'R-DIG-1',
    );
  });

  it('R-DIG-1 an unknown eligibility (sales has not heard of the customer yet) is not "no impediment": refused, nothing decided, the data is still arriving', () => {
    const unknown = domainErrorOf(() => checkNoImpediment(null));
    expect(unknown).toMatchObject({ kind: 'rule_violated', details: { rule: 'R-DIG-1', reason: 'STILL_ARRIVING' } });
    expect(unknown.message).toMatch(/still arriving/);
    // The impediment check refuses instead of clearing the request (or closing it NOT_FEASIBLE).
    const check = domainErrorOf(() => run(received(), { kind: 'checkImpediments', customerId: 'c1', eligibility: null }));
    expect(check.details).toEqual({ rule: 'R-DIG-1', reason: 'STILL_ARRIVING', retryable: true });
    // The re-check at order entry too.
    const att = [{ name: 'ci.jpg', mediaType: 'image/jpeg', sizeBytes: 2000, document: 'IDENTITY_CARD' }];
    const ready = run(
      received(),
      { kind: 'checkImpediments', customerId: 'c1', eligibility: eligible },
      { kind: 'checkCapacity', installationAddress: 'Calle 1 #2', location: loc, result: ok },
      { kind: 'receiveRequirements', attachments: att },
    );
    expect(ready.status).toBe('REQUIREMENTS_RECEIVED');
    const entry = domainErrorOf(() => run(ready, { kind: 'enterOrder', orderId: 'so-1', eligibility: null, etaMinDays: 2, etaMaxDays: 15 }));
    expect(entry.details).toEqual({ rule: 'R-DIG-1', reason: 'STILL_ARRIVING', retryable: true });
    // A skipped check is still told as skipped, whatever the eligibility.
    expect(domainErrorOf(() => run(received(), { kind: 'enterOrder', orderId: 'so-1', eligibility: null, etaMinDays: 2, etaMaxDays: 15 })).message).toMatch(
      /impediment check must be done first/,
    );
  });

  it('R-DIG-2 no capacity closes the request NOT_FEASIBLE; requirements before a capacity check are refused', () => {
    expect(domainErrorOf(() => checkCapacityFound(none)).details.rule).toBe('R-DIG-2');
    expect(domainErrorOf(() => checkCapacityFound(null)).details.rule).toBe('R-DIG-2');
    const cleared = run(received(), { kind: 'checkImpediments', customerId: 'c1', eligibility: eligible });
    const att = [{ name: 'ci.jpg', mediaType: 'image/jpeg', sizeBytes: 2000, document: 'IDENTITY_CARD' }];
    expect(domainErrorOf(() => run(cleared, { kind: 'receiveRequirements', attachments: att })).details.rule).toBe('R-DIG-2');
    const s = run(cleared, { kind: 'checkCapacity', installationAddress: 'Calle 1 #2', location: loc, result: none });
    expect(s).toMatchObject({ status: 'NOT_FEASIBLE', notFeasibleReason: expect.stringContaining('NO_FREE_PORTS') });
  });

  it('happy path with a lost call: callback → cleared → feasible → requirements → order entered with the ETA → follow-up → satisfaction call', () => {
    const lost = receiveRequest({ channel: 'PHONE_IVR', identityCard: '4455667', planCode: 'FIB-100', lostCall: true }, m);
    expect(lost.status).toBe('CALLBACK_PENDING');
    const s = run(
      lost,
      { kind: 'callBack' },
      { kind: 'checkImpediments', customerId: 'c1', eligibility: eligible },
      { kind: 'checkCapacity', installationAddress: 'Calle 1 #2', location: loc, result: ok },
      { kind: 'receiveRequirements', attachments: [{ name: 'ci.jpg', mediaType: 'image/jpeg', sizeBytes: 2000, document: 'identity_card' }] },
      { kind: 'enterOrder', orderId: 'so-1', eligibility: eligible, etaMinDays: 2, etaMaxDays: 15 },
      { kind: 'followUp', note: 'Installation scheduled' },
      { kind: 'satisfactionCall', outcome: 'SATISFIED', orderStatus: 'INSTALLED' },
    );
    expect(s.status).toBe('CLOSED');
    expect(s.eta).toEqual({ fromDay: '2026-03-12', toDay: '2026-03-25' });
    expect(s.history.map((h) => h.to)).toEqual([
      'CALLBACK_PENDING',
      'RECEIVED',
      'CLEARED',
      'FEASIBLE',
      'REQUIREMENTS_RECEIVED',
      'ORDER_ENTERED',
      'FOLLOWED_UP',
      'CLOSED',
    ]);
  });

  it('R-DIG-3 the satisfaction call only once the order is installed; NOT_SATISFIED keeps the request open for the next call', () => {
    const entered = run(
      received(),
      { kind: 'checkImpediments', customerId: 'c1', eligibility: eligible },
      { kind: 'checkCapacity', installationAddress: 'Calle 1 #2', location: loc, result: ok },
      { kind: 'receiveRequirements', attachments: [{ name: 'ci.jpg', mediaType: 'image/jpeg', sizeBytes: 2000, document: 'IDENTITY_CARD' }] },
      { kind: 'enterOrder', orderId: 'so-1', eligibility: eligible, etaMinDays: 2, etaMaxDays: 15 },
    );
    for (const orderStatus of ['ENTERED', 'RETURNED', 'PLACED', 'TECHNICAL_FOLLOW_UP', null] as const) {
      const err = domainErrorOf(() => run(entered, { kind: 'satisfactionCall', outcome: 'SATISFIED', orderStatus }));
      expect(err).toMatchObject({ kind: 'rule_violated', details: { rule: 'R-DIG-3' } });
      expect(err.message).toContain(`so-1 is ${orderStatus ?? 'missing'}`);
    }
    const unhappy = run(entered, { kind: 'satisfactionCall', outcome: 'NOT_SATISFIED', note: 'no signal', orderStatus: 'INSTALLED' });
    expect(unhappy).toMatchObject({ status: 'FOLLOWED_UP', satisfaction: { outcome: 'NOT_SATISFIED', note: 'no signal' } });
    // Installed again (a new installation work order): the next call closes it.
    const closed = run(unhappy, { kind: 'satisfactionCall', outcome: 'SATISFIED', orderStatus: 'INSTALLED' });
    expect(closed).toMatchObject({ status: 'CLOSED', satisfaction: { outcome: 'SATISFIED' } });
    expect(closed.history.map((h) => h.to).slice(-3)).toEqual(['ORDER_ENTERED', 'FOLLOWED_UP', 'CLOSED']);
    // Finishing a call whose order write went through (order COMPLETED): closes; a contrary outcome is refused.
    expect(run(entered, { kind: 'satisfactionCall', outcome: 'SATISFIED', orderStatus: 'COMPLETED' }).status).toBe('CLOSED');
    expect(domainErrorOf(() => run(entered, { kind: 'satisfactionCall', outcome: 'NOT_SATISFIED', orderStatus: 'COMPLETED' })).kind).toBe('illegal_transition');
    expect(domainErrorOf(() => run(closed, { kind: 'satisfactionCall', outcome: 'SATISFIED', orderStatus: 'COMPLETED' })).kind).toBe('illegal_transition');
  });

  it('R-DIG-1 an impediment that appears before the order entry refuses the entry', () => {
    const ready = run(
      received(),
      { kind: 'checkImpediments', customerId: 'c1', eligibility: eligible },
      { kind: 'checkCapacity', installationAddress: 'Calle 1 #2', location: loc, result: ok },
      { kind: 'receiveRequirements', attachments: [{ name: 'ci.jpg', mediaType: 'image/jpeg', sizeBytes: 2000, document: 'IDENTITY_CARD' }] },
    );
    expect(domainErrorOf(() => run(ready, { kind: 'enterOrder', orderId: 'so-1', eligibility: risk, etaMinDays: 2, etaMaxDays: 15 })).details.rule).toBe(
      'R-DIG-1',
    );
  });

  it('closing NOT_FEASIBLE keeps the reason; a closed request refuses acts naming its status', () => {
    const s = run(received(), { kind: 'closeNotFeasible', reason: 'Requirements never received' });
    expect(s.notFeasibleReason).toBe('Requirements never received');
    expect(domainErrorOf(() => run(s, { kind: 'callBack' })).message).toContain('NOT_FEASIBLE');
    expect(domainErrorOf(() => receiveRequest({ channel: 'WEB', identityCard: '44', planCode: 'X' }, m)).details.field).toBe('identityCard');
    expect(domainErrorOf(() => receiveRequest({ channel: 'WEB', identityCard: '4455667', planCode: 'X', lostCall: true }, m)).details.field).toBe('lostCall');
  });

  it('the ETA told is the tenant policy window from today', () => {
    expect(estimatedExecution('2026-12-30', 2, 15)).toEqual({ fromDay: '2027-01-01', toDay: '2027-01-14' });
  });
});
