import { domainErrorOf } from '@vinculo/common/testing';
import { checkComplianceLeadTime, decide, execute, qualify, type Meta, type OpportunityCommand, type OpportunityState } from '../src/domain/opportunity';
import { businessCaseFigures, percentString } from '../src/domain/business-case';
import { businessCalendar, WEEKDAYS_ONLY } from '@vinculo/common';
const previousBusinessDay = (day: string) => WEEKDAYS_ONLY.previousBusinessDay(day);

const meta = (over: Partial<Meta> = {}): Meta => ({ by: 'dir-1', at: new Date('2026-03-02T14:00:00Z'), today: '2026-03-02', calendar: WEEKDAYS_ONLY, ...over });
const start = (requirementType: 'SERVICE' | 'RESALE' = 'SERVICE') => qualify({ title: 'SOC for Banco', requirementType, currency: 'BOB' }, meta()).state;
const run = (state: OpportunityState, ...cmds: OpportunityCommand[]) => cmds.reduce((s, c) => execute(s, c, meta()).state, state);

const sizing: OpportunityCommand = {
  kind: 'size',
  costLines: [
    { description: 'Set-up', kind: 'ONE_TIME', amountMinor: 500_000 },
    { description: 'Analysts', kind: 'MONTHLY', amountMinor: 200_000 },
  ],
  oneTimePriceMinor: 100_000,
  monthlyPriceMinor: 300_000,
  termMonths: 12,
};
const proposal: OpportunityCommand = {
  kind: 'submitProposal',
  technicalSummary: 'SOC 24/7',
  economicSummary: '12 months',
  priceMinor: 3_700_000,
  committedDeliveryDate: '2026-03-06',
};
const validated = () => run(start(), { kind: 'validate', aspect: 'ADMINISTRATIVE' }, { kind: 'validate', aspect: 'TECHNICAL' });
const go = () => run(validated(), sizing, { kind: 'decideBusinessCase', decision: 'GO' });
const sent = () => run(go(), proposal, { kind: 'reviewProposal', outcome: 'APPROVED' }, { kind: 'sendProposal' });

describe('opportunity state machine', () => {
  it('both validations make it VALIDATED, with the history', () => {
    const s = run(start(), { kind: 'validate', aspect: 'ADMINISTRATIVE' });
    expect(s.status).toBe('QUALIFIED');
    const v = run(s, { kind: 'validate', aspect: 'TECHNICAL' });
    expect(v.status).toBe('VALIDATED');
    expect(v.history.map((h) => [h.from, h.to])).toEqual([
      [null, 'QUALIFIED'],
      ['QUALIFIED', 'VALIDATED'],
    ]);
    expect(domainErrorOf(() => decide(s, { kind: 'validate', aspect: 'ADMINISTRATIVE' }, meta())).kind).toBe('already_exists');
  });

  it('sizing before validation is an illegal transition (CONFLICT)', () => {
    expect(domainErrorOf(() => decide(start(), sizing, meta())).kind).toBe('illegal_transition');
  });

  it('won path: GO → version 1 → approved → sent → client authorises → WON', () => {
    const won = run(sent(), { kind: 'recordClientReview', technicallyCompliant: true, economicallyCompliant: true });
    expect(won.status).toBe('WON');
    expect(won.wonAt).toEqual(meta().at);
    expect(won.history.map((h) => h.to)).toEqual(['QUALIFIED', 'VALIDATED', 'SIZED', 'GO', 'IN_COMPLIANCE_REVIEW', 'APPROVED_FOR_DELIVERY', 'SENT', 'WON']);
    expect(run(won, { kind: 'formalizeAgreement', agreementKind: 'NDA', reference: 'NDA-7', signedOn: '2026-03-03' }).agreements).toHaveLength(1);
  });

  it('compliance correction loop: returned with comments → version 2 → approved', () => {
    const returned = run(go(), proposal, { kind: 'reviewProposal', outcome: 'RETURNED', comments: 'Fix SLA' });
    expect(returned.status).toBe('RETURNED_BY_COMPLIANCE');
    expect(domainErrorOf(() => decide(returned, { kind: 'sendProposal' }, meta())).kind).toBe('illegal_transition');
    const v2 = run(returned, proposal, { kind: 'reviewProposal', outcome: 'APPROVED' });
    expect(v2.status).toBe('APPROVED_FOR_DELIVERY');
    expect(v2.proposals.map((p) => [p.version, p.complianceReview?.outcome])).toEqual([
      [1, 'RETURNED'],
      [2, 'APPROVED'],
    ]);
  });

  it('returning a version needs comments', () => {
    const review = run(go(), proposal);
    expect(domainErrorOf(() => decide(review, { kind: 'reviewProposal', outcome: 'RETURNED' }, meta())).kind).toBe('invalid_input');
  });

  it('client correction loop: comments → new version → compliance again → resent', () => {
    const commented = run(sent(), { kind: 'recordClientReview', technicallyCompliant: true, economicallyCompliant: false, comments: 'Too expensive' });
    expect(commented.status).toBe('CLIENT_COMMENTS');
    const resent = run(commented, proposal, { kind: 'reviewProposal', outcome: 'APPROVED' }, { kind: 'sendProposal' });
    expect(resent.status).toBe('SENT');
    expect(resent.proposals).toHaveLength(2);
    expect(domainErrorOf(() => decide(sent(), { kind: 'recordClientReview', technicallyCompliant: false, economicallyCompliant: true }, meta())).kind).toBe(
      'invalid_input',
    );
  });

  it('a closed opportunity accepts nothing more', () => {
    const noGo = run(validated(), sizing, { kind: 'decideBusinessCase', decision: 'NO_GO', justification: 'Margin below the floor for this segment' });
    expect(noGo.status).toBe('NO_GO');
    expect(domainErrorOf(() => decide(noGo, proposal, meta())).kind).toBe('illegal_transition');
    expect(domainErrorOf(() => decide(noGo, { kind: 'markLost', reason: 'x lost', lessonsLearned: 'l'.repeat(30) }, meta())).kind).toBe('illegal_transition');
  });
});

