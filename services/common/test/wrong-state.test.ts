import { CODE_OF_KIND, DomainError, formatError, nextActFor, notKnownYet, wrongState } from '../src';

describe('errors that teach (wrong state, not known yet)', () => {
  const FLOW = ['DRAFT', 'APPROVED', 'OFFERED', 'ACCEPTED'] as const;
  const NEXT = { DRAFT: 'approve', APPROVED: 'makeOffer', OFFERED: 'accept' };

  it('an act in the wrong state is FAILED_PRECONDITION with the current status, where it is allowed from and what comes first', () => {
    const err = wrongState({
      entity: 'sale project',
      current: 'DRAFT',
      act: 'be accepted',
      allowedFrom: ['OFFERED'],
      nextAct: nextActFor(NEXT, 'DRAFT', ['OFFERED'], FLOW),
    });
    expect(err).toBeInstanceOf(DomainError);
    expect(CODE_OF_KIND[err.kind]).toBe('FAILED_PRECONDITION');
    expect(err.message).toBe('A sale project in DRAFT cannot be accepted (allowed from OFFERED); first: approve');
    const formatted = formatError({ message: 'x' }, err);
    expect(formatted.extensions).toEqual({ code: 'FAILED_PRECONDITION', currentStatus: 'DRAFT', allowedFrom: ['OFFERED'], nextAct: 'approve' });
  });

  it('no next act once the entity is past the act (going forward cannot help) or off the life cycle', () => {
    expect(nextActFor(NEXT, 'ACCEPTED', ['OFFERED'], FLOW)).toBeNull();
    expect(nextActFor(NEXT, 'OFFERED', ['DRAFT'], FLOW)).toBeNull();
    expect(nextActFor(NEXT, 'LOST' as never, ['OFFERED'], FLOW)).toBeNull();
    expect(nextActFor(NEXT, 'APPROVED', ['OFFERED', 'ACCEPTED'], FLOW)).toBe('makeOffer');
  });

  it('version clashes and duplicates stay CONFLICT', () => {
    expect(CODE_OF_KIND.stale_version).toBe('CONFLICT');
    expect(CODE_OF_KIND.already_exists).toBe('CONFLICT');
  });

  it('"not known yet" (read-model lag) is NOT_FOUND marked retryable', () => {
    const err = notKnownYet('Customer', 'c-1');
    expect(formatError({ message: 'x' }, err).extensions).toEqual({ code: 'NOT_FOUND', retryable: true });
    expect(err.message).toMatch(/not known here yet/);
  });
});
