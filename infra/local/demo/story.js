'use strict';
/**
 * The demo story of one tenant, told through the real flows (every event produced by the subgraph that
 * owns it, nothing written behind the graph's back): staff, catalog and network; one customer per life
 * stage (infra/local/demo/tenants.js) sold through the business channel (000 A1–A14); then the
 * tenant's business clock is advanced so the month is billed (R-COL-BILL1), some invoices are paid and
 * one falls overdue and gets a promise (002 I). The tenant ends a little ahead of the wall clock.
 */
const { localDay } = require('../../../services/common/dist');
// Every operation is one of @vinculo/client's typed documents (client/operations/*.graphql).
const C = require('../../../client/dist');
const { graphClient } = require('./client');
const { uploadRequirements } = require('../files');

/** Demo staff: the employee id is the user id in that person's token. */
const STAFF = {
  lead: { id: 'emp-responsable-1', name: 'Responsable de Equipo Demo', roles: ['SALES_TEAM_LEAD'] },
  exec: { id: 'emp-ejecutiva-1', name: 'Ejecutiva de Cuentas Demo', roles: ['ACCOUNT_EXECUTIVE'] },
  clerk: { id: 'emp-auxiliar-1', name: 'Auxiliar Comercial Demo', roles: ['COMMERCIAL_CLERK'] },
  director: { id: 'emp-gerente-1', name: 'Gerencia Comercial Demo', roles: ['COMMERCIAL_DIRECTOR'] },
  coordinator: { id: 'emp-coordinador-1', name: 'Coordinación Técnica Demo', roles: ['TECHNICAL_COORDINATOR'] },
  analyst: { id: 'emp-analista-1', name: 'Analista Técnico Demo', roles: ['TECHNICAL_ANALYST'] },
  digital: { id: 'emp-ventas-digitales-1', name: 'Agente de Ventas Digitales Demo', roles: ['DIGITAL_SALES_AGENT'] },
};

const DAY = 86_400_000;

const STAGE_ORDER = ['PROSPECT_WITH_PROJECT', 'INSTALLING', 'ACTIVE_BILLED', 'SUSPENDED', 'OVERDUE_WITH_PROMISE', 'WITHDRAWN'];
const reaches = (stage, step) => STAGE_ORDER.indexOf(stage) >= STAGE_ORDER.indexOf(step);
const requirementsOf = (kind) =>
  kind === 'BUSINESS' ? ['REQUEST_LETTER', 'TAX_ID', 'LEGAL_REPRESENTATIVE_ID', 'POWER_OF_ATTORNEY'] : ['REQUEST_LETTER', 'IDENTITY_CARD'];
const POSTSALE_REQUIREMENTS = ['REQUEST_LETTER', 'ID_DOCUMENT', 'TAX_ID', 'POWER_OF_ATTORNEY'];

const postsaleFilesOf = new Map();

/** The customer's files for every post-sale requirement, uploaded once (the papers in the customer's folder). */
async function postsaleFiles(g, tok, b) {
  if (!postsaleFilesOf.has(b.customerId)) {
    const files = await uploadRequirements(g.url, tok.clerk, b.customerId, POSTSALE_REQUIREMENTS);
    postsaleFilesOf.set(
      b.customerId,
      files.map((f) => ({ requirement: f.document, attachmentId: f.attachmentId })),
    );
  }
  return postsaleFilesOf.get(b.customerId);
}

/**
 * Tells one tenant's story. `t.id` is the tenant (a suffixed copy in tests). Returns what was built,
 * by stage, for the caller's checks. Idempotent at tenant level: a tenant with customers is left alone.
 */
