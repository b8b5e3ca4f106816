/**
 * The commercial proposals process (DOMAIN.md §5) through the gateway on real Kafka + Mongo-wire:
 * lead → opportunity → validation → sizing / business case → versioned proposals reviewed by compliance
 * → client review → WON (the customer becomes ACTIVE through customers' consumer) or LOST; NO_GO; the
 * compliance and client correction loops; role refusals and a rule refusal.
 */
import { refused, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';

let seq = 7100000;
const REGISTER_CUSTOMER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const REGISTER_LEAD = `mutation($i: RegisterLeadInput!) { registerLead(input: $i) { lead { id status requirementForm { contactName } } } }`;
const OPP = `id status version
  businessCase { totalRevenue { amount currency } totalCost { amount } margin { amount } marginPercent paybackMonths decision justification }
  proposals { version price { amount } complianceReview { outcome comments } sentAt clientReview { authorized comments } }
  loss { reason lessonsLearned } wonAt history { from to by note }`;
const m = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { opportunity { ${OPP} } } }`;
const QUALIFY = m('qualifyLead', 'QualifyLeadInput');
const VALIDATE = m('validateOpportunity', 'ValidateOpportunityInput');
const CONTRIBUTE = m('recordContribution', 'RecordContributionInput');
const SIZE = m('recordSizing', 'RecordSizingInput');
const DECIDE = m('decideBusinessCase', 'DecideBusinessCaseInput');
const SUBMIT = m('submitProposal', 'SubmitProposalInput');
const REVIEW = m('reviewProposal', 'ReviewProposalInput');
const SEND = m('sendProposal', 'SendProposalInput');
const CLIENT = m('recordClientReview', 'RecordClientReviewInput');
const LOST = m('markOpportunityLost', 'MarkOpportunityLostInput');
const FORMALIZE = m('formalizeAgreement', 'FormalizeAgreementInput');

/** A UTC calendar day n days from now; ±1 day of margin covers the tenant time zone (La Paz, UTC−4). */
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

interface Actors {
  tenant: string;
  director: string;
  presales: string;
  compliance: string;
  executive: string;
  area: string;
}

async function actors(label: string): Promise<Actors> {
  const tenant = uniqueTenant(label);
  return {
    tenant,
    director: await tokenFor(tenant, ['COMMERCIAL_DIRECTOR'], { sub: 'director-1' }),
    presales: await tokenFor(tenant, ['PRESALES'], { sub: 'presales-1' }),
    compliance: await tokenFor(tenant, ['COMPLIANCE'], { sub: 'compliance-1' }),
    executive: await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-1' }),
    area: await tokenFor(tenant, ['SERVICE_AREA'], { sub: 'soc-1' }),
  };
}

/** A prospect in customers, known to proposals' directory, with a lead qualified into a validated opportunity. */
async function validatedOpportunity(a: Actors, name: string) {
  const clerk = await tokenFor(a.tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-1' });
  const customerId = (await ok(clerk, REGISTER_CUSTOMER, { i: { kind: 'BUSINESS', name, taxId: String(++seq) } })).registerCustomer.customer.id as string;
  const leadInput = {
    customerId,
    companyName: name,
    source: 'MEETING',
    requirement: 'Managed SOC 24/7',
    requirementForm: { visitedOn: inDays(-1), contactName: 'Ana Pérez', needs: 'Monitoring of 3 sites' },
  };
  const lead = await waitFor('proposals to learn the customer', async () => {
    const res = await execute<any>(REGISTER_LEAD, { i: leadInput }, { token: a.director });
    return res.errors ? undefined : res.data!.registerLead.lead;
  });
  expect(lead).toMatchObject({ status: 'NEW', requirementForm: { contactName: 'Ana Pérez' } });
  let o = (await ok(a.director, QUALIFY, { i: { leadId: lead.id, title: `SOC for ${name}`, requirementType: 'SERVICE', serviceLines: ['SOC'] } })).qualifyLead
    .opportunity;
  expect(o.status).toBe('QUALIFIED');
  await refused(a.director, QUALIFY, { i: { leadId: lead.id, title: 'again', requirementType: 'SERVICE' } }, 'CONFLICT');
  o = (await ok(a.director, VALIDATE, { i: { opportunityId: o.id, expectedVersion: o.version, aspect: 'ADMINISTRATIVE' } })).validateOpportunity.opportunity;
  o = (await ok(a.presales, VALIDATE, { i: { opportunityId: o.id, expectedVersion: o.version, aspect: 'TECHNICAL', note: 'feasible' } })).validateOpportunity
    .opportunity;
  expect(o.status).toBe('VALIDATED');
  o = (await ok(a.area, CONTRIBUTE, { i: { opportunityId: o.id, expectedVersion: o.version, area: 'SOC', summary: '3 analysts per shift' } }))
    .recordContribution.opportunity;
  o = (
    await ok(a.presales, SIZE, {
      i: {
        opportunityId: o.id,
        expectedVersion: o.version,
        costLines: [
          { description: 'Set-up', kind: 'ONE_TIME', amount: '5000' },
          { description: 'Analysts', kind: 'MONTHLY', amount: '2000' },
        ],
        oneTimePrice: '1000',
        monthlyPrice: '3000',
        termMonths: 12,
      },
    })
  ).recordSizing.opportunity;
  expect(o.businessCase).toMatchObject({
    totalRevenue: { amount: '37000.00', currency: 'BOB' },
    totalCost: { amount: '29000.00' },
    margin: { amount: '8000.00' },
    marginPercent: '21.62',
    paybackMonths: 4,
    decision: null,
  });
  return { customerId, leadId: lead.id as string, o };
}

const go = async (a: Actors, o: any) =>
  (await ok(a.director, DECIDE, { i: { opportunityId: o.id, expectedVersion: o.version, decision: 'GO' } })).decideBusinessCase.opportunity;
const submit = async (a: Actors, o: any, price = '37000') =>
  (
    await ok(a.presales, SUBMIT, {
      i: {
        opportunityId: o.id,
        expectedVersion: o.version,
        technicalSummary: 'SOC 24/7, 3 sites',
        economicSummary: '12 months',
        price,
        committedDeliveryDate: inDays(10),
      },
    })
  ).submitProposal.opportunity;
const review = async (a: Actors, o: any, outcome: string, comments?: string) =>
  (await ok(a.compliance, REVIEW, { i: { opportunityId: o.id, expectedVersion: o.version, outcome, comments } })).reviewProposal.opportunity;
const send = async (a: Actors, o: any) => (await ok(a.executive, SEND, { i: { opportunityId: o.id, expectedVersion: o.version } })).sendProposal.opportunity;
const client = async (a: Actors, o: any, technicallyCompliant: boolean, economicallyCompliant: boolean, comments?: string) =>
  (await ok(a.executive, CLIENT, { i: { opportunityId: o.id, expectedVersion: o.version, technicallyCompliant, economicallyCompliant, comments } }))
    .recordClientReview.opportunity;

describe('§5 commercial proposals through the gateway', () => {
  test('won: GO → approved proposal → sent → authorised; the prospect becomes ACTIVE (proposals.OpportunityWon)', async () => {
    const a = await actors('won');
    const { customerId, o: validated } = await validatedOpportunity(a, 'Banco Ganado SA');
    let o = await go(a, validated);
    expect(o.status).toBe('GO');
    o = await review(a, await submit(a, o), 'APPROVED');
    expect(o.status).toBe('APPROVED_FOR_DELIVERY');
    o = await send(a, o);
    o = await client(a, o, true, true);
    expect(o.status).toBe('WON');
    expect(o.history.map((h: any) => h.to)).toEqual(['QUALIFIED', 'VALIDATED', 'SIZED', 'GO', 'IN_COMPLIANCE_REVIEW', 'APPROVED_FOR_DELIVERY', 'SENT', 'WON']);

    const customer = await waitFor('customers to make the prospect ACTIVE', async () => {
      const c = (await ok(a.director, `query($id: ID!) { customer(id: $id) { status opportunities { edges { node { id status } } } } }`, { id: customerId }))
        .customer;
      return c.status === 'ACTIVE' ? c : undefined;
    });
    expect(customer.opportunities.edges).toEqual([{ node: { id: o.id, status: 'WON' } }]);

    // Contract / NDA formalised with compliance; only compliance records it.
    await refused(
      a.director,
      FORMALIZE,
      { i: { opportunityId: o.id, expectedVersion: o.version, kind: 'NDA', reference: 'NDA-1', signedOn: inDays(0) } },
      'FORBIDDEN',
    );
    const formal = await ok(
      a.compliance,
      `mutation($i: FormalizeAgreementInput!) { formalizeAgreement(input: $i) { opportunity { agreements { kind reference } } } }`,
      {
        i: { opportunityId: o.id, expectedVersion: o.version, kind: 'CONTRACT', reference: 'CT-2026-1', signedOn: inDays(0) },
      },
    );
    expect(formal.formalizeAgreement.opportunity.agreements).toEqual([{ kind: 'CONTRACT', reference: 'CT-2026-1' }]);

    // The owner's pipeline (Employee extended by proposals), and the indicators.
    const ind = (
      await ok(
        a.director,
        `query($f: DateTime!, $t: DateTime!) { proposalIndicators(from: $f, to: $t) { won lost winRate complianceFirstPassRate cycleTimes { status transitions } } }`,
        {
          f: new Date(Date.now() - 3_600_000).toISOString(),
          t: new Date(Date.now() + 3_600_000).toISOString(),
        },
      )
    ).proposalIndicators;
    expect(ind).toMatchObject({ won: 1, lost: 0, winRate: '100.00', complianceFirstPassRate: '100.00' });
  });

  test('compliance correction loop and client correction loop, then LOST with lessons learned (R-PRO-7) in the weekly follow-up', async () => {
    const a = await actors('loops');
    const { o: validated } = await validatedOpportunity(a, 'Seguros Bucle SA');
    let o = await submit(a, await go(a, validated));
    // Only compliance reviews.
    await refused(a.director, REVIEW, { i: { opportunityId: o.id, expectedVersion: o.version, outcome: 'APPROVED' } }, 'FORBIDDEN');
    o = await review(a, o, 'RETURNED', 'SLA section incomplete');
    expect(o.status).toBe('RETURNED_BY_COMPLIANCE');
    // Only an approved version can be sent.
    const notYet = await refused(a.executive, SEND, { i: { opportunityId: o.id, expectedVersion: o.version } }, 'FAILED_PRECONDITION');
    expect(notYet.extensions).toMatchObject({ currentStatus: 'RETURNED_BY_COMPLIANCE', allowedFrom: ['APPROVED_FOR_DELIVERY'], nextAct: 'submitProposal' });
    o = await review(a, await submit(a, o), 'APPROVED');
    o = await send(a, o);
    o = await client(a, o, true, false, 'Price above budget');
    expect(o.status).toBe('CLIENT_COMMENTS');
    o = await send(a, await review(a, await submit(a, o, '33000'), 'APPROVED'));
    expect(o.proposals.map((p: any) => [p.version, p.price.amount, p.complianceReview.outcome])).toEqual([
      [1, '37000.00', 'RETURNED'],
      [2, '37000.00', 'APPROVED'],
      [3, '33000.00', 'APPROVED'],
    ]);
    // R-PRO-7: no lessons learned → FAILED_PRECONDITION with the rule.
    const err = await refused(
      a.executive,
      LOST,
      { i: { opportunityId: o.id, expectedVersion: o.version, reason: 'Chose a competitor', lessonsLearned: 'none' } },
      'FAILED_PRECONDITION',
    );
    expect(err.extensions?.rule).toBe('R-PRO-7');
    o = (
      await ok(a.executive, LOST, {
        i: { opportunityId: o.id, expectedVersion: o.version, reason: 'Chose a competitor', lessonsLearned: 'Offer a cheaper SOC tier up front' },
      })
    ).markOpportunityLost.opportunity;
    expect(o).toMatchObject({ status: 'LOST', loss: { reason: 'Chose a competitor', lessonsLearned: 'Offer a cheaper SOC tier up front' } });
    // A stale version is a CONFLICT.
    await refused(a.executive, SEND, { i: { opportunityId: o.id, expectedVersion: 0 } }, 'CONFLICT');

    const follow = (
      await ok(
        a.executive,
        `query { weeklyFollowUp { weekStart weekEnd open { status ageDays } lessonsLearned { opportunity { id } reason lessonsLearned } } }`,
      )
    ).weeklyFollowUp;
    expect(follow.open).toEqual([]);
    expect(follow.lessonsLearned).toEqual([{ opportunity: { id: o.id }, reason: 'Chose a competitor', lessonsLearned: 'Offer a cheaper SOC tier up front' }]);
  });

  test('NO_GO (R-PRO-4): only the director decides, a justification is required, and the opportunity closes', async () => {
    const a = await actors('nogo');
    const { o } = await validatedOpportunity(a, 'Minera NoGo SA');
    await refused(a.presales, DECIDE, { i: { opportunityId: o.id, expectedVersion: o.version, decision: 'GO' } }, 'FORBIDDEN');
    const err = await refused(
      a.director,
      DECIDE,
      { i: { opportunityId: o.id, expectedVersion: o.version, decision: 'NO_GO', justification: 'no' } },
      'FAILED_PRECONDITION',
    );
    expect(err.extensions?.rule).toBe('R-PRO-4');
    const closed = (
      await ok(a.director, DECIDE, {
        i: { opportunityId: o.id, expectedVersion: o.version, decision: 'NO_GO', justification: 'Margin below the floor for this segment' },
      })
    ).decideBusinessCase.opportunity;
    expect(closed).toMatchObject({ status: 'NO_GO', businessCase: { decision: 'NO_GO', justification: 'Margin below the floor for this segment' } });
    await refused(
      a.presales,
      SUBMIT,
      {
        i: { opportunityId: o.id, expectedVersion: closed.version, technicalSummary: 't', economicSummary: 'e', price: '1', committedDeliveryDate: inDays(10) },
      },
      'FAILED_PRECONDITION',
    );

    // The owner's pipeline through Employee (customers owns it; proposals extends it).
    const admin = await tokenFor(a.tenant, ['ADMIN'], { sub: 'admin-1' });
    await ok(admin, `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`, {
      i: { id: 'director-1', name: 'Directora Comercial', email: 'dir@example.com', roles: ['COMMERCIAL_DIRECTOR'] },
    });
    const emp = (await ok(admin, `query { employee(id: "director-1") { name pipeline { edges { node { id status } } } } }`)).employee;
    expect(emp).toEqual({ name: 'Directora Comercial', pipeline: { edges: [{ node: { id: o.id, status: 'NO_GO' } }] } });
  });

  test('R-PRO-5 and R-PRO-1 refusals carry their rule', async () => {
    const a = await actors('rules');
    const { o: validated } = await validatedOpportunity(a, 'Retail Reglas SA');
    const o = await go(a, validated);
    const late = await refused(
      a.presales,
      SUBMIT,
      { i: { opportunityId: o.id, expectedVersion: o.version, technicalSummary: 't', economicSummary: 'e', price: '10', committedDeliveryDate: inDays(-1) } },
      'FAILED_PRECONDITION',
    );
    expect(late.extensions?.rule).toBe('R-PRO-5');
    const form = await refused(
      a.director,
      REGISTER_LEAD,
      {
        i: {
          companyName: 'Licitación SA',
          source: 'TENDER',
          requirement: 'Tender 12/2026',
          requirementForm: { visitedOn: inDays(0), contactName: 'X Y', needs: 'n' },
        },
      },
      'FAILED_PRECONDITION',
    );
    expect(form.extensions?.rule).toBe('R-PRO-1');
  });
});
