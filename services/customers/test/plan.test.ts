import type { Principal } from '@vinculo/common';
import { domainErrorOf } from '@vinculo/common/testing';
import { checkPlannedCustomers, decidePlanFor, decidePlanReader, validPlan } from '../src/domain/monthly-plan';
import type { EmployeeState } from '../src/domain/employee';

const member: EmployeeState = { employeeId: 'e1', roles: ['ACCOUNT_EXECUTIVE'], teamLeadId: 'lead', active: true };
const plan = validPlan({ month: '2026-05', newCaptureTarget: 8, portfolioCustomerIds: ['c1', 'c2', 'c1'], notes: ' Foco: hoteles ' });
const who = (userId: string, role: Principal['roles'][number]): Principal => ({ userId, tenantId: 't', roles: [role], scopes: ['read'] });

describe("the lead's monthly plan: A) new captures, B) portfolio customers", () => {
  test('shape: distinct customers, tidy notes', () => {
    expect(plan).toEqual({ month: '2026-05', newCaptureTarget: 8, portfolioCustomerIds: ['c1', 'c2'], notes: 'Foco: hoteles' });
  });
  test.each([
    [{ month: '2026-5', newCaptureTarget: 1, portfolioCustomerIds: [] }, 'month'],
    [{ month: '2026-05', newCaptureTarget: -1, portfolioCustomerIds: [] }, 'newCaptureTarget'],
    [{ month: '2026-05', newCaptureTarget: 1, portfolioCustomerIds: ['bad id'] }, 'portfolioCustomerIds'],
  ])('%j → BAD_USER_INPUT on %s', (input, field) => {
    expect(domainErrorOf(() => validPlan(input)).details.field).toBe(field);
  });
  test('R-CUS-PL1: own team only (FORBIDDEN), an active executive, this month or later', () => {
    expect(() => decidePlanFor('lead', member, plan, '2026-05')).not.toThrow();
    expect(domainErrorOf(() => decidePlanFor('other-lead', member, plan, '2026-05')).kind).toBe('forbidden');
    expect(domainErrorOf(() => decidePlanFor('lead', { ...member, active: false }, plan, '2026-05')).details.rule).toBe('R-CUS-PL1');
    expect(domainErrorOf(() => decidePlanFor('lead', member, plan, '2026-06')).details.rule).toBe('R-CUS-PL1');
  });
  test("R-CUS-PL1: planned customers must be in the executive's portfolio", () => {
    expect(() => checkPlannedCustomers('e1', ['c1'], new Map([['c1', 'e1']]))).not.toThrow();
    expect(
      domainErrorOf(() =>
        checkPlannedCustomers(
          'e1',
          ['c1', 'c2'],
          new Map([
            ['c1', 'e1'],
            ['c2', 'e2'],
          ]),
        ),
      ).message,
    ).toContain('c2');
  });
  test('an account executive reads only their own plan', () => {
    expect(() => decidePlanReader(who('e1', 'ACCOUNT_EXECUTIVE'), 'e1')).not.toThrow();
    expect(domainErrorOf(() => decidePlanReader(who('e1', 'ACCOUNT_EXECUTIVE'), 'e2')).kind).toBe('forbidden');
    expect(() => decidePlanReader(who('lead', 'SALES_TEAM_LEAD'), 'e2')).not.toThrow();
  });
});