async function tellStory(url, secret, t, log = () => {}) {
  const g = graphClient(url, secret, t.id);
  const admin = await g.token('demo-admin', ['ADMIN']);
  const existing = await g.must(admin, C.DemoHasCustomersDocument, {}, 'customers');
  if (existing.customers.edges.length) return { seeded: false };

  const tok = {};
  for (const [k, s] of Object.entries(STAFF)) tok[k] = await g.token(s.id, s.roles);

  // The tenant's country decides the tax-id formats, so it is configured before any customer.
  await g.must(admin, C.ConfigureTenantDocument, { input: { expectedVersion: 0, currency: t.currency, ...t.settings } }, 'configureTenant');
  for (const s of Object.values(STAFF)) {
    await g.must(
      admin,
      C.RegisterEmployeeDocument,
      { input: { id: s.id, name: s.name, email: `${s.id}@${t.id}.example`, roles: s.roles } },
      `registerEmployee ${s.id}`,
    );
  }
  await g.must(admin, C.AssignTeamLeadDocument, { input: { employeeId: STAFF.exec.id, teamLeadId: STAFF.lead.id } }, 'assignTeamLead');
  for (const plan of t.plans) await g.untilKnown(tok.director, C.DefinePlanDocument, { input: plan }, `definePlan ${plan.code}`);
  const zone = t.settings.timeZone;
  const month = localDay(new Date(await businessNowOf(g, admin)), zone).slice(0, 7);
  await g.untilKnown(
    tok.lead,
    C.SetSalesTargetDocument,
    { input: { executiveId: STAFF.exec.id, month, newCapturesCount: 5, newCapturesAmount: t.plans[0].monthlyFee } },
    'setSalesTarget',
  );
  if (t.network) {
    const header = 'code,kind,technology,district,latitude,longitude,coverageRadiusM,portsTotal,portsUsed,maxSpeedMbps';
    const r = await g.must(
      tok.coordinator,
      C.ImportNetworkNodesDocument,
      { input: { format: 'CSV', content: [header, ...t.network].join('\n') } },
      'importNetworkNodes',
    );
    if (r.importNetworkNodes.errors.length) throw new Error(`seed ${t.id} network: ${JSON.stringify(r.importNetworkNodes.errors)}`);
  }

  // Month M: every customer sold through the business channel as far as its stage goes.
  const built = [];
  for (const c of t.customers) built.push(await sell(g, t, tok, c));
  const byStage = Object.fromEntries(built.map((b) => [b.stage, b]));

  const active = byStage.ACTIVE_BILLED;
  if (active?.newNeed) await portfolioSale(g, t, tok, active);
  if (active && t.network) await callDetail(g, t, tok, active, month);
  if (byStage.SUSPENDED) await suspend(g, t, tok, byStage.SUSPENDED);
  for (const lead of t.leads ?? []) {
    const customerId = lead.existingCustomer ? built.find((b) => b.name === lead.existingCustomer)?.customerId : undefined;
    const { existingCustomer, ...input } = lead;
    await g.untilKnown(tok.director, C.RegisterLeadDocument, { input: { ...input, ...(customerId ? { customerId } : {}) } }, 'registerLead');
  }
  if (t.digitalRequest) await g.must(tok.digital, C.ReceiveDigitalSaleRequestDocument, { input: t.digitalRequest }, 'receiveDigitalSaleRequest');
  if (active && t.network) {
    // 002 E: a damage ticket on the active customer's internet.
    const c = t.customers.find((x) => x.stage === 'ACTIVE_BILLED');
    await g.untilKnown(
      tok.clerk,
      C.RegisterDamageTicketDocument,
      {
        input: {
          customerId: active.customerId,
          service: 'INTERNET',
          cause: 'Servicio intermitente desde la tormenta',
          address: c.address,
          referencePhone: t.phone,
        },
      },
      'registerDamageTicket',
    );
  }

  // Month M+1: the tenant lives into the next month; its billing job bills M (R-COL-BILL1).
  const [y, m] = month.split('-').map(Number);
  const nextMonth = new Date(Date.UTC(y, m, 2, 15, 0, 0)); // the 2nd of M+1, mid-morning in the Americas
  await advanceClock(g, admin, nextMonth);
  const billed = built.filter((b) => b.billingAccountId && b.stage !== 'INSTALLING' && b.stage !== 'PROSPECT_WITH_PROJECT');
  const invoices = {};
  for (const b of billed) {
    invoices[b.stage] = await g.until(
      tok.clerk,
      C.DemoBillingAccountDocument,
      { id: b.billingAccountId },
      (d) => d.billingAccount.invoices.edges.map((e) => e.node).find((i) => i.period === month),
      `the ${month} invoice of ${b.name}`,
      120_000,
    );
  }
  // Everyone pays the month but the overdue one (the customer withdrawn next still pays its month in service).
  for (const b of billed.filter((x) => x.stage !== 'OVERDUE_WITH_PROMISE')) {
    const acc = (await g.must(tok.clerk, C.DemoBillingAccountDocument, { id: b.billingAccountId }, 'account')).billingAccount;
    if (Number(acc.balance.amount) > 0) {
      await g.must(
        tok.clerk,
        C.RegisterPaymentDocument,
        { input: { billingAccountId: b.billingAccountId, amount: acc.balance.amount, channel: 'BANK', externalReference: `DEMO-${b.stage}-${month}` } },
        `registerPayment ${b.name}`,
      );
    }
  }
  // Withdrawn in M+1, after a month in service: its final bill comes with the next month's billing.
  if (byStage.WITHDRAWN) await withdraw(g, t, tok, byStage.WITHDRAWN);
  const overdue = byStage.OVERDUE_WITH_PROMISE;
  if (overdue) {
    // Past the due date and the tenant's overdue days (policy overdueAfterDays, default 30): the
    // standings job marks the account OVERDUE.
    const due = new Date(`${invoices.OVERDUE_WITH_PROMISE.dueDate}T15:00:00Z`);
    await advanceClock(g, admin, new Date(due.getTime() + 31 * DAY));
    const acc = await g.until(
      tok.clerk,
      C.DemoBillingAccountDocument,
      { id: overdue.billingAccountId },
      (d) => (d.billingAccount.standing === 'OVERDUE' ? d.billingAccount : undefined),
      `${overdue.name} OVERDUE`,
      120_000,
    );
    const today = new Date(await businessNowOf(g, admin));
    await g.must(
      tok.clerk,
      C.RecordPaymentPromiseDocument,
      {
        input: {
          billingAccountId: overdue.billingAccountId,
          promisedDate: localDay(new Date(today.getTime() + 5 * DAY), zone),
          amount: acc.balance.amount,
          note: 'Pagará con la transferencia de fin de semana',
        },
      },
      'recordPaymentPromise',
    );
  }
  log(`${t.id}: ${built.length} customers (${t.label}), business clock at ${await businessNowOf(g, admin)}`);
  return { seeded: true, built, invoices, month };
}

