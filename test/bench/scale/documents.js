'use strict';
/**
 * The documents of one customer's history in every subgraph, as the services hold them after the
 * flows ran (issue #18, `npm run bench:scale`): pure builders, no I/O. Each document is complete —
 * every field the model declares, outbox empty, version set — so the bulk path (insertMany) stores
 * what the services would have written; test/unit/scale-documents.test.ts checks each kind against
 * its mongoose model.
 *
 * One customer (index i) has: the customer and its timeline (customers); its entry in the customer
 * directory of the five subgraphs that keep one; one or two sales orders, INSTALLED (sales); an
 * installed product per order (postsale) mirrored as a subscription (collections) and in techsupport's
 * product read model; a billing account with 12 monthly invoices and (but the last) their payments
 * (collections), and the invoices' facts in sales; the installation work order per order; every 7th
 * customer a damage ticket and its repair work order, every 10th a lead (proposals), every 5th a
 * post-sale request (postsale). Ids have the services' shape (`prefix_` + 32 hex digits).
 */

const DAY = 86_400_000;
const PLANS = [
  { code: 'FIBRA-100', family: 'INTERNET', technology: 'FIBER', speedMbps: 100, feeMinor: 25000 },
  { code: 'FIBRA-300', family: 'INTERNET', technology: 'FIBER', speedMbps: 300, feeMinor: 39000 },
  { code: 'TV-HD', family: 'PAY_TV', technology: 'COAX', speedMbps: null, feeMinor: 12000 },
];
const EXECUTIVES = 40;

/** A service-shaped id, unique per (kind, customer index, child index). */
function idOf(prefix, salt, i, k = 0) {
  return `${prefix}_${salt}${i.toString(16).padStart(12, '0')}${k.toString(16).padStart(4, '0')}`.padEnd(prefix.length + 33, '0');
}

/** `YYYY-MM` of the month `back` months before `now`'s. */
function monthBefore(now, back) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 7);
}

const change = (from, to, at, by) => ({ from, to, by, at, note: null });

/**
 * Every document of customer `i` of `tenantId`, by subgraph and collection. `now` anchors the history
 * (the 12 months end in `now`'s month); `salt` (16 hex digits) keeps ids of different runs apart.
 */
