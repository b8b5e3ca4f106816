/**
 * The rest of the work queues (issue #15), each sorted by its due time (`dueAt`, then id) and read by the
 * roles that do that work: leads of companies that are not customers yet and proposals waiting for
 * compliance (004), resolved billing claims waiting for the call to the customer (002 F), invoices to
 * deliver (002 I), withdrawals waiting for their equipment (002 H), damage tickets by assignee (002 E).
 * Each queue: the item appears once it waits (not before), in due order, and leaves when the work is
 * done; a role without that work is FORBIDDEN. `me` gives every queue of the caller's roles, with its
 * count and first due time, in one query (each subgraph adds its queues to customers' Me entity).
 * Every call uses the typed operations of @vinculo/client.
 */
import {
  AssignDamageTicketDocument,
  BillingClaimsToTellDocument,
  createClient,
  DamageTicketQueueDocument,
  ImportInvoiceDocument,
  InformBillingClaimOutcomeDocument,
  InvoicesToDeliverDocument,
  LeadsToQualifyDocument,
  MyWorkQueuesDocument,
  ProposalsAwaitingComplianceDocument,
  QualifyLeadDocument,
  RecordInvoiceDeliveryDocument,
  RegisterBillingClaimDocument,
  RegisterLeadDocument,
  ResolveBillingClaimDocument,
  WithdrawalsAwaitingEquipmentDocument,
  type TypedDocumentNode,
} from '@vinculo/client';
import { testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import { postsaleRequirementFiles } from './support/files';

type Vars = Record<string, unknown>;
let seq = 9810000;
let gateway = '';
beforeAll(() => {
  gateway = testStack().gatewayUrl;
});

const as = (token: string) => createClient({ url: gateway, token });
const ids = (c: { edges: { node: { id: string } }[] }) => c.edges.map((e) => e.node.id);
const dueTimes = (c: { edges: { node: { dueAt?: string | null } }[] }) => c.edges.map((e) => Date.parse(e.node.dueAt!));
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const HOUR = 3_600_000;

/** The typed operation is refused with `code` (the whole answer, so the data is checked empty too). */
async function refusedTyped<R, V>(token: string, doc: TypedDocumentNode<R, V>, variables: V, code: string) {
  const answer = await as(token).execute(doc as TypedDocumentNode<R, Record<string, unknown>>, variables as Record<string, unknown>);
  expect(answer.errors?.map((e) => e.extensions?.code)).toEqual([code]);
}

async function customer(token: string, name: string): Promise<string> {
  return (
    await ok(token, `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`, {
      i: { kind: 'BUSINESS', name, taxId: String(++seq) },
    })
  ).registerCustomer.customer.id as string;
}

describe('work queues sorted by due time (issue #15)', () => {
  test('leads of companies that are not customers yet, and proposals waiting for compliance by delivery day; the overview in one query', async () => {
    const tenant = uniqueTenant('wqd-pro');
    const [director, presales, compliance, area, executive, admin] = await Promise.all([
      tokenFor(tenant, ['COMMERCIAL_DIRECTOR'], { sub: 'dir-wq' }),
      tokenFor(tenant, ['PRESALES'], { sub: 'pre-wq' }),
      tokenFor(tenant, ['COMPLIANCE'], { sub: 'cmp-wq' }),
      tokenFor(tenant, ['SERVICE_AREA'], { sub: 'soc-wq' }),
      tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exe-wq' }),
      tokenFor(tenant, ['ADMIN'], { sub: 'adm-wq' }),
    ]);
    const lead = async (companyName: string, customerId?: string) =>
      (
        await as(director).request(RegisterLeadDocument, {
          input: { companyName, source: 'FORUM', requirement: 'SOC gestionado', ...(customerId ? { customerId } : {}) },
        })
      ).registerLead.lead;

    // Two companies that are not customers, and one that is (not in the queue).
    const known = await customer(admin, 'Ya Cliente SA');
    const l1 = await lead('Minera Andina SA');
    const l2 = await lead('Textiles del Valle SRL');
    await waitFor('proposals to know the customer', async () =>
      (
        await execute<any>(
          `mutation($i: RegisterLeadInput!) { registerLead(input: $i) { lead { id } } }`,
          {
            i: {
              companyName: 'Ya Cliente SA',
              source: 'MEETING',
              requirement: 'NOC',
              customerId: known,
              requirementForm: { visitedOn: inDays(-1), contactName: 'Luis', needs: 'NOC' },
            },
          },
          { token: director },
        )
      ).errors
        ? undefined
        : true,
    );
    let leads = (await as(director).request(LeadsToQualifyDocument, {})).leadsToQualify;
    expect(ids(leads)).toEqual([l1.id, l2.id]);
    // Due from registration (004 sets no deadline): dueAt is the registration, in order.
    expect(leads.edges.map((e) => e.node.dueAt)).toEqual(leads.edges.map((e) => e.node.registeredAt));
    expect(ids((await as(director).request(LeadsToQualifyDocument, { filter: { source: 'MEETING' } })).leadsToQualify)).toEqual([]);
    const page1 = (await as(director).request(LeadsToQualifyDocument, { first: 1 })).leadsToQualify;
    expect(ids(page1)).toEqual([l1.id]);
    expect(ids((await as(director).request(LeadsToQualifyDocument, { first: 1, after: page1.pageInfo.endCursor })).leadsToQualify)).toEqual([l2.id]);
    await refusedTyped(executive, LeadsToQualifyDocument, {}, 'FORBIDDEN');

    // Qualifying a lead (its company registered as a prospect) takes it off the queue.
    const minera = await customer(admin, 'Minera Andina SA');
    const o1 = await waitFor('proposals to know the prospect', async () => {
      const r = await as(director).execute(QualifyLeadDocument, {
        input: { leadId: l1.id, customerId: minera, title: 'SOC minero', requirementType: 'SERVICE', serviceLines: ['SOC'] },
      });
      return r.errors ? undefined : r.data!.qualifyLead.opportunity;
    });
    leads = (await as(director).request(LeadsToQualifyDocument, {})).leadsToQualify;
    expect(ids(leads)).toEqual([l2.id]);

    // Walk two opportunities to compliance: the later delivery submitted first, the nearer one second.
    const act = async (token: string, name: string, input: string, i: Vars) =>
      (await ok(token, `mutation($i: ${input}!) { ${name}(input: $i) { opportunity { id version status } } }`, { i }))[name].opportunity;
    const toGo = async (o: { id: string; version: number }) => {
      let x = await act(director, 'validateOpportunity', 'ValidateOpportunityInput', {
        opportunityId: o.id,
        expectedVersion: o.version,
        aspect: 'ADMINISTRATIVE',
      });
      x = await act(presales, 'validateOpportunity', 'ValidateOpportunityInput', { opportunityId: x.id, expectedVersion: x.version, aspect: 'TECHNICAL' });
      x = await act(area, 'recordContribution', 'RecordContributionInput', {
        opportunityId: x.id,
        expectedVersion: x.version,
        area: 'SOC',
        summary: '3 analistas por turno',
      });
      x = await act(presales, 'recordSizing', 'RecordSizingInput', {
        opportunityId: x.id,
        expectedVersion: x.version,
        costLines: [{ description: 'Analistas', kind: 'MONTHLY', amount: '2000' }],
        oneTimePrice: '1000',
        monthlyPrice: '3000',
        termMonths: 12,
      });
      return act(director, 'decideBusinessCase', 'DecideBusinessCaseInput', { opportunityId: x.id, expectedVersion: x.version, decision: 'GO' });
    };
    const submit = (o: { id: string; version: number }, delivery: string) =>
      act(presales, 'submitProposal', 'SubmitProposalInput', {
        opportunityId: o.id,
        expectedVersion: o.version,
        technicalSummary: 'SOC 24/7',
        economicSummary: '12 meses',
        price: '37000',
        committedDeliveryDate: delivery,
      });
    const textiles = await customer(admin, 'Textiles del Valle SRL');
    const o2 = await waitFor('proposals to know the second prospect', async () => {
      const r = await as(director).execute(QualifyLeadDocument, {
        input: { leadId: l2.id, customerId: textiles, title: 'NOC textil', requirementType: 'SERVICE', serviceLines: ['NOC'] },
      });
      return r.errors ? undefined : r.data!.qualifyLead.opportunity;
    });
    const go1 = await toGo(o1);
    const go2 = await toGo(o2);
    // GO is not yet compliance's work.
    expect(ids((await as(compliance).request(ProposalsAwaitingComplianceDocument, {})).proposalsAwaitingCompliance)).toEqual([]);
    const far = await submit(go1, inDays(20));
    const near = await submit(go2, inDays(10));
    const queue = (await as(compliance).request(ProposalsAwaitingComplianceDocument, {})).proposalsAwaitingCompliance;
    expect(ids(queue)).toEqual([near.id, far.id]);
    const due = dueTimes(queue);
    expect(due[0]).toBeLessThan(due[1]!);
    // Due when the committed delivery day starts (tenant zone La Paz, UTC−4: 04:00 UTC that day).
    expect(queue.edges.map((e) => e.node.dueAt)).toEqual(queue.edges.map((e) => `${e.node.currentProposal!.committedDeliveryDate}T04:00:00.000Z`));
    await refusedTyped(presales, ProposalsAwaitingComplianceDocument, {}, 'FORBIDDEN');

    // The overview: compliance sees its one queue with the count and first due time; nothing else (the
    // post-sale bandeja is readable by all staff but is the clerks' and executives' work).
    const mine = (await as(compliance).request(MyWorkQueuesDocument)).me;
    expect(mine).toMatchObject({ salesQueues: [], postSaleQueues: [], supportQueues: [], collectionsQueues: [] });
    expect(mine.proposalQueues).toEqual([{ queue: 'proposalsAwaitingCompliance', count: 2, oldestDueAt: queue.edges[0]!.node.dueAt }]);
    const directorView = (await as(director).request(MyWorkQueuesDocument)).me.proposalQueues;
    expect(directorView).toEqual([
      { queue: 'leadsToQualify', count: 0, oldestDueAt: null },
      { queue: 'proposalsAwaitingCompliance', count: 2, oldestDueAt: queue.edges[0]!.node.dueAt },
    ]);

    // Compliance approves the nearer one: it leaves the queue and the overview.
    await act(compliance, 'reviewProposal', 'ReviewProposalInput', { opportunityId: near.id, expectedVersion: near.version, outcome: 'APPROVED' });
    expect(ids((await as(compliance).request(ProposalsAwaitingComplianceDocument, {})).proposalsAwaitingCompliance)).toEqual([far.id]);
    expect((await as(compliance).request(MyWorkQueuesDocument)).me.proposalQueues).toEqual([
      { queue: 'proposalsAwaitingCompliance', count: 1, oldestDueAt: queue.edges[1]!.node.dueAt },
    ]);
  });

  test('resolved billing claims wait for the call to the customer (24 h after the resolution) and invoices for their delivery (by payment due day)', async () => {
    const tenant = uniqueTenant('wqd-col');
    const [clerk, exec, utar, analyst, erp] = await Promise.all([
      tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clk-wq' }),
      tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exe-wq' }),
      tokenFor(tenant, ['CLAIMS_UNIT'], { sub: 'utar-wq' }),
      tokenFor(tenant, ['TECHNICAL_ANALYST'], { sub: 'ana-wq' }),
      tokenFor(tenant, ['PARTNER'], { sub: 'erp-wq', scopes: ['write', 'billing:write'] }),
    ]);
    const customerId = await customer(clerk, 'Reclamos en Cola SRL');
    const accountId = await waitFor('collections to know the customer', async () => {
      const r = await execute<any>(
        `mutation($c: ID!) { openBillingAccount(input: { customerId: $c, currency: "BOB" }) { billingAccount { id } } }`,
        { c: customerId },
        { token: clerk },
      );
      return r.errors ? undefined : (r.data.openBillingAccount.billingAccount.id as string);
    });
    const invoice = async (externalId: string, period: string, dueDate: string) =>
      (
        await as(erp).request(ImportInvoiceDocument, {
          input: {
            billingAccountId: accountId,
            externalId,
            period,
            dueDate,
            total: '100.00',
            lines: [{ kind: 'PLAN_FEE', description: 'Plan', amount: '100.00' }],
          },
        })
      ).importInvoice.invoice;
    // The later due date issued first: the queue goes by due day, not by issue.
    const late = await invoice('ERP-WQ-1', '2026-03', '2026-04-20');
    const early = await invoice('ERP-WQ-2', '2026-02', '2026-03-20');
    const toDeliver = (await as(clerk).request(InvoicesToDeliverDocument, { filter: { billingAccountId: accountId } })).invoicesToDeliver;
    expect(ids(toDeliver)).toEqual([early.id, late.id]);
    expect(toDeliver.edges.map((e) => e.node.dueAt)).toEqual(['2026-03-20T04:00:00.000Z', '2026-04-20T04:00:00.000Z']);
    expect(ids((await as(exec).request(InvoicesToDeliverDocument, { filter: { period: '2026-03' } })).invoicesToDeliver)).toEqual([late.id]);
    await refusedTyped(analyst, InvoicesToDeliverDocument, {}, 'FORBIDDEN');
    // Delivered: it leaves the queue (a second delivery changes nothing).
    const delivered = (await as(exec).request(RecordInvoiceDeliveryDocument, { input: { invoiceId: early.id, channel: 'EMAIL' } })).recordInvoiceDelivery;
    expect(delivered.invoice.dueAt).toBeNull();
    await as(exec).request(RecordInvoiceDeliveryDocument, { input: { invoiceId: early.id, channel: 'WHATSAPP' } });
    expect(ids((await as(clerk).request(InvoicesToDeliverDocument, {})).invoicesToDeliver)).toEqual([late.id]);

    // Two claims registered A then B; the claims unit resolves B first: B's call is due first.
    const claim = async (invoiceId: string, description: string) =>
      (await as(clerk).request(RegisterBillingClaimDocument, { input: { invoiceId, description } })).registerBillingClaim.billingClaim;
    const a = await claim(early.id, 'Cobro de días sin servicio');
    const b = await claim(late.id, 'Cargo duplicado');
    // ASSIGNED claims are the claims unit's, not yet a call to make.
    expect(ids((await as(exec).request(BillingClaimsToTellDocument, {})).billingClaimsToTell)).toEqual([]);
    const rb = (await as(utar).request(ResolveBillingClaimDocument, { input: { claimId: b.id, accepted: false, reason: 'El cargo corresponde al mes' } }))
      .resolveBillingClaim.billingClaim;
    const ra = (
      await as(utar).request(ResolveBillingClaimDocument, {
        input: { claimId: a.id, accepted: true, creditAmount: '20.00', reason: 'Se acredita lo no prestado' },
      })
    ).resolveBillingClaim.billingClaim;
    const toTell = (await as(exec).request(BillingClaimsToTellDocument, {})).billingClaimsToTell;
    expect(ids(toTell)).toEqual([b.id, a.id]);
    // Due the tenant's timeliness hours (default 24) after each resolution.
    expect(dueTimes(toTell)).toEqual([Date.parse(rb.resolvedAt!) + 24 * HOUR, Date.parse(ra.resolvedAt!) + 24 * HOUR]);
    expect(ids((await as(clerk).request(BillingClaimsToTellDocument, { filter: { outcome: 'ACCEPTED' } })).billingClaimsToTell)).toEqual([a.id]);
    await refusedTyped(utar, BillingClaimsToTellDocument, {}, 'FORBIDDEN');

    // The overview of a clerk: the collections queues with counts and first due times.
    const me = (await as(clerk).request(MyWorkQueuesDocument)).me;
    expect(me.collectionsQueues).toEqual([
      { queue: 'billingClaimsToTell', count: 2, oldestDueAt: toTell.edges[0]!.node.dueAt },
      { queue: 'invoicesToDeliver', count: 1, oldestDueAt: '2026-04-20T04:00:00.000Z' },
    ]);
    expect(me.proposalQueues).toEqual([]);

    // The customer told, satisfied: B leaves; A stays until its call.
    const told = (await as(exec).request(InformBillingClaimOutcomeDocument, { input: { claimId: b.id, satisfied: true } })).informBillingClaimOutcome
      .billingClaim;
    expect(told).toMatchObject({ status: 'CLOSED', dueAt: null });
    expect(ids((await as(exec).request(BillingClaimsToTellDocument, {})).billingClaimsToTell)).toEqual([a.id]);
  });

  test('damage tickets: the coordinator assigns and reassigns, the queue filters by assignee; withdrawals wait for their equipment until the retrieval closes', async () => {
    const tenant = uniqueTenant('wqd-ts');
    const [coord, analyst, exec, clerk, admin] = await Promise.all([
      tokenFor(tenant, ['TECHNICAL_COORDINATOR'], { sub: 'coo-wq' }),
      tokenFor(tenant, ['TECHNICAL_ANALYST'], { sub: 'ana-wq' }),
      tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exe-wq' }),
      tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clk-wq' }),
      tokenFor(tenant, ['ADMIN'], { sub: 'adm-wq' }),
    ]);
    const customerId = await customer(admin, 'Averías en Cola SRL');
    const REG = `mutation($i: RegisterDamageTicketInput!) { registerDamageTicket(input: $i) { ticket { id status version } } }`;
    const register = (installedProductId: string, service: string) =>
      waitFor('techsupport to know the customer', async () => {
        const r = await execute<any>(
          REG,
          { i: { customerId, installedProductId, service, cause: 'Sin servicio', address: 'Calle Junín 99, Sacaba', referencePhone: '70712345' } },
          { token: exec },
        );
        if (r.errors?.[0]?.extensions?.code === 'NOT_FOUND') return undefined;
        if (r.errors) throw new Error(JSON.stringify(r.errors));
        return r.data!.registerDamageTicket.ticket as { id: string; status: string; version: number };
      });
    const t1 = await register('ip-wq-1', 'LINE');
    const t2 = await register('ip-wq-2', 'TV');
    const all = (await as(coord).request(DamageTicketQueueDocument, {})).damageTicketQueue;
    expect(ids(all)).toEqual([t1.id, t2.id]);
    expect(all.edges.map((e) => Date.parse(e.node.dueAt!) - Date.parse(e.node.createdAt))).toEqual([24 * HOUR, 24 * HOUR]);
    expect(all.edges.map((e) => e.node.assigneeId)).toEqual([null, null]);

    let assigned = (await as(coord).request(AssignDamageTicketDocument, { input: { ticketId: t2.id, expectedVersion: t2.version, assigneeId: 'ana-wq' } }))
      .assignDamageTicket.ticket;
    expect(assigned).toMatchObject({ assigneeId: 'ana-wq', status: 'WITH_COORDINATOR' });
    expect(ids((await as(analyst).request(DamageTicketQueueDocument, { filter: { assigneeId: 'ana-wq' } })).damageTicketQueue)).toEqual([t2.id]);
    // The same person again is an act already done; a stale version a clash; an analyst may not assign.
    const again = await as(coord).execute(AssignDamageTicketDocument, { input: { ticketId: t2.id, expectedVersion: assigned.version, assigneeId: 'ana-wq' } });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await refusedTyped(coord, AssignDamageTicketDocument, { input: { ticketId: t2.id, expectedVersion: t2.version, assigneeId: 'coo-wq' } }, 'CONFLICT');
    await refusedTyped(analyst, AssignDamageTicketDocument, { input: { ticketId: t1.id, expectedVersion: t1.version, assigneeId: 'ana-wq' } }, 'FORBIDDEN');
    // Reassigned: it leaves the analyst's filter and joins the coordinator's.
    assigned = (await as(coord).request(AssignDamageTicketDocument, { input: { ticketId: t2.id, expectedVersion: assigned.version, assigneeId: 'coo-wq' } }))
      .assignDamageTicket.ticket;
    expect(assigned.history.at(-1)!.note).toBe('reassigned from ana-wq to coo-wq');
    expect(ids((await as(analyst).request(DamageTicketQueueDocument, { filter: { assigneeId: 'ana-wq' } })).damageTicketQueue)).toEqual([]);
    expect(ids((await as(coord).request(DamageTicketQueueDocument, { filter: { assigneeId: 'coo-wq' } })).damageTicketQueue)).toEqual([t2.id]);
    await refusedTyped(exec, DamageTicketQueueDocument, {}, 'FORBIDDEN');

    // Withdrawals: a received one does not wait for equipment yet; entered, its retrieval work order is in the field.
    const REGISTER_PRODUCT = `mutation($i: RegisterInstalledProductInput!) { registerInstalledProduct(input: $i) { installedProduct { id } } }`;
    const product = (n: number) =>
      waitFor('post-sale to know the customer', async () => {
        const r = await execute<any>(
          REGISTER_PRODUCT,
          {
            i: {
              customerId,
              planCode: 'INET-50',
              family: 'INTERNET',
              serviceNumber: `77${++seq}`,
              installationAddress: `Calle Colombia ${n}, Cochabamba`,
              technology: 'FIBER',
              monthlyFee: '150.00',
            },
          },
          { token: clerk },
        );
        return r.errors?.length ? undefined : (r.data.registerInstalledProduct.installedProduct.id as string);
      });
    const withdraw = async (installedProductId: string) => {
      const received = (
        await ok(clerk, `mutation($i: ReceivePostSaleRequestInput!) { receivePostSaleRequest(input: $i) { request { id status } } }`, {
          i: {
            type: 'WITHDRAWAL',
            customerId,
            installedProductId,
            channel: 'LETTER',
            requirementAttachments: await postsaleRequirementFiles(clerk, customerId),
            withdrawal: { reason: 'Cierra la sucursal', equipment: [{ code: 'ONT-1', description: 'ONT', value: '350.00' }] },
          },
        })
      ).receivePostSaleRequest.request;
      await ok(exec, `mutation($i: RecordRetentionOfferInput!) { recordRetentionOffer(input: $i) { request { status } } }`, {
        i: { requestId: received.id, offer: 'Tres meses a mitad de precio', accepted: false },
      });
      return received.id as string;
    };
    const enter = async (requestId: string) =>
      (
        await ok(clerk, `mutation($i: EnterPostSaleRequestInput!) { enterPostSaleRequest(input: $i) { request { id status } } }`, {
          i: { requestId, acceptEarlyTerminationPenalty: true },
        })
      ).enterPostSaleRequest.request;
    const w1 = await withdraw(await product(1));
    const w2 = await withdraw(await product(2));
    expect(ids((await as(clerk).request(WithdrawalsAwaitingEquipmentDocument, {})).withdrawalsAwaitingEquipment)).toEqual([]);
    // Entered w2 first, then w1: the first entered is the first due (work-order deadline, default 5 days).
    expect((await enter(w2)).status).toBe('IN_FIELD');
    expect((await enter(w1)).status).toBe('IN_FIELD');
    const waiting = (await as(clerk).request(WithdrawalsAwaitingEquipmentDocument, { filter: { customerId } })).withdrawalsAwaitingEquipment;
    expect(ids(waiting)).toEqual([w2, w1]);
    const due = dueTimes(waiting);
    expect(due[0]).toBeLessThanOrEqual(due[1]!);
    const enteredAt = await Promise.all(
      [w2, w1].map(async (id) => Date.parse((await ok(clerk, `query($id: ID!) { postSaleRequest(id: $id) { enteredAt } }`, { id })).postSaleRequest.enteredAt)),
    );
    expect(due).toEqual(enteredAt.map((t) => t + 5 * 24 * HOUR));
    await refusedTyped(coord, WithdrawalsAwaitingEquipmentDocument, {}, 'FORBIDDEN');
    expect((await as(clerk).request(MyWorkQueuesDocument)).me.postSaleQueues).toEqual([
      { queue: 'postSaleRequests', count: 2, oldestDueAt: expect.any(String) },
      { queue: 'withdrawalsAwaitingEquipment', count: 2, oldestDueAt: waiting.edges[0]!.node.dueAt },
    ]);

    // The retrieval of w2 closes with the equipment back: w2 leaves the queue (QC call next), w1 stays.
    const WO = `id type status version`;
    const retrieval = await waitFor('the retrieval work order of w2', async () => {
      const r = await ok(coord, `query($id: ID!) { postSaleRequest(id: $id) { workOrderId } }`, { id: w2 });
      return r.postSaleRequest.workOrderId ?? undefined;
    });
    let wo = (await ok(coord, `query($id: ID!) { workOrder(id: $id) { ${WO} } }`, { id: retrieval })).workOrder;
    wo = (
      await ok(coord, `mutation($i: AssignWorkOrderInput!) { assignWorkOrder(input: $i) { workOrder { ${WO} } } }`, {
        i: { workOrderId: wo.id, expectedVersion: wo.version, crew: 'CUADRILLA-1' },
      })
    ).assignWorkOrder.workOrder;
    wo = (
      await ok(coord, `mutation($i: WorkOrderVersionInput!) { startWorkOrder(input: $i) { workOrder { ${WO} } } }`, {
        i: { workOrderId: wo.id, expectedVersion: wo.version },
      })
    ).startWorkOrder.workOrder;
    await ok(coord, `mutation($i: CloseWorkOrderInput!) { closeWorkOrder(input: $i) { workOrder { status } } }`, {
      i: {
        workOrderId: wo.id,
        expectedVersion: wo.version,
        outcome: 'CLOSED_RESOLVED',
        resolutionNotes: 'ONT recogida',
        equipmentReturned: [{ code: 'ONT-1', condition: 'OK' }],
      },
    });
    await waitFor('w2 back from the field', async () =>
      ids((await as(clerk).request(WithdrawalsAwaitingEquipmentDocument, {})).withdrawalsAwaitingEquipment).join() === w1 ? true : undefined,
    );
    // No reconciliation check: the products were registered by hand, which collections never billed.
  });
});