/** Sale to the customer's stage: project → offer → order → installation → activation. */
async function sell(g, t, tok, c) {
  const out = { stage: c.stage, name: c.name };
  out.customerId = (
    await g.must(
      tok.clerk,
      C.RegisterCustomerDocument,
      { input: { kind: c.kind, name: c.name, ...(c.taxId ? { taxId: c.taxId } : { identityCard: c.identityCard }) } },
      `registerCustomer ${c.name}`,
    )
  ).registerCustomer.customer.id;
  await g.must(
    tok.clerk,
    C.AddContactDocument,
    {
      input: {
        customerId: out.customerId,
        contact: {
          name: `Contacto de ${c.name.split(' ')[0]}`,
          role: 'Gerente',
          phone: t.phone,
          email: `contacto.${out.customerId.slice(-6)}@${t.id}.example`,
        },
      },
    },
    'addContact',
  );
  await g.must(
    await g.token('demo-admin', ['ADMIN']),
    C.AssignPortfolioDocument,
    { input: { customerId: out.customerId, executiveId: STAFF.exec.id } },
    'assignPortfolio',
  );
  let p = (
    await g.untilKnown(
      tok.exec,
      C.DraftSaleProjectDocument,
      {
        input: {
          customerId: out.customerId,
          kind: 'NEW_CAPTURE',
          needs: `Servicio ${c.plan} para ${c.name}`,
          items: [{ planCode: c.plan }],
          installationAddress: c.address,
          location: c.location,
        },
      },
      `draftSaleProject ${c.name}`,
    )
  ).draftSaleProject.saleProject;
  p = (await g.must(tok.lead, C.ApproveSaleProjectDocument, { input: { projectId: p.id, expectedVersion: p.version, note: 'Vo.Bo.' } }, 'approveSaleProject'))
    .approveSaleProject.saleProject;
  p = await g.until(
    tok.clerk,
    C.CheckSaleProjectFeasibilityDocument,
    { input: { projectId: p.id, expectedVersion: p.version } },
    (d) => {
      const r = d.checkSaleProjectFeasibility.saleProject;
      p = r;
      return r.status === 'FEASIBLE' ? r : undefined;
    },
    `${c.name} feasible`,
  );
  const today = new Date(await businessNowOf(g, tok.clerk));
  p = (
    await g.must(
      tok.exec,
      C.MakeCommercialOfferDocument,
      {
        input: {
          projectId: p.id,
          expectedVersion: p.version,
          validUntil: localDay(new Date(today.getTime() + 15 * DAY), t.settings.timeZone),
          channel: 'EMAIL',
        },
      },
      'makeCommercialOffer',
    )
  ).makeCommercialOffer.saleProject;
  out.projectId = p.id;
  if (!reaches(c.stage, 'INSTALLING')) return out;

  // R-SAL-2: each requirement counts only with its file — the clerk scans and uploads them first.
  const docs = await uploadRequirements(g.url, tok.clerk, out.customerId, requirementsOf(c.kind));
  p = (
    await g.untilFilesKnown(
      tok.exec,
      C.AcceptCommercialOfferDocument,
      { input: { projectId: p.id, expectedVersion: p.version, backingAttachments: docs } },
      'acceptCommercialOffer',
    )
  ).acceptCommercialOffer.saleProject;
  const plan = t.plans.find((x) => x.code === c.plan);
  let order = (
    await g.untilFilesKnown(
      tok.clerk,
      C.EnterSalesOrderDocument,
      {
        input: {
          projectId: p.id,
          expectedVersion: p.version,
          lines: [{ planCode: plan.code, monthlyFee: plan.monthlyFee, installationCost: plan.installationCost }],
          requirementAttachments: docs,
        },
      },
      'enterSalesOrder',
    )
  ).enterSalesOrder.salesOrder;
  order = (await g.must(tok.clerk, C.CheckSalesOrderEntryDocument, { input: { orderId: order.id, expectedVersion: order.version } }, 'checkSalesOrderEntry'))
    .checkSalesOrderEntry.salesOrder;
  out.orderId = order.id;
  const wo0 = await g.until(
    tok.coordinator,
    C.DemoSalesOrderProgressDocument,
    { id: order.id },
    (d) => d.salesOrder.installationWorkOrder ?? undefined,
    `${c.name}'s installation work order`,
  );
  let wo = (
    await g.must(
      tok.coordinator,
      C.AssignWorkOrderDocument,
      { input: { workOrderId: wo0.id, expectedVersion: wo0.version, crew: 'CUADRILLA-1' } },
      'assignWorkOrder',
    )
  ).assignWorkOrder.workOrder;
  if (!reaches(c.stage, 'ACTIVE_BILLED')) return out;

  wo = (await g.must(tok.coordinator, C.StartWorkOrderDocument, { input: { workOrderId: wo.id, expectedVersion: wo.version } }, 'startWorkOrder'))
    .startWorkOrder.workOrder;
  const equipmentUsed = plan.technology === 'FIBER' ? t.equipment.map((e) => ({ code: e.code, quantity: 1 })) : [];
  await g.must(
    tok.coordinator,
    C.CloseWorkOrderDocument,
    {
      input: {
        workOrderId: wo.id,
        expectedVersion: wo.version,
        outcome: 'CLOSED_RESOLVED',
        resolutionNotes: 'Servicio instalado y probado con el cliente',
        equipmentUsed,
      },
    },
    'closeWorkOrder',
  );
  order = await g.until(
    tok.exec,
    C.DemoSalesOrderProgressDocument,
    { id: order.id },
    (d) => (d.salesOrder.status === 'INSTALLED' ? d.salesOrder : undefined),
    `${c.name}'s order INSTALLED`,
  );
  await g.must(
    tok.exec,
    C.RecordSalesQualityCallDocument,
    { input: { orderId: order.id, expectedVersion: order.version, outcome: 'OK', note: 'El servicio funciona' } },
    'recordSalesQualityCall',
  );
  const sub = await g.until(
    tok.exec,
    C.DemoSalesOrderProgressDocument,
    { id: order.id },
    (d) => {
      const s = d.salesOrder.subscriptions.edges[0]?.node;
      return s?.billedProduct?.billingAccount && s.billedProduct.status === 'ACTIVE' ? s : undefined;
    },
    `${c.name}'s subscription billed`,
  );
  out.subscriptionId = sub.id;
  out.billingAccountId = sub.billedProduct.billingAccount.id;
  out.equipment = equipmentUsed.length ? t.equipment : [];
  out.newNeed = c.newNeed;
  await g.until(tok.exec, C.DemoCustomerWorkOrdersDocument, { id: out.customerId }, (d) => d.customer.status === 'ACTIVE', `${c.name} ACTIVE`);
  return out;
}

