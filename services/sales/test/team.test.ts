import { domainErrorOf } from '@vinculo/common/testing';
import { checkApprovingLead, checkExecutiveOwns, checkQualityCaller, checkReadsOwnFigures, checkReadsOwnTeam, teamOfLead } from '../src/domain/team';
import { policy } from '../src/policy';

const exec = (userId: string) => ({ userId, roles: ['ACCOUNT_EXECUTIVE'] });

describe('who acts on whose work (portfolio, team)', () => {
  it('an executive acts only on their own projects or their portfolio customers; unowned work is open', () => {
    expect(domainErrorOf(() => checkExecutiveOwns(exec('exec-2'), policy.workSaleProject, ['exec-1', null])).kind).toBe('forbidden');
    expect(domainErrorOf(() => checkExecutiveOwns(exec('exec-2'), policy.workSaleProject, ['exec-1', 'exec-3'])).kind).toBe('forbidden');
    expect(() => checkExecutiveOwns(exec('exec-1'), policy.workSaleProject, ['exec-1', 'exec-3'])).not.toThrow();
    expect(() => checkExecutiveOwns(exec('exec-3'), policy.workSaleProject, ['exec-1', 'exec-3'])).not.toThrow();
  });

  it('R-SAL-QC1 the quality-control call: the selling or portfolio executive; with neither, only a registered, active account executive', () => {
    const registered = { roles: ['ACCOUNT_EXECUTIVE'], active: true };
    expect(domainErrorOf(() => checkQualityCaller(exec('exec-2'), ['exec-1', null], registered))).toMatchObject({
      kind: 'forbidden',
      details: { rule: 'R-SAL-QC1' },
    });
    expect(() => checkQualityCaller(exec('exec-1'), ['exec-1', 'exec-3'], null)).not.toThrow();
    expect(() => checkQualityCaller(exec('exec-3'), ['exec-1', 'exec-3'], null)).not.toThrow();
    // Nobody owns it: the caller must be an employee customers registered, active, as ACCOUNT_EXECUTIVE.
    expect(() => checkQualityCaller(exec('exec-2'), [null, null], registered)).not.toThrow();
    expect(domainErrorOf(() => checkQualityCaller(exec('ghost'), [null, null], null)).details.rule).toBe('R-SAL-QC1');
    expect(domainErrorOf(() => checkQualityCaller(exec('gone'), [null, null], { ...registered, active: false })).kind).toBe('forbidden');
    expect(domainErrorOf(() => checkQualityCaller(exec('clerk'), [null, undefined], { roles: ['COMMERCIAL_CLERK'], active: true })).kind).toBe('forbidden');
  });

  it("a role the act allows besides the executive's (lead, clerk) is not limited to its own portfolio", () => {
    expect(() => checkExecutiveOwns({ userId: 'lead-1', roles: ['SALES_TEAM_LEAD'] }, policy.workSaleProject, ['exec-1'])).not.toThrow();
    expect(() => checkExecutiveOwns({ userId: 'x', roles: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK'] }, policy.checkFeasibility, ['exec-1'])).not.toThrow();
    // A clerk role does not widen an act the clerk may not do.
    expect(
      domainErrorOf(() => checkExecutiveOwns({ userId: 'x', roles: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK'] }, policy.workSaleProject, ['exec-1'])).kind,
    ).toBe('forbidden');
  });

  it("R-SAL-1 the Vo.Bo. comes from the executive's own team lead when it is known", () => {
    expect(domainErrorOf(() => checkApprovingLead('lead-2', 'lead-1')).kind).toBe('forbidden');
    expect(() => checkApprovingLead('lead-1', 'lead-1')).not.toThrow();
    expect(() => checkApprovingLead('lead-2', null)).not.toThrow();
  });

  it('a lead reads only their own team report; the director and the admin any', () => {
    expect(domainErrorOf(() => checkReadsOwnTeam({ userId: 'lead-2', roles: ['SALES_TEAM_LEAD'] }, 'lead-1')).kind).toBe('forbidden');
    expect(() => checkReadsOwnTeam({ userId: 'lead-1', roles: ['SALES_TEAM_LEAD'] }, 'lead-1')).not.toThrow();
    expect(() => checkReadsOwnTeam({ userId: 'dir', roles: ['COMMERCIAL_DIRECTOR'] }, 'lead-1')).not.toThrow();
  });

  it("an executive reads only their own figures; managers and reporting jobs read anyone's (and the whole tenant's)", () => {
    expect(() => checkReadsOwnFigures(exec('exec-1'), 'exec-1')).not.toThrow();
    expect(domainErrorOf(() => checkReadsOwnFigures(exec('exec-1'), 'exec-2')).kind).toBe('forbidden');
    // Without an executive the figures are everyone's: a manager's view only.
    expect(domainErrorOf(() => checkReadsOwnFigures(exec('exec-1'), '')).kind).toBe('forbidden');
    for (const role of ['SALES_TEAM_LEAD', 'COMMERCIAL_DIRECTOR', 'ADMIN', 'REPORTING'])
      expect(() => checkReadsOwnFigures({ userId: 'm', roles: [role] }, '')).not.toThrow();
    expect(domainErrorOf(() => checkReadsOwnFigures({ userId: 'agent', roles: ['DIGITAL_SALES_AGENT'] }, 'exec-1')).kind).toBe('forbidden');
  });

  it('the team: members as customers knows them, plus the executives the lead planned unless now in another team', () => {
    const leads = new Map<string, string | null>([
      ['e2', 'lead-2'],
      ['e3', null],
    ]);
    expect(teamOfLead('lead-1', ['e5', 'e1'], ['e1', 'e2', 'e3', 'e4'], leads)).toEqual(['e1', 'e3', 'e4', 'e5']);
  });
});
