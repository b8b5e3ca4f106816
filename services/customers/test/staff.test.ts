import { domainErrorOf } from '@vinculo/common/testing';
import {
  decideDeactivation,
  decideEmployeeRegistration,
  decideRolesChange,
  decideTeamLead,
  requireActiveExecutive,
  type EmployeeState,
} from '../src/domain/employee';

const exec = (id: string, over: Partial<EmployeeState> = {}): EmployeeState => ({
  employeeId: id,
  roles: ['ACCOUNT_EXECUTIVE'],
  teamLeadId: null,
  active: true,
  ...over,
});
const rule = (fn: () => unknown) => {
  const err = domainErrorOf(fn);
  return err.details.rule ?? err.kind;
};

describe('registering staff', () => {
  test('id = the user id of the token, e-mail lower-cased, roles a sorted set', () => {
    expect(
      decideEmployeeRegistration({
        id: 'emp-ana',
        name: ' Ana  Rojas ',
        email: 'Ana@Coop.bo',
        roles: ['SALES_TEAM_LEAD', 'ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'],
      }),
    ).toEqual({
      employeeId: 'emp-ana',
      name: 'Ana Rojas',
      email: 'ana@coop.bo',
      roles: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'],
    });
  });
  test.each([
    [{ id: 'emp ana', name: 'Ana Rojas', email: 'a@b.bo', roles: ['ADMIN' as const] }, 'id'],
    [{ id: 'ana', name: 'Ana Rojas', email: 'nope', roles: ['ADMIN' as const] }, 'email'],
    [{ id: 'ana', name: 'Ana Rojas', email: 'a@b.bo', roles: [] }, 'roles'],
    [{ id: 'ana', name: 'Ana Rojas', email: 'a@b.bo', roles: ['PARTNER' as const] }, 'roles'],
  ])('%j → BAD_USER_INPUT on %s', (input, field) => {
    expect(domainErrorOf(() => decideEmployeeRegistration(input)).details.field).toBe(field);
  });
});

describe('R-CUS-PF1 portfolio goes to an active account executive', () => {
  test('unknown → NOT_FOUND; inactive or another role → R-CUS-PF1', () => {
    expect(requireActiveExecutive(exec('e1'), 'e1').employeeId).toBe('e1');
    expect(rule(() => requireActiveExecutive(null, 'e9'))).toBe('not_found');
    expect(rule(() => requireActiveExecutive(exec('e1', { active: false }), 'e1'))).toBe('R-CUS-PF1');
    expect(rule(() => requireActiveExecutive(exec('e1', { roles: ['COMMERCIAL_CLERK'] }), 'e1'))).toBe('R-CUS-PF1');
  });
});

describe('R-CUS-ST1 an executive with a portfolio keeps the role and stays active', () => {
  test('roles change', () => {
    expect(decideRolesChange(exec('e1'), ['SALES_TEAM_LEAD', 'ACCOUNT_EXECUTIVE'], 3)).toEqual(['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD']);
    expect(rule(() => decideRolesChange(exec('e1'), ['COMMERCIAL_CLERK'], 3))).toBe('R-CUS-ST1');
    expect(decideRolesChange(exec('e1'), ['COMMERCIAL_CLERK'], 0)).toEqual(['COMMERCIAL_CLERK']);
    expect(rule(() => decideRolesChange(exec('e1'), ['ACCOUNT_EXECUTIVE'], 0))).toBe('invalid_input');
  });
  test('deactivation', () => {
    expect(decideDeactivation(exec('e1'), ' Renunció ', 0)).toBe('Renunció');
    expect(rule(() => decideDeactivation(exec('e1'), 'Renunció', 1))).toBe('R-CUS-ST1');
    expect(rule(() => decideDeactivation(exec('e1', { active: false }), 'Renunció', 0))).toBe('already_exists');
    expect(rule(() => decideDeactivation(exec('e1'), '', 0))).toBe('invalid_input');
  });
});

describe('R-CUS-ST2 teams: an active lead, never a cycle', () => {
  const lead = exec('lead', { roles: ['SALES_TEAM_LEAD'] });
  test('assign, move, remove', () => {
    expect(decideTeamLead(exec('e1'), lead, ['lead'])).toBe('lead');
    expect(decideTeamLead(exec('e1', { teamLeadId: 'lead' }), null, [])).toBeNull();
  });
  test('refusals', () => {
    expect(rule(() => decideTeamLead(exec('e1'), exec('e1'), ['e1']))).toBe('R-CUS-ST2');
    expect(rule(() => decideTeamLead(exec('e1'), { ...lead, active: false }, ['lead']))).toBe('R-CUS-ST2');
    // lead's own lead is e1: e1 → lead → e1 would be a cycle.
    expect(rule(() => decideTeamLead(exec('e1'), { ...lead, teamLeadId: 'e1' }, ['lead', 'e1']))).toBe('R-CUS-ST2');
    expect(rule(() => decideTeamLead(exec('e1', { teamLeadId: 'lead' }), lead, ['lead']))).toBe('already_exists');
  });
});
