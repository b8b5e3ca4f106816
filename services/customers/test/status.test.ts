import { domainErrorOf } from '@vinculo/common/testing';
import { decideStatusChange } from '../src/domain/customer-status';

describe('customer status PROSPECT → ACTIVE → INACTIVE / CHURNED (the seam for event-driven changes)', () => {
  test('first activation makes a prospect ACTIVE; a redelivered trigger changes nothing', () => {
    expect(decideStatusChange('PROSPECT', { kind: 'ACTIVATED' })).toEqual({ to: 'ACTIVE', note: null });
    expect(decideStatusChange('ACTIVE', { kind: 'ACTIVATED' })).toBeNull();
  });
  test('churn keeps its reason (disaffiliation); a churned customer can come back', () => {
    expect(decideStatusChange('ACTIVE', { kind: 'CHURNED', reason: ' Cambio de proveedor ' })).toEqual({ to: 'CHURNED', note: 'Cambio de proveedor' });
    expect(decideStatusChange('CHURNED', { kind: 'ACTIVATED' })?.to).toBe('ACTIVE');
    expect(decideStatusChange('ACTIVE', { kind: 'WENT_INACTIVE' })?.to).toBe('INACTIVE');
  });
  test('a prospect cannot churn; a churn needs a reason', () => {
    expect(domainErrorOf(() => decideStatusChange('PROSPECT', { kind: 'CHURNED', reason: 'x' })).kind).toBe('illegal_transition');
    expect(domainErrorOf(() => decideStatusChange('ACTIVE', { kind: 'CHURNED', reason: ' ' })).kind).toBe('invalid_input');
  });
});