describe('R-PRO-2 resale is sized on a valid partner quote', () => {
  it('R-PRO-2 RESALE without a partner quote → FAILED_PRECONDITION; with one valid today → SIZED', () => {
    const resale = run(start('RESALE'), { kind: 'validate', aspect: 'ADMINISTRATIVE' }, { kind: 'validate', aspect: 'TECHNICAL' });
    expect(domainErrorOf(() => decide(resale, sizing, meta()))).toMatchObject({ kind: 'rule_violated', details: { rule: 'R-PRO-2' } });
    const quoted = run(resale, { kind: 'quotePartner', vendor: 'Fortinet', items: ['FW 100F'], amountMinor: 90_000, validUntil: '2026-03-10' });
    expect(run(quoted, sizing).status).toBe('SIZED');
    expect(domainErrorOf(() => decide(quoted, sizing, meta({ today: '2026-03-11' }))).details.rule).toBe('R-PRO-2');
  });
});

describe('R-PRO-4 GO / NO_GO', () => {
  const sized = () => run(validated(), sizing);
  it('R-PRO-4 NO_GO without a justification (or too short) → FAILED_PRECONDITION', () => {
    for (const justification of [undefined, '', '   ', 'too short']) {
      expect(domainErrorOf(() => decide(sized(), { kind: 'decideBusinessCase', decision: 'NO_GO', justification }, meta()))).toMatchObject({
        kind: 'rule_violated',
        details: { rule: 'R-PRO-4' },
      });
    }
  });
  it('R-PRO-4 GO needs no justification; NO_GO keeps it in the business case and the history', () => {
    expect(run(sized(), { kind: 'decideBusinessCase', decision: 'GO' }).status).toBe('GO');
    const noGo = run(sized(), { kind: 'decideBusinessCase', decision: 'NO_GO', justification: '  Not profitable within the term  ' });
    expect(noGo.businessCase).toMatchObject({ decision: 'NO_GO', justification: 'Not profitable within the term', decidedBy: 'dir-1' });
    expect(noGo.history.at(-1)).toMatchObject({ from: 'SIZED', to: 'NO_GO', note: 'Not profitable within the term' });
  });
});