/** 000 B: a preventive review flags a new need; the executive drafts the portfolio sale from it. */
async function portfolioSale(g, t, tok, b) {
  await g.untilKnown(
    tok.analyst,
    C.RecordPreventiveReviewDocument,
    { input: { customerId: b.customerId, installedProductId: b.subscriptionId, outcome: 'CROSS_SELL', suggestion: b.newNeed } },
    'recordPreventiveReview',
  );
  const need = await g.until(
    tok.exec,
    C.EmployeeNewNeedsDocument,
    { id: STAFF.exec.id },
    (d) => d.employee?.newNeeds?.edges.map((e) => e.node).find((n) => n.customer.id === b.customerId && n.status === 'OPEN'),
    'the new need',
  );
  const c = t.customers.find((x) => x.stage === 'ACTIVE_BILLED');
  await g.must(
    tok.exec,
    C.DraftSaleProjectDocument,
    {
      input: {
        customerId: b.customerId,
        kind: 'PORTFOLIO',
        newNeedId: need.id,
        needs: b.newNeed,
        items: [{ planCode: t.plans[t.plans.length > 1 ? 1 : 0].code }],
        installationAddress: c.address,
        location: c.location,
      },
    },
    'draftSaleProject (portfolio)',
  );
}

/** 002 G: the outgoing-call detail of the month, asked by letter (R-PS-G1: its fee reaches the next invoice). */
async function callDetail(g, t, tok, b, month) {
  const r = (
    await g.untilFilesKnown(
      tok.clerk,
      C.ReceivePostSaleRequestDocument,
      {
        input: {
          type: 'CALL_DETAIL',
          customerId: b.customerId,
          installedProductId: b.subscriptionId,
          channel: 'LETTER',
          requirementAttachments: await postsaleFiles(g, tok, b),
          callDetail: { months: [month], carrier: 'OWN', deliveryChannel: 'EMAIL' },
        },
      },
      'receivePostSaleRequest (call detail)',
    )
  ).receivePostSaleRequest.request;
  await g.must(tok.clerk, C.EnterPostSaleRequestDocument, { input: { requestId: r.id } }, 'enterPostSaleRequest (call detail)');
}