function customerHistory(tenantId, i, now, salt = '0000000000000000') {
  const s = salt.slice(0, 16).padStart(16, '0');
  const business = i % 3 === 0;
  const customerId = idOf('cus', s, i);
  const executiveId = `exec-${i % EXECUTIVES}`;
  const name = business ? `Comercial ${String(i).padStart(6, '0')} SRL` : `Persona ${String(i).padStart(6, '0')} Quispe`;
  const segment = business ? 'BUSINESS' : 'PERSON';
  const since = new Date(now.getTime() - (400 + (i % 300)) * DAY);
  const phone = `7${String(1000000 + i).slice(-7)}`;
  const doc = String(1000000 + i);
  const out = { customers: {}, sales: {}, postsale: {}, collections: {}, techsupport: {}, proposals: {} };

  out.customers.customers = [
    {
      _id: customerId,
      tenantId,
      kind: business ? 'BUSINESS' : 'PERSON',
      name,
      nameKey: name.toLowerCase(),
      tradeName: null,
      tradeNameKey: null,
      taxId: business ? doc : null,
      identityCard: business ? null : doc,
      documentKey: business ? `NIT:${doc}` : `CI:${doc}`,
      activityType: null,
      segment,
      market: business ? 'NON_REGULATED' : 'REGULATED',
      category: null,
      status: 'ACTIVE',
      history: [change(null, 'PROSPECT', since, executiveId), change('PROSPECT', 'ACTIVE', new Date(since.getTime() + 10 * DAY), 'system')],
      statusEventIds: [],
      contacts: [{ id: idOf('con', s, i), name, role: null, phone, whatsapp: phone, email: null, primary: true }],
      phoneKeys: [phone],
      addresses: [
        { id: idOf('adr', s, i), label: 'Principal', line: `Av. Escala ${i}`, city: 'Cochabamba', district: null, neighbourhood: null, coordinates: null },
      ],
      executiveId,
      portfolioHistory: [{ executiveId, previousExecutiveId: null, assignedBy: 'bench', assignedAt: since }],
      createdBy: executiveId,
      createdAt: since,
      updatedAt: since,
      version: 2,
      outbox: [],
    },
  ];

  const directory = { _id: customerId, tenantId, name, kind: business ? 'BUSINESS' : 'PERSON', status: 'ACTIVE', executiveId, updatedAt: since };
  for (const g of ['sales', 'postsale', 'collections', 'techsupport', 'proposals']) out[g].customer_directory = [{ ...directory }];

  const orders = [];
  const products = [];
  const mirrors = [];
  const productEntries = [];
  const workOrders = [];
  const timeline = [];
  const tl = (k, at, kind, eventType, summary, link) =>
    timeline.push({
      _id: idOf('tli', s, i, k),
      tenantId,
      customerId,
      at,
      kind,
      eventType,
      eventId: idOf('evt', s, i, k),
      summary,
      outcome: null,
      summaryEn: summary,
      outcomeEn: null,
      result: null,
      channel: null,
      actor: { userId: executiveId, role: 'ACCOUNT_EXECUTIVE' },
      link,
    });
  tl(0, since, 'ACCOUNT', 'customers.CustomerRegistered', `Registrado ${name}`, { typename: 'Customer', id: customerId });

  const orderCount = i % 4 === 0 ? 2 : 1;
  for (let k = 0; k < orderCount; k++) {
    const plan = PLANS[(i + k) % PLANS.length];
    const orderId = idOf('so', s, i, k);
    const productId = idOf('inp', s, i, k);
    const placedAt = new Date(since.getTime() + (15 + k * 60) * DAY);
    const installedAt = new Date(placedAt.getTime() + 3 * DAY);
    const serviceNumber = `SN-${s.slice(0, 4)}${String(i).padStart(7, '0')}-${k}`;
    const address = `Av. Escala ${i}, Cochabamba`;
    const woId = idOf('wo', s, i, k);
    orders.push({
      _id: orderId,
      tenantId,
      number: `SO-${s.slice(0, 2).toUpperCase()}${(i * 4 + k).toString(36).toUpperCase().padStart(6, '0')}`,
      customerId,
      origin: 'DIRECT',
      saleProjectId: null,
      digitalSaleRequestId: null,
      executiveId,
      planCode: plan.code,
      installationAddress: address,
      currency: 'BOB',
      technology: plan.technology,
      nodeId: null,
      location: null,
      status: 'COMPLETED',
      acceptedLines: [{ planCode: plan.code, monthlyFeeMinor: plan.feeMinor, installationCostMinor: 10000 }],
      enteredLines: [],
      requirementDocuments: business ? ['REQUEST_LETTER', 'TAX_ID', 'LEGAL_REPRESENTATIVE_ID', 'POWER_OF_ATTORNEY'] : ['REQUEST_LETTER', 'IDENTITY_CARD'],
      requirementAttachments: [],
      entryChecks: [],
      workOrders: [{ workOrderId: woId, outcome: 'CLOSED_RESOLVED', closedAt: installedAt }],
      serviceNumber,
      qualityCall: { outcome: 'OK', note: null, at: new Date(installedAt.getTime() + DAY), by: executiveId },
      placedBy: executiveId,
      placedAt,
      installedAt,
      history: [
        change(null, 'PLACED', placedAt, executiveId),
        change('PLACED', 'INSTALLED', installedAt, 'system'),
        change('INSTALLED', 'COMPLETED', new Date(installedAt.getTime() + DAY), executiveId),
      ],
      updatedAt: new Date(installedAt.getTime() + DAY),
      version: 6,
      outbox: [],
    });
    products.push({
      _id: productId,
      tenantId,
      customerId,
      orderId,
      itemId: null,
      planCode: plan.code,
      family: plan.family,
      technology: plan.technology,
      nodeId: null,
      speedMbps: plan.speedMbps,
      serviceNumber,
      installationAddress: address,
      neighbourhood: null,
      monthlyFeeMinor: plan.feeMinor,
      currency: 'BOB',
      installationDate: installedAt.toISOString().slice(0, 10),
      minimumPermanenceEnd: new Date(installedAt.getTime() + 365 * DAY).toISOString().slice(0, 10),
      supplementaryServices: [],
      status: 'ACTIVE',
      suspension: null,
      suspensions: [],
      pendingRequestId: null,
      pendingRequestType: null,
      pendingSince: null,
      applied: [],
      registeredBy: 'system',
      installedAt,
      history: [change(null, 'ACTIVE', installedAt, 'system')],
      changes: [],
      updatedAt: installedAt,
      version: 1,
      outbox: [],
    });
    mirrors.push({
      _id: `${tenantId}|${productId}`,
      tenantId,
      installedProductId: productId,
      customerId,
      billingAccountId: idOf('bac', s, i),
      orderId,
      family: plan.family,
      serviceNumber,
      currency: 'BOB',
      status: 'ACTIVE',
      changes: [],
      updatedAt: installedAt,
    });
    productEntries.push({
      _id: productId,
      tenantId,
      customerId,
      planCode: plan.code,
      family: plan.family,
      serviceNumber,
      address,
      status: 'ACTIVE',
      asOf: installedAt,
    });
    workOrders.push({
      _id: woId,
      tenantId,
      customerId,
      type: 'INSTALLATION',
      status: 'CLOSED_RESOLVED',
      priority: 'NORMAL',
      address,
      notes: null,
      salesOrderId: orderId,
      requestId: null,
      ticketId: null,
      installedProductId: null,
      nodeId: null,
      technicianId: `tech-${i % 25}`,
      crew: `CUADRILLA-${i % 10}`,
      scheduledFor: new Date(placedAt.getTime() + DAY),
      equipmentToRetrieve: [],
      migration: null,
      dueAt: new Date(placedAt.getTime() + 5 * DAY),
      atRiskAt: null,
      resolution: { notes: 'ONT instalada', equipmentUsed: [{ code: 'ONT-HG8245', quantity: 1 }], equipmentReturned: [] },
      createdAt: placedAt,
      closedAt: installedAt,
      history: [change(null, 'CREATED', placedAt, 'system'), change('CREATED', 'CLOSED_RESOLVED', installedAt, `tech-${i % 25}`)],
      updatedAt: installedAt,
      version: 4,
      outbox: [],
    });
    tl(10 + k, placedAt, 'SALE', 'sales.SalesOrderPlaced', `Pedido ${plan.code}`, { typename: 'SalesOrder', id: orderId });
    tl(20 + k, installedAt, 'SALE', 'techsupport.WorkOrderClosed', 'Instalación concluida', { typename: 'WorkOrder', id: woId });
  }
  out.sales.sales_orders = orders;
  out.postsale.installed_products = products;
  out.collections.subscriptions = mirrors;
  out.techsupport.installed_products = productEntries;

  // Billing: one account, 12 monthly invoices (the oldest first), each but the newest paid.
  const accountId = idOf('bac', s, i);
  const invoices = [];
  const payments = [];
  const facts = [];
  const fee = orders.reduce((sum, o) => sum + o.acceptedLines[0].monthlyFeeMinor, 0);
  for (let m = 11; m >= 0; m--) {
    const period = monthBefore(now, m);
    const issuedAt = new Date(`${period}-01T12:00:00.000Z`);
    const dueDate = `${period}-20`;
    const invoiceId = idOf('inv', s, i, m);
    invoices.push({
      _id: invoiceId,
      kind: 'MONTHLY',
      tenantId,
      billingAccountId: accountId,
      customerId,
      number: `F-${period.replace('-', '')}-${String(i).padStart(7, '0')}`,
      period,
      currency: 'BOB',
      issuedAt,
      dueDate,
      lines: orders.map((o, k) => ({
        kind: 'PLAN_FEE',
        description: `Plan ${o.planCode}`,
        installedProductId: products[k]._id,
        chargeId: null,
        days: null,
        amountMinor: o.acceptedLines[0].monthlyFeeMinor,
      })),
      totalMinor: fee,
      segment,
      externalId: null,
      contentHash: null,
      importedBy: null,
      firstDeliveredAt: new Date(issuedAt.getTime() + DAY),
      updatedAt: new Date(issuedAt.getTime() + DAY),
    });
    facts.push({ _id: `${tenantId}:${invoiceId}`, tenantId, period, segment, totalAmount: fee / 100, currency: 'BOB' });
    if (m > 0) {
      const receivedAt = new Date(issuedAt.getTime() + (5 + (i % 10)) * DAY);
      payments.push({
        _id: idOf('pay', s, i, m),
        tenantId,
        billingAccountId: accountId,
        customerId,
        channel: ['WEB', 'BANK', 'SIGEP', 'CASHIER'][(i + m) % 4],
        externalReference: `REF-${s.slice(0, 4)}-${i}-${period}`,
        amountMinor: fee,
        currency: 'BOB',
        receivedAt,
        registeredBy: 'bench-erp',
        registeredAt: receivedAt,
        status: 'APPLIED',
        allocations: [{ invoiceId, amountMinor: fee }],
        creditAddedMinor: 0,
        updatedAt: receivedAt,
      });
    }
  }
  const opened = orders[0].installedAt;
  out.collections.billing_accounts = [
    {
      _id: accountId,
      tenantId,
      customerId,
      accountNumber: `BA-${s.slice(0, 4)}${String(i).padStart(8, '0')}`,
      currency: 'BOB',
      standing: 'UP_TO_DATE',
      openedBy: 'system',
      openedAt: opened,
      history: [change(null, 'UP_TO_DATE', opened, 'system')],
      orderId: orders[0]._id,
      invoices: invoices.map((v, m) => ({
        invoiceId: v._id,
        period: v.period,
        dueDate: v.dueDate,
        totalMinor: v.totalMinor,
        paidMinor: m < invoices.length - 1 ? v.totalMinor : 0,
      })),
      creditMinor: 0,
      overdueMinor: 0,
      standingSince: opened,
      appliedPaymentIds: payments.map((p) => p._id),
      paymentAllocations: payments.map((p) => ({ paymentId: p._id, allocations: p.allocations, creditAddedMinor: 0 })),
      updatedAt: invoices.at(-1).updatedAt,
      version: 1 + invoices.length + payments.length,
      outbox: [],
    },
  ];
  out.collections.invoices = invoices;
  out.collections.payments = payments;
  out.sales.sales_invoice_facts = facts;
  for (const v of invoices.slice(-3))
    tl(30 + invoices.indexOf(v), v.issuedAt, 'BILLING', 'collections.InvoiceIssued', `Factura ${v.period}`, { typename: 'Invoice', id: v._id });

  out.techsupport.damage_tickets = [];
  if (i % 7 === 0) {
    const ticketId = idOf('tkt', s, i);
    const at = new Date(now.getTime() - (1 + (i % 60)) * DAY);
    const open = i % 14 === 0;
    const repairId = idOf('wo', s, i, 9);
    out.techsupport.damage_tickets.push({
      _id: ticketId,
      tenantId,
      customerId,
      installedProductId: products[0]._id,
      service: products[0].family === 'PAY_TV' ? 'TV' : 'INTERNET',
      cause: 'Sin señal',
      address: products[0].installationAddress,
      referencePhone: phone,
      priority: 'NORMAL',
      status: open ? 'DISPATCHED' : 'CLOSED_RESOLVED',
      source: 'CHANNEL',
      reiteratedFrom: null,
      followUps: [],
      diagnosis: null,
      workOrderId: repairId,
      qualityCall: null,
      qualityTicketId: null,
      assigneeId: `tech-${i % 25}`,
      openKey: open ? `${customerId}|${products[0]._id}` : `closed:${ticketId}`,
      createdAt: at,
      closedAt: open ? null : new Date(at.getTime() + DAY),
      history: [change(null, 'WITH_COORDINATOR', at, 'bench')],
      updatedAt: at,
      version: 2,
      outbox: [],
    });
    workOrders.push({
      ...workOrders[0],
      _id: repairId,
      type: 'REPAIR',
      status: open ? 'ASSIGNED' : 'CLOSED_RESOLVED',
      salesOrderId: null,
      ticketId,
      installedProductId: products[0]._id,
      scheduledFor: null,
      dueAt: new Date(at.getTime() + 2 * DAY),
      resolution: open ? null : { notes: 'Conector cambiado', equipmentUsed: [], equipmentReturned: [] },
      createdAt: at,
      closedAt: open ? null : new Date(at.getTime() + DAY),
      history: [change(null, 'CREATED', at, 'system'), change('CREATED', 'ASSIGNED', at, 'bench')],
      updatedAt: at,
    });
    tl(50, at, 'SUPPORT', 'techsupport.DamageTicketRegistered', 'Reclamo de avería', { typename: 'DamageTicket', id: ticketId });
  }
  out.techsupport.work_orders = workOrders;

  out.proposals.leads = [];
  if (i % 10 === 0) {
    const at = new Date(now.getTime() - (i % 90) * DAY);
    // Every other lead is a company that is not a customer yet (the leads-to-qualify queue).
    out.proposals.leads.push({
      _id: idOf('lead', s, i),
      tenantId,
      customerId: i % 20 === 0 ? customerId : null,
      companyName: name,
      source: 'CONTACT',
      requirement: 'Enlace dedicado 50 Mbps',
      requirementForm: null,
      opportunityId: null,
      status: 'NEW',
      registeredBy: executiveId,
      registeredAt: at,
      history: [change(null, 'NEW', at, executiveId)],
      updatedAt: at,
      version: 1,
      outbox: [],
    });
  }

  out.postsale.postsale_requests = [];
  if (i % 5 === 0) {
    const at = new Date(now.getTime() - (i % 20) * DAY);
    out.postsale.postsale_requests.push({
      _id: idOf('psr', s, i),
      number: `PS-${s.slice(0, 2).toUpperCase()}${i.toString(36).toUpperCase().padStart(6, '0')}`,
      tenantId,
      type: 'SUSPENSION',
      customerId,
      installedProductId: products[0]._id,
      channel: 'IN_PERSON',
      status: 'RECEIVED',
      resolution: null,
      requirements: [],
      team: 'COMMERCIAL',
      assigneeId: `clerk-${i % 8}`,
      qcExecutiveId: null,
      receivedAt: at,
      receivedOn: at.toISOString().slice(0, 10),
      month: at.toISOString().slice(0, 7),
      readyAt: null,
      enteredAt: null,
      attendedAt: null,
      closedAt: null,
      currency: 'BOB',
      feeMinor: 0,
      charges: [],
      workOrderId: null,
      workOrderOutcome: null,
      qcDueAt: null,
      qcOutcome: null,
      details: {},
      history: [change(null, 'RECEIVED', at, `clerk-${i % 8}`)],
      version: 1,
      outbox: [],
    });
  }

  timeline.sort((a, b) => a.at - b.at);
  out.customers.timeline = timeline;
  return out;
}

/**
 * The tenant's maintained aggregates (issue #18) from its customers' histories: `add` each history,
 * then `documents()` once, shaped like a history (subgraph → collection → documents).
 */
function tenantAggregates() {
  const parts = [
    require('./sales-aggregates').salesAggregates(),
    require('./customers-aggregates').customersAggregates(),
    require('./postsale-kpi').postsaleAggregates(),
  ];
  return {
    add: (history) => parts.forEach((p) => p.add(history)),
    documents: (builtAt) => {
      const out = {};
      for (const p of parts) for (const [subgraph, byCollection] of Object.entries(p.documents(builtAt))) Object.assign((out[subgraph] ??= {}), byCollection);
      return out;
    },
  };
}

module.exports = { customerHistory, tenantAggregates, monthBefore, PLANS, EXECUTIVES };
