/**
 * The notifications subgraph (issue #19) through the gateway on real Kafka + Mongo-wire and the
 * development mail server: an escalated billing claim (R-COL-F1) mails the claims unit with copies to
 * the team lead and the division head and lands in each one's inbox; a won opportunity notifies the
 * involved areas; a breached work order alerts the coordinator once the tenant's business clock passes
 * its due time; bad rules are refused at configuration time; an SMTP outage delays mail, never loses it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { refused, stackBus, testEvent, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import { expectReconciled } from './support/reconciliation';

type Vars = Record<string, unknown>;

interface Delivered {
  id: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  headers: { tenant: string | null; rule: string | null };
  attachments: { filename: string; contentType: string; text?: string }[];
}

const mailUrl = (): string => {
  const file = path.resolve(__dirname, '../../.cache/run/test-stack.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { mailUrl: string }).mailUrl;
};
/** What the development mail server received for one tenant (header X-Vinculo-Tenant). */
const mailOf = async (tenant: string): Promise<Delivered[]> => {
  const all = (await (await fetch(`${mailUrl()}messages`)).json()) as Delivered[];
  return all.filter((m) => m.headers.tenant === tenant);
};

let seq = 7900000;
const REGISTER_CUSTOMER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const REGISTER_EMPLOYEE = `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`;
const ASSIGN = `mutation($c: ID!, $e: ID!) { assignPortfolio(input: { customerId: $c, executiveId: $e }) { customer { id } } }`;
const INBOX = `query($u: Boolean) { myNotifications(unreadOnly: $u, first: 20) { edges { node { id ruleId eventType title body link readAt } } pageInfo { hasNextPage } } myUnreadNotificationCount }`;
const MARK = `mutation($i: MarkNotificationsReadInput!) { markNotificationsRead(input: $i) { marked unreadCount } }`;
const SET_RULE = `mutation($i: NotificationRuleInput!) { setNotificationRule(input: $i) { id eventType } }`;
const SET_ADDRESS = `mutation($i: NamedAddressInput!) { setNamedAddress(input: $i) { name email } }`;
const OUTGOING = `query { outgoingMail(first: 20) { edges { node { id ruleId to cc status attempts lastResponseCode skipped { who reason } } } } }`;
const ADVANCE_CLOCK = `mutation($i: AdvanceBusinessClockInput!) { advanceBusinessClock(input: $i) { businessClock { now } } }`;

const inbox = async (token: string, unreadOnly = false) =>
  (await ok(token, INBOX, { u: unreadOnly })) as { myNotifications: { edges: { node: any }[] }; myUnreadNotificationCount: number };

const bus = stackBus();

const RULE_RECIPIENTS = `query($r: ID!, $c: ID) { notificationRuleRecipients(ruleId: $r, customerId: $c) { recipients { userId email copy } unresolved { spec reason } } }`;

async function staff(admin: string, people: { id: string; name: string; roles: string[]; teamLeadId?: string }[]) {
  for (const p of people) await ok(admin, REGISTER_EMPLOYEE, { i: { ...p, email: `${p.id}@vinculo.test` } });
}

/** Wait until notifications' staff directory (fed by customers.Employee*, another topic) makes the rule reach `userIds`. */
async function reaches(admin: string, ruleId: string, userIds: string[], customerId?: string) {
  return waitFor(`rule ${ruleId} to reach ${userIds.join(', ')}`, async () => {
    const r = (await ok(admin, RULE_RECIPIENTS, { r: ruleId, c: customerId ?? null })).notificationRuleRecipients;
    const got = r.recipients.map((x: { userId: string }) => x.userId).sort();
    return JSON.stringify(got) === JSON.stringify([...userIds].sort()) ? r : undefined;
  });
}