/**
 * 002 D: a temporary suspension from tomorrow (the day of activation is billed, so the month has an
 * invoice), long enough to still hold when the story ends (R-PS-D3: at most 4 months).
 */
async function suspend(g, t, tok, b) {
  const today = new Date(await businessNowOf(g, tok.clerk));
  const r = (
    await g.untilFilesKnown(
      tok.clerk,
      C.ReceivePostSaleRequestDocument,
      {
        input: {
          type: 'SUSPENSION',
          customerId: b.customerId,
          installedProductId: b.subscriptionId,
          channel: 'LETTER',
          requirementAttachments: await postsaleFiles(g, tok, b),
          suspension: {
            startDate: localDay(new Date(today.getTime() + DAY), t.settings.timeZone),
            endDate: localDay(new Date(today.getTime() + 110 * DAY), t.settings.timeZone),
          },
        },
      },
      'receivePostSaleRequest (suspension)',
    )
  ).receivePostSaleRequest.request;
  await g.must(tok.clerk, C.EnterPostSaleRequestDocument, { input: { requestId: r.id } }, 'enterPostSaleRequest (suspension)');
  await g.until(
    tok.clerk,
    C.InstalledProductStatusDocument,
    { id: b.subscriptionId },
    (d) => d.installedProduct.billedProduct?.status === 'SUSPENDED',
    `${b.name}'s suspension known to billing`,
  );
}

