import { domainErrorOf } from '@vinculo/common/testing';
import { decideClaim, type ClaimState } from '../src/domain/billing-claim';

const assigned: ClaimState = { status: 'ASSIGNED', invoiceTotalMinor: 10000, creditedMinor: 0 };

describe('billing claims (§3 F)', () => {
  it('the claims unit resolves an ASSIGNED claim: accepted with a credit, or rejected with a reason', () => {
    expect(decideClaim(assigned, { kind: 'resolve', accepted: true, creditMinor: 3000, reason: 'Double charge' })).toEqual({
      to: 'RESOLVED',
      outcome: 'ACCEPTED',
      creditMinor: 3000,
      reason: 'Double charge',
    });
    expect(decideClaim(assigned, { kind: 'resolve', accepted: false, creditMinor: 0, reason: 'Billed correctly' })).toMatchObject({
      outcome: 'REJECTED',
      creditMinor: 0,
    });
  });
  it('an accepted claim needs a positive credit; a rejected one none', () => {
    expect(domainErrorOf(() => decideClaim(assigned, { kind: 'resolve', accepted: true, creditMinor: 0, reason: 'ok ok' })).details.field).toBe('creditAmount');
    expect(domainErrorOf(() => decideClaim(assigned, { kind: 'resolve', accepted: false, creditMinor: 5, reason: 'no no' })).details.field).toBe(
      'creditAmount',
    );
  });
  it('R-COL-F2 the credits of a claim never exceed its invoice: up to what is left is accepted, one cent more refused', () => {
    const err = domainErrorOf(() =>
      decideClaim({ ...assigned, creditedMinor: 8000 }, { kind: 'resolve', accepted: true, creditMinor: 2001, reason: 'too much' }),
    );
    expect(err.kind).toBe('rule_violated');
    expect(err.details.rule).toBe('R-COL-F2');
    expect(decideClaim({ ...assigned, creditedMinor: 8000 }, { kind: 'resolve', accepted: true, creditMinor: 2000, reason: 'the rest' })).toMatchObject({
      outcome: 'ACCEPTED',
      creditMinor: 2000,
    });
    expect(domainErrorOf(() => decideClaim(assigned, { kind: 'resolve', accepted: true, creditMinor: 10001, reason: 'more than all' })).details.rule).toBe(
      'R-COL-F2',
    );
  });
  it('R-COL-F1 an unhappy customer sends the resolved claim back to the claims unit; satisfied closes it', () => {
    const resolved: ClaimState = { ...assigned, status: 'RESOLVED' };
    expect(decideClaim(resolved, { kind: 'inform', satisfied: false })).toEqual({ to: 'ASSIGNED', escalated: true });
    expect(decideClaim(resolved, { kind: 'inform', satisfied: true })).toEqual({ to: 'CLOSED' });
  });
  it('illegal transitions are CONFLICTs: resolve twice, tell before resolving, urge a resolved claim, touch a closed one', () => {
    const resolved: ClaimState = { ...assigned, status: 'RESOLVED' };
    expect(domainErrorOf(() => decideClaim(resolved, { kind: 'resolve', accepted: false, creditMinor: 0, reason: 'again' })).kind).toBe('illegal_transition');
    expect(domainErrorOf(() => decideClaim(assigned, { kind: 'inform', satisfied: true })).kind).toBe('illegal_transition');
    expect(domainErrorOf(() => decideClaim(resolved, { kind: 'urge' })).kind).toBe('illegal_transition');
    expect(domainErrorOf(() => decideClaim({ ...assigned, status: 'CLOSED' }, { kind: 'urge' })).kind).toBe('illegal_transition');
  });
});