describe('R-PRO-5 compliance receives the proposal one business day before delivery', () => {
  it('R-PRO-5 the previous business day skips the weekend', () => {
    expect(previousBusinessDay('2026-03-09')).toBe('2026-03-06'); // Monday → Friday
    expect(previousBusinessDay('2026-03-10')).toBe('2026-03-09');
  });
  it('R-PRO-5 on the last business day before delivery is fine; on delivery day or the weekend before a Monday → FAILED_PRECONDITION', () => {
    expect(() => checkComplianceLeadTime('2026-03-05', '2026-03-06', WEEKDAYS_ONLY)).not.toThrow();
    expect(() => checkComplianceLeadTime('2026-03-06', '2026-03-09', WEEKDAYS_ONLY)).not.toThrow();
    for (const [today, delivery] of [
      ['2026-03-06', '2026-03-06'],
      ['2026-03-07', '2026-03-09'],
      ['2026-03-08', '2026-03-09'],
      ['2026-03-10', '2026-03-09'],
    ]) {
      expect(domainErrorOf(() => checkComplianceLeadTime(today!, delivery!, WEEKDAYS_ONLY))).toMatchObject({
        kind: 'rule_violated',
        details: { rule: 'R-PRO-5' },
      });
    }
  });
  it('R-PRO-5 the one business day skips a national holiday: Bolivia, delivery Monday 25 Jan 2027 → by Thursday 21 (Friday 22 is a holiday); Mexico, delivery Tuesday 2 Feb 2027 → by Friday 29 Jan (Monday 1 Feb is a holiday)', () => {
    const bo = businessCalendar('BO');
    // Delivery Monday 25 Jan 2027: the day before that is a business day is Thursday 21 (Fri 22 holiday, weekend).
    expect(bo.previousBusinessDay('2027-01-25')).toBe('2027-01-21');
    expect(() => checkComplianceLeadTime('2027-01-21', '2027-01-25', bo)).not.toThrow();
    expect(domainErrorOf(() => checkComplianceLeadTime('2027-01-22', '2027-01-25', bo)).details.rule).toBe('R-PRO-5');
    expect(() => checkComplianceLeadTime('2027-01-22', '2027-01-25', WEEKDAYS_ONLY)).not.toThrow();
    const mx = businessCalendar('MX');
    expect(mx.previousBusinessDay('2027-02-02')).toBe('2027-01-29'); // Monday 1 Feb 2027: Día de la Constitución
    expect(
      domainErrorOf(() => decide(go(), { ...proposal, committedDeliveryDate: '2027-02-02' } as OpportunityCommand, meta({ today: '2027-02-01', calendar: mx })))
        .details.rule,
    ).toBe('R-PRO-5');
  });
  it('R-PRO-5 submitting a version too late is refused by the state machine', () => {
    expect(domainErrorOf(() => decide(go(), { ...proposal, committedDeliveryDate: '2026-03-02' } as OpportunityCommand, meta())).details.rule).toBe('R-PRO-5');
  });
});

describe('R-PRO-7 lost needs lessons learned', () => {
  it('R-PRO-7 LOST without lessons learned → FAILED_PRECONDITION; with them it is recorded', () => {
    expect(domainErrorOf(() => decide(sent(), { kind: 'markLost', reason: 'Chose a competitor', lessonsLearned: ' ' }, meta()))).toMatchObject({
      kind: 'rule_violated',
      details: { rule: 'R-PRO-7' },
    });
    const lost = run(sent(), { kind: 'markLost', reason: 'Chose a competitor', lessonsLearned: 'Price the SOC tiers separately next time' });
    expect(lost.status).toBe('LOST');
    expect(lost.loss).toMatchObject({ reason: 'Chose a competitor', lessonsLearned: 'Price the SOC tiers separately next time' });
  });
});

describe('business case figures (F-COM-002), exact in minor units', () => {
  it('revenue, cost, margin, margin % (half up) and payback', () => {
    const f = businessCaseFigures(sizing as Extract<OpportunityCommand, { kind: 'size' }>);
    // revenue 100 000 + 300 000 × 12 = 3 700 000; cost 500 000 + 200 000 × 12 = 2 900 000
    expect(f).toEqual({ totalRevenueMinor: 3_700_000, totalCostMinor: 2_900_000, marginMinor: 800_000, marginBasisPoints: 2162, paybackMonths: 4 });
    expect(percentString(f.marginBasisPoints!)).toBe('21.62'); // 21.6216… → 21.62
  });
  it('payback 0 when the one-time margin covers it; null when the monthly margin never does', () => {
    const base = { costLines: [{ description: 'x', kind: 'MONTHLY' as const, amountMinor: 100 }], termMonths: 10 };
    expect(businessCaseFigures({ ...base, oneTimePriceMinor: 0, monthlyPriceMinor: 150 }).paybackMonths).toBe(0);
    expect(
      businessCaseFigures({
        ...base,
        costLines: [...base.costLines, { description: 'y', kind: 'ONE_TIME', amountMinor: 1000 }],
        oneTimePriceMinor: 0,
        monthlyPriceMinor: 100,
      }).paybackMonths,
    ).toBeNull();
    expect(businessCaseFigures({ ...base, oneTimePriceMinor: 0, monthlyPriceMinor: 2 }).marginBasisPoints).toBe(-490000);
  });
});