describe('notifications: who must know, in the inbox and by e-mail', () => {
  test('R-COL-F1 an escalated billing claim mails the claims unit, Cc team lead and division head, and lands in each inbox', async () => {
    const tenant = uniqueTenant('ntf-claim');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await staff(admin, [
      { id: 'lead-n', name: 'Resp. Equipo Empresas', roles: ['SALES_TEAM_LEAD'] },
      { id: 'exec-n', name: 'Ejecutiva Norte', roles: ['ACCOUNT_EXECUTIVE'], teamLeadId: 'lead-n' },
      { id: 'utar-n', name: 'Analista UTAR', roles: ['CLAIMS_UNIT'] },
      { id: 'head-n', name: 'Encargada de División', roles: ['COMMERCIAL_DIRECTOR'] },
    ]);
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-n' });
    const utar = await tokenFor(tenant, ['CLAIMS_UNIT'], { sub: 'utar-n' });
    const lead = await tokenFor(tenant, ['SALES_TEAM_LEAD'], { sub: 'lead-n' });
    const head = await tokenFor(tenant, ['COMMERCIAL_DIRECTOR'], { sub: 'head-n' });
    const customerId = (await ok(clerk, REGISTER_CUSTOMER, { i: { kind: 'BUSINESS', name: 'Reclamante Norte SRL', taxId: String(++seq) } })).registerCustomer
      .customer.id as string;
    await ok(admin, ASSIGN, { c: customerId, e: 'exec-n' });
    const preview = await reaches(admin, 'claim-escalated', ['utar-n', 'lead-n', 'head-n'], customerId);
    expect(preview.unresolved).toEqual([]);

    // A billing account with one product billed (the subscription mirror is fed as post-sale would).
    await waitFor('the customer in collections', async () => {
      const r = await execute<any>(
        `mutation($i: OpenBillingAccountInput!) { openBillingAccount(input: $i) { billingAccount { id } } }`,
        { i: { customerId, currency: 'BOB' } },
        { token: clerk },
      );
      return r.errors ? undefined : (r.data.openBillingAccount.billingAccount.id as string);
    });
    await bus.publish(
      testEvent('postsale', 'postsale.SubscriptionChanged', tenant, 'ip-ntf', {
        installedProductId: 'ip-ntf',
        customerId,
        change: 'ACTIVATED',
        effectiveDate: '2026-01-01',
        planCode: 'INET-10',
        monthlyFeeMinor: 10000,
        currency: 'BOB',
        billing: 'PRORATED',
      }),
    );
    const invoiceId = await waitFor('the product billed', async () => {
      const r = await ok(clerk, `mutation($i: RunBillingPeriodInput!) { runBillingPeriod(input: $i) { issued { id } } }`, { i: { period: '2026-03' } });
      return r.runBillingPeriod.issued[0]?.id as string | undefined;
    });
    const CLAIM = `id status escalations`;
    const claim = (
      await ok(clerk, `mutation($i: RegisterBillingClaimInput!) { registerBillingClaim(input: $i) { billingClaim { ${CLAIM} } } }`, {
        i: { invoiceId, description: 'Me cobraron días sin servicio' },
      })
    ).registerBillingClaim.billingClaim;
    await ok(utar, `mutation($i: ResolveBillingClaimInput!) { resolveBillingClaim(input: $i) { billingClaim { ${CLAIM} } } }`, {
      i: { claimId: claim.id, accepted: false, reason: 'Sin corte registrado' },
    });
    const escalated = (
      await ok(clerk, `mutation($i: InformBillingClaimOutcomeInput!) { informBillingClaimOutcome(input: $i) { billingClaim { ${CLAIM} } } }`, {
        i: { claimId: claim.id, satisfied: false, note: 'No está conforme' },
      })
    ).informBillingClaimOutcome.billingClaim;
    expect(escalated).toMatchObject({ status: 'ASSIGNED', escalations: 1 });

    // One e-mail in the local mail server: To the claims unit, Cc team lead and division head.
    const [mail] = await waitFor('the escalation e-mail delivered', async () => {
      const got = (await mailOf(tenant)).filter((m) => m.headers.rule === 'claim-escalated');
      return got.length ? got : undefined;
    });
    expect(mail!.to).toEqual(['utar-n@vinculo.test']);
    expect([...mail!.cc].sort()).toEqual(['head-n@vinculo.test', 'lead-n@vinculo.test']);
    expect(mail!.subject).toBe('Reclamo de facturación escalado: Reclamante Norte SRL');
    expect(mail!.text).toContain(`Reclamo: ${claim.id}`);
    expect(mail!.text).toContain('Ejecutivo: Ejecutiva Norte');
    expect(mail!.html).toContain(`/billing-claims/${claim.id}`);

    // A notification in each person's inbox, unread; the executive (not named by the rule) gets none.
    for (const token of [utar, lead, head]) {
      const box = await waitFor('the inbox entry', async () => {
        const b = await inbox(token);
        return b.myNotifications.edges.length ? b : undefined;
      });
      expect(box.myNotifications.edges.map((e) => e.node)).toEqual([
        expect.objectContaining({ ruleId: 'claim-escalated', eventType: 'collections.BillingClaimEscalated', readAt: null, title: mail!.subject }),
      ]);
      expect(box.myUnreadNotificationCount).toBe(1);
    }
    const exec = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-n' });
    // The executive is not on the escalation (their inbox may hold the account's overdue notice, 002 I).
    expect((await inbox(exec)).myNotifications.edges.filter((e) => e.node.ruleId === 'claim-escalated')).toEqual([]);
    const [entry] = (await inbox(lead)).myNotifications.edges;
    expect((await ok(lead, MARK, { i: { ids: [entry!.node.id] } })).markNotificationsRead).toEqual({ marked: 1, unreadCount: 0 });
    expect((await inbox(lead, true)).myNotifications.edges).toEqual([]);
    // Another person cannot mark someone else's notification.
    expect((await ok(head, MARK, { i: { ids: [entry!.node.id] } })).markNotificationsRead.marked).toBe(0);
    // The delivery log records it SENT.
    const log = (await ok(admin, OUTGOING)).outgoingMail.edges.map((e: { node: Vars }) => e.node);
    expect(log.filter((m: Vars) => m.ruleId === 'claim-escalated')).toEqual([
      expect.objectContaining({ ruleId: 'claim-escalated', status: 'SENT', to: ['utar-n@vinculo.test'] }),
    ]);
    // No reconciliation check here: the subscription billed was published as post-sale would, so
    // collections rightly reports a billed product post-sale does not know (BILLED_PRODUCT_WITHOUT_SUBSCRIPTION).
  });

  test('a won opportunity (client authorised, through the gateway) notifies the involved areas at once (004 step 7), with compliance in copy', async () => {
    const tenant = uniqueTenant('ntf-won');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await staff(admin, [
      { id: 'soc-n', name: 'Área SOC', roles: ['SERVICE_AREA'] },
      { id: 'noc-n', name: 'Área NOC', roles: ['SERVICE_AREA'] },
      { id: 'cump-n', name: 'Cumplimiento', roles: ['COMPLIANCE'] },
    ]);
    const customerId = (await ok(admin, REGISTER_CUSTOMER, { i: { kind: 'BUSINESS', name: 'Banco Notificado SA', taxId: String(++seq) } })).registerCustomer
      .customer.id as string;
    await reaches(admin, 'involved-areas', ['soc-n', 'noc-n', 'cump-n']);
    // The whole proposals walk through the gateway (as in proposals-flow.test.ts) up to the client's authorisation.
    const director = await tokenFor(tenant, ['COMMERCIAL_DIRECTOR'], { sub: 'director-n' });
    const presales = await tokenFor(tenant, ['PRESALES'], { sub: 'presales-n' });
    const compliance = await tokenFor(tenant, ['COMPLIANCE'], { sub: 'cump-n' });
    const executive = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-won' });
    const area = await tokenFor(tenant, ['SERVICE_AREA'], { sub: 'soc-n' });
    const OPP = `opportunity { id version status }`;
    const act = async (token: string, name: string, input: string, i: Vars) =>
      (await ok(token, `mutation($i: ${input}!) { ${name}(input: $i) { ${OPP} } }`, { i }))[name].opportunity;
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const lead = await waitFor('proposals to learn the customer', async () => {
      const r = await execute<any>(
        `mutation($i: RegisterLeadInput!) { registerLead(input: $i) { lead { id } } }`,
        {
          i: {
            customerId,
            companyName: 'Banco Notificado SA',
            source: 'MEETING',
            requirement: 'SOC y NOC gestionados',
            requirementForm: { visitedOn: day(-1), contactName: 'Ana Pérez', needs: '3 sedes' },
          },
        },
        { token: director },
      );
      return r.errors ? undefined : r.data.registerLead.lead;
    });
    let o = await act(director, 'qualifyLead', 'QualifyLeadInput', {
      leadId: lead.id,
      title: 'SOC y NOC',
      requirementType: 'SERVICE',
      serviceLines: ['SOC', 'NOC'],
    });
    o = await act(director, 'validateOpportunity', 'ValidateOpportunityInput', { opportunityId: o.id, expectedVersion: o.version, aspect: 'ADMINISTRATIVE' });
    o = await act(presales, 'validateOpportunity', 'ValidateOpportunityInput', { opportunityId: o.id, expectedVersion: o.version, aspect: 'TECHNICAL' });
    o = await act(area, 'recordContribution', 'RecordContributionInput', {
      opportunityId: o.id,
      expectedVersion: o.version,
      area: 'SOC',
      summary: '3 analistas por turno',
    });
    o = await act(presales, 'recordSizing', 'RecordSizingInput', {
      opportunityId: o.id,
      expectedVersion: o.version,
      costLines: [{ description: 'Analistas', kind: 'MONTHLY', amount: '2000' }],
      oneTimePrice: '1000',
      monthlyPrice: '3000',
      termMonths: 12,
    });
    o = await act(director, 'decideBusinessCase', 'DecideBusinessCaseInput', { opportunityId: o.id, expectedVersion: o.version, decision: 'GO' });
    o = await act(presales, 'submitProposal', 'SubmitProposalInput', {
      opportunityId: o.id,
      expectedVersion: o.version,
      technicalSummary: 'SOC/NOC 24/7',
      economicSummary: '12 meses',
      price: '37000',
      committedDeliveryDate: day(10),
    });
    o = await act(compliance, 'reviewProposal', 'ReviewProposalInput', { opportunityId: o.id, expectedVersion: o.version, outcome: 'APPROVED' });
    o = await act(executive, 'sendProposal', 'SendProposalInput', { opportunityId: o.id, expectedVersion: o.version });
    o = await act(executive, 'recordClientReview', 'RecordClientReviewInput', {
      opportunityId: o.id,
      expectedVersion: o.version,
      technicallyCompliant: true,
      economicallyCompliant: true,
    });
    expect(o.status).toBe('WON');
    const mails = await waitFor('the involved areas e-mail', async () => {
      const got = (await mailOf(tenant)).filter((m) => m.headers.rule === 'involved-areas');
      return got.length ? got : undefined;
    });
    expect(mails).toHaveLength(1);
    expect([...mails[0]!.to].sort()).toEqual(['noc-n@vinculo.test', 'soc-n@vinculo.test']);
    expect(mails[0]!.cc).toEqual(['cump-n@vinculo.test']);
    expect(mails[0]!.text).toMatch(/Áreas involucradas: (SOC, NOC|NOC, SOC)\n/);
    expect(mails[0]!.subject).toBe('Oportunidad ganada: Banco Notificado SA');
    expect(mails[0]!.html).toContain(`/opportunities/${o.id}`);
    for (const sub of ['soc-n', 'noc-n', 'cump-n']) {
      const token = await tokenFor(tenant, [sub === 'cump-n' ? 'COMPLIANCE' : 'SERVICE_AREA'], { sub });
      // Compliance also has the proposal it reviewed (compliance-review); each has the won notice once.
      await waitFor(`${sub}'s inbox`, async () =>
        (await inbox(token)).myNotifications.edges.filter((e) => e.node.ruleId === 'involved-areas').length === 1 ? true : undefined,
      );
    }
    await expectReconciled(admin);
  });

  test('a breached work order alerts the technical coordinator when the business clock passes its due time', async () => {
    const tenant = uniqueTenant('ntf-wo');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await staff(admin, [{ id: 'coord-n', name: 'Coordinador Técnico', roles: ['TECHNICAL_COORDINATOR'] }]);
    const coord = await tokenFor(tenant, ['TECHNICAL_COORDINATOR'], { sub: 'coord-n' });
    await reaches(admin, 'work-order-breached', ['coord-n']);
    const customerId = (await ok(admin, REGISTER_CUSTOMER, { i: { kind: 'BUSINESS', name: 'Reparada Norte SRL', taxId: String(++seq) } })).registerCustomer
      .customer.id as string;
    const wo = await waitFor('the customer in techsupport', async () => {
      const r = await execute<any>(
        `mutation($i: CreateWorkOrderInput!) { createWorkOrder(input: $i) { workOrder { id sla { dueAt } } } }`,
        { i: { customerId, type: 'REPAIR', address: 'Calle Junín 99, Sacaba' } },
        { token: coord },
      );
      return r.errors ? undefined : r.data.createWorkOrder.workOrder;
    });
    // Nothing yet: the order is on time (no sweep has anything to say).
    expect((await inbox(coord)).myUnreadNotificationCount).toBe(0);
    // The tenant lives past the due time: the SLA sweep runs for it at once.
    const to = new Date(new Date(wo.sla.dueAt).getTime() + 3_600_000).toISOString();
    await waitFor('notifications to know the work order', async () => {
      // The read model learns the order from techsupport.WorkOrderCreated; advance once it is there.
      const r = await execute<any>(ADVANCE_CLOCK, { i: { to } }, { token: admin });
      return r.errors ? undefined : true;
    });
    const alert = await waitFor('the breach alert', async () => {
      const b = await inbox(coord);
      return b.myNotifications.edges.find((e) => e.node.ruleId === 'work-order-breached')?.node;
    });
    expect(alert).toMatchObject({ eventType: 'sla.WorkOrderBreached', title: 'Orden de trabajo vencida: Reparada Norte SRL' });
    expect(alert.body).toContain(wo.id);
    const mail = await waitFor('the breach e-mail', async () => (await mailOf(tenant)).find((m) => m.headers.rule === 'work-order-breached'));
    expect(mail.to).toEqual(['coord-n@vinculo.test']);
    await expectReconciled(admin);
  });

  test("R-COL-I1 a payment promise due on the tenant's business day alerts the customer's executive", async () => {
    const tenant = uniqueTenant('ntf-prom');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await staff(admin, [{ id: 'exec-p', name: 'Ejecutiva Cobranza', roles: ['ACCOUNT_EXECUTIVE'] }]);
    const customerId = (await ok(admin, REGISTER_CUSTOMER, { i: { kind: 'BUSINESS', name: 'Deudora Puntual SRL', taxId: String(++seq) } })).registerCustomer
      .customer.id as string;
    await ok(admin, ASSIGN, { c: customerId, e: 'exec-p' });
    await reaches(admin, 'promise-due', ['exec-p'], customerId);
    const exec = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-p' });
    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    // The promise as collections publishes it (the collections flow itself is collections-billing.test.ts).
    await bus.publish(
      testEvent('collections', 'collections.PaymentPromiseMade', tenant, 'ba-prom', {
        promiseId: 'pp-1',
        billingAccountId: 'ba-prom',
        customerId,
        promisedDate: inDays(5),
        amount: 6000,
        currency: 'BOB',
        followUpDate: inDays(3),
      }),
    );
    // Five days later (and one more for any time zone), the deadline sweep runs for the tenant at once.
    // Advanced again on each try (a little further each time: the clock only moves forward), so the sweep
    // also runs once notifications has read the promise from the other topic.
    const alert = await waitFor(
      'the promise-due alert',
      async () => {
        await ok(admin, ADVANCE_CLOCK, { i: { to: new Date(Date.now() + 6 * 86_400_000 + 1_000).toISOString() } });
        return (await inbox(exec)).myNotifications.edges.find((e) => e.node.ruleId === 'promise-due')?.node;
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    expect(alert).toMatchObject({ eventType: 'sla.PaymentPromiseDue', title: 'Compromiso de pago que vence: Deudora Puntual SRL' });
    expect(alert.body).toContain(`vence el ${inDays(5)}`);
  });

  test('the weekly proposals follow-up (004) goes to the commercial director on Monday 08:00 local, with CSV and XLSX attachments', async () => {
    const tenant = uniqueTenant('ntf-rep');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await staff(admin, [{ id: 'dir-r', name: 'Director Comercial', roles: ['COMMERCIAL_DIRECTOR'] }]);
    await reaches(admin, 'lessons-learned', ['dir-r']);
    const customerId = (await ok(admin, REGISTER_CUSTOMER, { i: { kind: 'BUSINESS', name: 'Banco Semanal SA', taxId: String(++seq) } })).registerCustomer
      .customer.id as string;
    await bus.publish(
      testEvent('proposals', 'proposals.OpportunityQualified', tenant, 'opp-rep', {
        opportunityId: 'opp-rep',
        customerId,
        leadId: 'lead-rep',
        title: 'SOC 24/7, "tres sedes"',
        requirementType: 'SERVICE',
        ownerId: 'dir-r',
      }),
    );
    // The next Monday at least a day ahead, 09:00 in La Paz (the default time zone, UTC−4) = 13:00 UTC.
    const monday = new Date(Date.now() + 86_400_000);
    while (monday.getUTCDay() !== 1) monday.setUTCDate(monday.getUTCDate() + 1);
    monday.setUTCHours(13, 0, 0, 0);
    const week = monday.toISOString().slice(0, 10);
    const started = Date.now();
    // Advanced again on each try, keeping pace with the wall clock (business time only moves forward),
    // so the sweep also runs once notifications has read the opportunity from the other topic.
    const mail = await waitFor(
      'the weekly report',
      async () => {
        await ok(admin, ADVANCE_CLOCK, { i: { to: new Date(monday.getTime() + (Date.now() - started) + 1_000).toISOString() } });
        return (await mailOf(tenant)).find((m) => m.headers.rule === 'proposals-weekly');
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    expect(mail.to).toEqual(['dir-r@vinculo.test']);
    expect(mail.subject).toBe(`Seguimiento semanal de propuestas, semana del ${week}`);
    expect(mail.text).toContain('Oportunidades abiertas: 1');
    expect(mail.attachments).toEqual([
      expect.objectContaining({ filename: `seguimiento-semanal-${week}.csv` }),
      expect.objectContaining({ filename: `seguimiento-semanal-${week}.xlsx` }),
    ]);
    const csv = mail.attachments[0]!.text!.replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('oportunidad,cliente,título,etapa,días abierta');
    expect(csv[1]).toMatch(/^opp-rep,Banco Semanal SA,"SOC 24\/7, ""tres sedes""",CALIFICADA,\d+$/);
    expect(csv).toHaveLength(2);
  });

  test('an SMTP relay refusing for a while delays the e-mail, never loses it: retried with backoff, recorded with each attempt', async () => {
    const tenant = uniqueTenant('ntf-smtp');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await staff(admin, [{ id: 'cump-s', name: 'Cumplimiento', roles: ['COMPLIANCE'] }]);
    await reaches(admin, 'compliance-review', ['cump-s']);
    // A shared mailbox named by the tenant gets it too; an opted-out person of a mandatory rule still does.
    await ok(admin, SET_ADDRESS, { i: { name: 'COMPLIANCE', role: 'COMPLIANCE', email: `cumplimiento@${tenant}.test` } });
    await ok(
      await tokenFor(tenant, ['COMPLIANCE'], { sub: 'cump-s' }),
      `mutation { setNotificationPreferences(input: { emailOptOut: ["compliance-review"] }) { emailOptOut } }`,
    );
    // The relay refuses the next three deliveries (451, temporary), as a relay that is down would.
    const control = await fetch(`${mailUrl()}control/fail?count=3&rcpt=${encodeURIComponent(`@${tenant}.test`)}`, { method: 'POST' });
    expect(control.status).toBe(204);
    await bus.publish(
      testEvent('proposals', 'proposals.ProposalSubmittedToCompliance', tenant, 'opp-smtp', {
        opportunityId: 'opp-smtp',
        customerId: 'cust-smtp',
        version: 2,
        price: 3700000,
        currency: 'BOB',
        committedDeliveryDate: '2026-12-20',
      }),
    );
    const mail = await waitFor(
      'the e-mail delivered after the refusals',
      async () => (await mailOf(tenant)).find((m) => m.headers.rule === 'compliance-review'),
      { timeoutMs: 60_000 },
    );
    expect([...mail.to].sort()).toEqual(['cump-s@vinculo.test', `cumplimiento@${tenant}.test`]);
    expect(mail.subject).toBe('Propuesta para revisión de cumplimiento: cust-smtp');
    const [logged] = (await ok(admin, OUTGOING)).outgoingMail.edges.map((e: { node: any }) => e.node);
    expect(logged).toMatchObject({ ruleId: 'compliance-review', status: 'SENT', attempts: 4 });
    // Exactly one copy arrived (the retries did not duplicate it).
    expect((await mailOf(tenant)).filter((m) => m.headers.rule === 'compliance-review')).toHaveLength(1);
  });

  test("the gateway streams the signed-in person's new notifications as Server-Sent Events (same auth as /graphql)", async () => {
    const tenant = uniqueTenant('ntf-sse');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await staff(admin, [{ id: 'soc-s', name: 'Área SOC', roles: ['SERVICE_AREA'] }]);
    await reaches(admin, 'involved-areas', ['soc-s']);
    const streamUrl = testStack().gatewayUrl.replace(/\/graphql$/, '/notifications/stream');
    expect((await fetch(streamUrl)).status).toBe(401);
    const area = await tokenFor(tenant, ['SERVICE_AREA'], { sub: 'soc-s' });
    const abort = new AbortController();
    const res = await fetch(streamUrl, { headers: { authorization: `Bearer ${area}` }, signal: abort.signal });
    try {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body!.getReader();
      let text = '';
      const until = async (what: string, pred: (t: string) => boolean) => {
        const deadline = Date.now() + 30_000;
        while (!pred(text)) {
          if (Date.now() > deadline) throw new Error(`no ${what} on the stream; got: ${text}`);
          const { value, done } = await reader.read();
          if (done) throw new Error(`stream ended before ${what}`);
          text += Buffer.from(value).toString('utf8');
        }
      };
      await until('ready', (t) => t.includes('event: ready'));
      expect(text).toContain('data: {"unreadCount":0}');
      await bus.publish(
        testEvent('proposals', 'proposals.InvolvedAreasNotified', tenant, 'opp-sse', {
          opportunityId: 'opp-sse',
          customerId: 'cust-sse',
          areas: ['SOC'],
          wonAt: new Date().toISOString(),
        }),
      );
      await until('the notification', (t) => t.includes('event: notification'));
      const data = JSON.parse(/event: notification\ndata: (.*)\n/.exec(text)![1]!);
      expect(data).toMatchObject({ ruleId: 'involved-areas', eventType: 'proposals.InvolvedAreasNotified', title: 'Oportunidad ganada: cust-sse' });
    } finally {
      abort.abort();
    }
  });

  test('bad rules and addresses are refused at configuration time, naming each problem', async () => {
    const tenant = uniqueTenant('ntf-bad');
    const admin = await tokenFor(tenant, ['ADMIN']);
    const exec = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE']);
    const good = {
      id: 'my-rule',
      eventType: 'collections.BillingClaimRegistered',
      recipients: [{ kind: 'ROLE', role: 'CLAIMS_UNIT' }],
      channels: ['EMAIL'],
      template: 'claim-escalated',
    };
    await refused(exec, SET_RULE, { i: good }, 'FORBIDDEN');
    const unknownType = await refused(admin, SET_RULE, { i: { ...good, eventType: 'collections.Nope' } }, 'BAD_USER_INPUT');
    expect(unknownType.message).toContain('unknown event type "collections.Nope"');
    // claim-escalated refers to data.escalations, which BillingClaimRegistered does not carry.
    const missing = await refused(admin, SET_RULE, { i: good }, 'BAD_USER_INPUT');
    expect(missing.message).toContain('refers to "data.escalations"');
    const badRole = await refused(
      admin,
      SET_RULE,
      {
        i: {
          ...good,
          eventType: 'collections.BillingClaimEscalated',
          recipients: [
            { kind: 'ROLE', role: 'WIZARD' },
            { kind: 'NAMED', name: 'NOBODY' },
          ],
        },
      },
      'BAD_USER_INPUT',
    );
    expect(badRole.message).toContain('unknown role "WIZARD"');
    expect(badRole.message).toContain('unknown named address "NOBODY"');
    const badMail = await refused(admin, SET_ADDRESS, { i: { name: 'DIVISION_HEAD', email: 'not-an-address' } }, 'BAD_USER_INPUT');
    expect(badMail.message).toContain('invalid e-mail address "not-an-address"');
    expect((await ok(admin, SET_RULE, { i: { ...good, eventType: 'collections.BillingClaimEscalated' } })).setNotificationRule).toEqual({
      id: 'my-rule',
      eventType: 'collections.BillingClaimEscalated',
    });
  });
});
