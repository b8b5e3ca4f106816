'use strict';
/**
 * What `npm run bench:scale` calls per size: the lists a person clicks (first page, and a deep page:
 * `after` the cursor of the middle customer's row, built the way the services build cursors), search,
 * Customer 360, a portfolio, the indicators, and `_entities` per subgraph. Rows come from
 * documents.js, so every id and cursor here exists in the generated tenant.
 */
const { encodeCursor } = require('../../../services/common/dist');
const { customerHistory } = require('./documents');

const PAGE = 'pageInfo { hasNextPage endCursor }';
const nonEmpty = (pick) => (data) => {
  if (!pick(data)?.length) throw new Error('empty answer: the generated data should fill it');
};

/** Queries through the gateway. `reporting`: called with a COMMERCIAL_DIRECTOR token with the reporting scope. */
function queriesFor({ n, now, tenantId, salt, month, lastMonth }) {
  const mid = customerHistory(tenantId, Math.floor(n / 2), now, salt);
  const c = mid.customers.customers[0];
  const order = mid.sales.sales_orders[0];
  const wo = mid.techsupport.work_orders[0];
  const invoice = mid.collections.invoices[5];
  const account = mid.collections.billing_accounts[0];
  const search = c.name.split(' ')[1]; // the 6-digit number in the name: one customer matches
  const today = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 180 * 86_400_000).toISOString().slice(0, 10);
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  const q = (group, name, query, variables = {}, extra = {}) => ({ group, name, query, variables, ...extra });
  return [
    q(
      'lists',
      'customers: first page (50, by name)',
      `{ customers(first: 50) { edges { node { id name status } } ${PAGE} } }`,
      {},
      { check: nonEmpty((d) => d.customers.edges) },
    ),
    q(
      'lists',
      'customers: deep page (after the middle customer)',
      `query($a: String) { customers(first: 50, after: $a) { edges { node { id name status } } ${PAGE} } }`,
      { a: encodeCursor(c.nameKey, c._id) },
      { check: nonEmpty((d) => d.customers.edges) },
    ),
    q(
      'search',
      'customers: search by name (one match)',
      `query($s: String) { customers(first: 20, filter: { nameContains: $s }) { edges { node { id name } } } }`,
      { s: search },
      { check: nonEmpty((d) => d.customers.edges) },
    ),
    q(
      'search',
      'customers: search by tax id / identity card',
      `query($t: String) { customers(first: 20, filter: { ${c.taxId ? 'taxId' : 'identityCard'}: $t }) { edges { node { id name } } } }`,
      { t: c.taxId ?? c.identityCard },
    ),
    q(
      'customer',
      'Customer 360 (50 customers × 6 subgraphs)',
      `{ customers(first: 50) { edges { node { id name executiveId
        salesOrders(first: 3) { edges { node { planCode status } } }
        subscriptions(first: 3) { edges { node { planCode } } }
        billingAccounts(first: 3) { edges { node { accountNumber } } }
        workOrders(first: 3) { edges { node { type status } } }
        leads(first: 3) { edges { node { companyName } } } } } } }`,
      {},
      { check: nonEmpty((d) => d.customers.edges) },
    ),
    q(
      'customer',
      'one customer: profile, children, timeline (10)',
      `query($id: ID!) { customer(id: $id) { id name status
        salesOrders(first: 3) { edges { node { planCode status workOrders { edges { node { type status } } } } } }
        subscriptions(first: 3) { edges { node { planCode family status } } }
        billingAccounts(first: 3) { edges { node { accountNumber standing invoices(first: 12) { edges { node { period } } } payments(first: 12) { edges { node { receivedAt } } } } } }
        timeline(first: 10) { edges { node { at kind summary } } } } }`,
      { id: c._id },
      { check: nonEmpty((d) => d.customer.timeline.edges) },
    ),
    q(
      'customer',
      'portfolio of an executive (20, with first order)',
      `{ employee(id: "exec-1") { name portfolio(first: 20) { edges { node { name status salesOrders(first: 1) { edges { node { status } } } } } ${PAGE} } } }`,
      {},
      { check: nonEmpty((d) => d.employee.portfolio.edges) },
    ),
    q(
      'lists',
      'sales orders: first page of changes (50)',
      `{ salesOrderChanges(first: 50) { edges { node { id status } } ${PAGE} } }`,
      {},
      { check: nonEmpty((d) => d.salesOrderChanges.edges) },
    ),
    q(
      'lists',
      'sales orders: deep page of changes',
      `query($a: String) { salesOrderChanges(first: 50, after: $a) { edges { node { id status } } ${PAGE} } }`,
      { a: encodeCursor(order.updatedAt, order._id) },
      { check: nonEmpty((d) => d.salesOrderChanges.edges) },
    ),
    q('queues', 'sales orders to check (queue)', `{ salesOrdersToCheck(first: 50) { edges { node { id } } } }`),
    q('queues', 'orders awaiting the completion call (queue)', `{ salesOrdersAwaitingCompletionCall(first: 50) { edges { node { id } } } }`),
    q(
      'lists',
      'work orders: first page (50, newest)',
      `{ workOrders(first: 50) { edges { node { id type status } } ${PAGE} } }`,
      {},
      { check: nonEmpty((d) => d.workOrders.edges) },
    ),
    q(
      'lists',
      'work orders: deep page',
      `query($a: String) { workOrders(first: 50, after: $a) { edges { node { id type status } } ${PAGE} } }`,
      { a: encodeCursor(wo.createdAt, wo._id) },
      { check: nonEmpty((d) => d.workOrders.edges) },
    ),
    q('queues', 'work orders breached (board)', `{ workOrders(first: 50, filter: { breached: true }) { edges { node { id } } } }`),
    q(
      'queues',
      'damage tickets (queue, open)',
      `{ damageTicketQueue(first: 50) { edges { node { id status } } ${PAGE} } }`,
      {},
      { check: nonEmpty((d) => d.damageTicketQueue.edges) },
    ),
    q(
      'lists',
      'damage tickets: first page of changes (50)',
      `{ damageTicketChanges(first: 50) { edges { node { id } } ${PAGE} } }`,
      {},
      { check: nonEmpty((d) => d.damageTicketChanges.edges) },
    ),
    q(
      'lists',
      'invoices: first page of changes (50)',
      `{ invoiceChanges(first: 50) { edges { node { id period } } ${PAGE} } }`,
      {},
      { check: nonEmpty((d) => d.invoiceChanges.edges) },
    ),
    q(
      'lists',
      'invoices: deep page of changes',
      `query($a: String) { invoiceChanges(first: 50, after: $a) { edges { node { id period } } ${PAGE} } }`,
      { a: encodeCursor(invoice.updatedAt, invoice._id) },
      { check: nonEmpty((d) => d.invoiceChanges.edges) },
    ),
    q(
      'lists',
      'invoices of one account (12)',
      `query($id: ID!) { billingAccount(id: $id) { invoices(first: 12) { edges { node { period } } } } }`,
      { id: account._id },
      { check: nonEmpty((d) => d.billingAccount.invoices.edges) },
    ),
    q('queues', 'invoices to deliver (queue)', `{ invoicesToDeliver(first: 50) { edges { node { id } } } }`),
    q(
      'queues',
      'post-sale requests RECEIVED (queue)',
      `{ postSaleRequests(first: 50, filter: { status: [RECEIVED] }) { edges { node { id } } } }`,
      {},
      { check: nonEmpty((d) => d.postSaleRequests.edges) },
    ),
    q('queues', 'leads to qualify (queue)', `{ leadsToQualify(first: 50) { edges { node { id } } } }`, {}, { check: nonEmpty((d) => d.leadsToQualify.edges) }),
    q('queues', 'billing claims assigned (queue)', `{ assignedBillingClaims(first: 50) { edges { node { id } } } }`),
    q(
      'indicators',
      'billingGrowthIndicator (BUSINESS)',
      `query($m: String!) { billingGrowthIndicator(month: $m, segment: "BUSINESS") { value numerator denominator } }`,
      { m: lastMonth },
      { reporting: true },
    ),
    q(
      'indicators',
      'affiliationIndicator (all executives)',
      `query($m: String!) { affiliationIndicator(month: $m) { value } }`,
      { m: month },
      { reporting: true },
    ),
    q(
      'indicators',
      'salesBudgetIndicator (all executives)',
      `query($m: String!) { salesBudgetIndicator(month: $m) { value } }`,
      { m: month },
      { reporting: true },
    ),
    q('indicators', 'digitalSalesIndicator (a day)', `query($d: Date!) { digitalSalesIndicator(day: $d) { value } }`, { d: today }, { reporting: true }),
    q(
      'indicators',
      'postSaleIndicators (a month)',
      `query($m: String!) { postSaleIndicators(month: $m) { overall { requests efficacyPercent } } }`,
      { m: month },
      { reporting: true },
    ),
    q(
      'indicators',
      'collectionsIndicators (a month)',
      `query($m: String!) { collectionsIndicators(period: $m) { overdueRatioPercent outstanding { amount } } }`,
      { m: lastMonth },
      { reporting: true },
    ),
    q(
      'indicators',
      'proposalIndicators (a year)',
      `query($f: DateTime!, $t: DateTime!) { proposalIndicators(from: $f, to: $t) { __typename } }`,
      { f: yearAgo, t: now.toISOString() },
      { reporting: true },
    ),
    q(
      'indicators',
      'churnAnalysis (6 months)',
      `query($f: Date!, $t: Date!) { churnAnalysis(from: $f, to: $t) { __typename } }`,
      { f: from, t: today },
      { reporting: true },
    ),
  ];
}