/** 002 H: withdrawal — retention refused, penalty accepted, equipment back, product withdrawn, QC call. */
async function withdraw(g, t, tok, b) {
  const r = (
    await g.untilFilesKnown(
      tok.clerk,
      C.ReceivePostSaleRequestDocument,
      {
        input: {
          type: 'WITHDRAWAL',
          customerId: b.customerId,
          installedProductId: b.subscriptionId,
          channel: 'LETTER',
          requirementAttachments: await postsaleFiles(g, tok, b),
          withdrawal: { reason: 'Cierre de la sucursal', equipment: b.equipment },
        },
      },
      'receivePostSaleRequest (withdrawal)',
    )
  ).receivePostSaleRequest.request;
  await g.must(
    tok.exec,
    C.RecordRetentionOfferDocument,
    { input: { requestId: r.id, offer: 'Tres meses a mitad de precio', accepted: false } },
    'recordRetentionOffer',
  );
  await g.must(
    tok.clerk,
    C.EnterPostSaleRequestDocument,
    { input: { requestId: r.id, acceptEarlyTerminationPenalty: true } },
    'enterPostSaleRequest (withdrawal)',
  );
  // Equipment at the customer's: techsupport's retrieval work order brings it back.
  const retrieval = b.equipment.length
    ? await g.until(
        tok.coordinator,
        C.DemoCustomerWorkOrdersDocument,
        { id: b.customerId },
        (d) => d.customer.workOrders.edges.map((e) => e.node).find((w) => w.type === 'EQUIPMENT_RETRIEVAL'),
        `${b.name}'s retrieval work order`,
      )
    : undefined;
  if (retrieval) {
    let wo = (
      await g.must(
        tok.coordinator,
        C.AssignWorkOrderDocument,
        { input: { workOrderId: retrieval.id, expectedVersion: retrieval.version, crew: 'CUADRILLA-2' } },
        'assignWorkOrder (retrieval)',
      )
    ).assignWorkOrder.workOrder;
    wo = (await g.must(tok.coordinator, C.StartWorkOrderDocument, { input: { workOrderId: wo.id, expectedVersion: wo.version } }, 'startWorkOrder (retrieval)'))
      .startWorkOrder.workOrder;
    await g.must(
      tok.coordinator,
      C.CloseWorkOrderDocument,
      {
        input: {
          workOrderId: wo.id,
          expectedVersion: wo.version,
          outcome: 'CLOSED_RESOLVED',
          resolutionNotes: 'Equipo retirado en buen estado',
          equipmentReturned: b.equipment.map((e) => ({ code: e.code, condition: 'OK' })),
        },
      },
      'closeWorkOrder (retrieval)',
    );
  }
  await g.until(
    tok.clerk,
    C.PostSaleRequestStatusDocument,
    { id: r.id },
    (d) => ['QC_PENDING', 'CLOSED'].includes(d.postSaleRequest.status),
    `${b.name}'s withdrawal back from the field`,
  );
  await g.until(
    tok.clerk,
    C.InstalledProductStatusDocument,
    { id: b.subscriptionId },
    (d) => d.installedProduct.status === 'WITHDRAWN' && d.installedProduct.billedProduct?.status === 'WITHDRAWN',
    `${b.name} WITHDRAWN`,
  );
  const status = (await g.must(tok.clerk, C.PostSaleRequestStatusDocument, { id: r.id }, 'request')).postSaleRequest.status;
  if (status === 'QC_PENDING')
    await g.must(
      tok.exec,
      C.RecordQualityControlCallDocument,
      { input: { requestId: r.id, outcome: 'OK', note: 'Retiro atendido' } },
      'recordQualityControlCall (withdrawal)',
    );
  await g.until(tok.clerk, C.DemoCustomerWorkOrdersDocument, { id: b.customerId }, (d) => d.customer.status === 'CHURNED', `${b.name} CHURNED`);
}

async function businessNowOf(g, token) {
  return (await g.must(token, C.BusinessClockDocument, {}, 'businessClock')).businessClock.now;
}

/** Moves the tenant's business clock forward (never back); the subgraphs' jobs follow. */
async function advanceClock(g, admin, to) {
  await g.must(admin, C.AdvanceBusinessClockDocument, { input: { to: to.toISOString() } }, `advanceBusinessClock ${to.toISOString()}`);
}

module.exports = { tellStory, STAFF, STAGE_ORDER };
