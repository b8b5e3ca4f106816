import { authorize, DomainError, ROLES, type Principal, type Role } from '@vinculo/common';
import { policy } from '../src/policy';

const as = (role: Role): Principal => ({ userId: 'u', tenantId: 't', roles: [role], scopes: ['read', 'write'] });

test.each(Object.entries(policy))('%s: exactly the listed roles may act', (action, allowed) => {
  for (const role of ROLES) {
    const attempt = () => authorize(policy, action as keyof typeof policy, as(role));
    if (allowed.includes(role)) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(DomainError);
  }
});

test('only a team lead or an admin assigns portfolio', () => {
  expect([...policy.assignPortfolio].sort()).toEqual(['ADMIN', 'SALES_TEAM_LEAD']);
});