/**
 * `_entities` as the gateway sends them: 50 representations, spread over the tenant, to one subgraph.
 * Per subgraph its own entity by id, and the Customer children Customer 360 asks it for.
 */
function entitiesFor({ n, tenantId, salt }) {
  const now = new Date();
  const picks = Array.from({ length: 50 }, (_, j) => Math.floor(((j + 0.5) * n) / 50));
  const hs = picks.map((i) => customerHistory(tenantId, i, now, salt));
  const customers = hs.map((h) => ({ __typename: 'Customer', id: h.customers.customers[0]._id }));
  const q = (fragment) => `query($representations: [_Any!]!) { _entities(representations: $representations) { ${fragment} } }`;
  return [
    { subgraph: 'customers', name: '_entities customers: 50 Customer', query: q('... on Customer { id name status }'), representations: customers },
    {
      subgraph: 'sales',
      name: '_entities sales: 50 SalesOrder',
      query: q('... on SalesOrder { id status planCode }'),
      representations: hs.map((h) => ({ __typename: 'SalesOrder', id: h.sales.sales_orders[0]._id })),
    },
    {
      subgraph: 'sales',
      name: '_entities sales: 50 Customer.salesOrders(3)',
      query: q('... on Customer { salesOrders(first: 3) { edges { node { planCode status } } } }'),
      representations: customers,
    },
    {
      subgraph: 'postsale',
      name: '_entities postsale: 50 InstalledProduct',
      query: q('... on InstalledProduct { id planCode status }'),
      representations: hs.map((h) => ({ __typename: 'InstalledProduct', id: h.postsale.installed_products[0]._id })),
    },
    {
      subgraph: 'postsale',
      name: '_entities postsale: 50 Customer.subscriptions(3)',
      query: q('... on Customer { subscriptions(first: 3) { edges { node { planCode } } } }'),
      representations: customers,
    },
    {
      subgraph: 'collections',
      name: '_entities collections: 50 BillingAccount',
      query: q('... on BillingAccount { id accountNumber standing }'),
      representations: hs.map((h) => ({ __typename: 'BillingAccount', id: h.collections.billing_accounts[0]._id })),
    },
    {
      subgraph: 'collections',
      name: '_entities collections: 50 Customer.billingAccounts(3)',
      query: q('... on Customer { billingAccounts(first: 3) { edges { node { accountNumber } } } }'),
      representations: customers,
    },
    {
      subgraph: 'techsupport',
      name: '_entities techsupport: 50 WorkOrder',
      query: q('... on WorkOrder { id type status }'),
      representations: hs.map((h) => ({ __typename: 'WorkOrder', id: h.techsupport.work_orders[0]._id })),
    },
    {
      subgraph: 'techsupport',
      name: '_entities techsupport: 50 Customer.workOrders(3)',
      query: q('... on Customer { workOrders(first: 3) { edges { node { type status } } } }'),
      representations: customers,
    },
    {
      subgraph: 'proposals',
      name: '_entities proposals: 50 Customer.leads(3)',
      query: q('... on Customer { leads(first: 3) { edges { node { companyName } } } }'),
      representations: customers,
    },
  ];
}

module.exports = { queriesFor, entitiesFor };
