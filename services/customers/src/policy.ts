import { definePolicy, RECONCILIATION_READERS, STAFF, REPORTING_READERS } from '@vinculo/common';

/** Customer editors: whoever may register a customer may also keep its profile, contacts and addresses. */
const CUSTOMER_EDITORS = ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD', 'COMMERCIAL_CLERK', 'DIGITAL_SALES_AGENT', 'COMMERCIAL_DIRECTOR', 'ADMIN'] as const;

/** Who may do what in the customers subgraph (checked by every resolver; schemas/policy-matrix.md shows the outcome per root field). */
export const policy = definePolicy({
  // Reporting extraction lists (issue #15): every entity of the tenant, for the reporting job and admins.
  readChanges: REPORTING_READERS,
  // The reconciliation report (issue #12): its section here is revenue-assurance data of the whole tenant.
  readReconciliation: RECONCILIATION_READERS,
  // One customer by id: a billing or payments partner looks up the customer it imports or posts for.
  readCustomers: [...STAFF, 'PARTNER', 'REPORTING'],
  // The whole list (tax ids, identity cards, contacts of every customer) is staff work, not an integration's.
  listCustomers: [...STAFF, 'REPORTING'],
  // The timeline and interactions are commercial activity (visits, proposals, calls): staff only,
  // whichever path reaches them (Customer.timeline, an Interaction reference, `interaction`).
  readTimeline: STAFF,
  registerCustomer: CUSTOMER_EDITORS,
  updateCustomerProfile: CUSTOMER_EDITORS,
  manageContacts: CUSTOMER_EDITORS,
  manageAddresses: CUSTOMER_EDITORS,
  assignPortfolio: ['SALES_TEAM_LEAD', 'ADMIN'],
  // Currency and time zone matter to integrations too.
  readTenant: [...STAFF, 'PARTNER', 'REPORTING'],
  configureTenant: ['ADMIN'],
  updateTenantPolicy: ['ADMIN'],
  // Business time: whoever reads the tenant's settings may read it; only an ADMIN moves it (outside production).
  readBusinessClock: [...STAFF, 'PARTNER', 'REPORTING'],
  advanceBusinessClock: ['ADMIN'],
  // Staff data (names, e-mails, roles, teams, portfolios) by every path: `employee(s)`, Customer.executive,
  // Visit.executive, authors of timeline items and interactions, Employee references from other subgraphs.
  readStaff: STAFF,
  // `me`: every signed-in caller reads who they are (machine callers too: no employee record).
  readMe: [...STAFF, 'PARTNER', 'REPORTING'],
  manageStaff: ['ADMIN'],
  // An ACCOUNT_EXECUTIVE reads only their own plan (checked in the resolver).
  readMonthlyPlans: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD', 'COMMERCIAL_DIRECTOR', 'ADMIN'],
  planMonth: ['SALES_TEAM_LEAD'],
  readVisits: STAFF,
  // Their own schedule, or a lead their team's (checked by domain/visit decideVisitor).
  scheduleVisit: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'],
  recordVisitOutcome: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'],
  cancelVisit: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'],
  // The impediments registry (R-DIG-1): the desk that checks requests and those who answer for
  // the customer relationship; the executive who sells does not clear their own customer's block.
  manageImpediments: ['COMMERCIAL_CLERK', 'TECHNICAL_COORDINATOR', 'SALES_TEAM_LEAD', 'COMMERCIAL_DIRECTOR', 'ADMIN'],
  // "Ingresa interacción" ends almost every step of every process: any staff member.
  recordInteraction: STAFF,
  // §3 J: executives (their own portfolio, R-CUS-LC1) and leads.
  recordLoyaltyCall: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'],
  // The end-of-day report goes to the lead, the coordinator and the division head; an
  // ACCOUNT_EXECUTIVE reads only their own (checked in the resolver).
  readLoyaltyCalls: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD', 'TECHNICAL_COORDINATOR', 'COMMERCIAL_DIRECTOR', 'ADMIN'],
  // §4 analysis of disaffiliations, for action plans.
  readChurnAnalysis: ['SALES_TEAM_LEAD', 'COMMERCIAL_DIRECTOR', 'ADMIN'],
  // A customer's papers (requirements, backing documents, evidence, QGIS exports) are received and
  // read by whoever serves the customer: any staff member; never an integration.
  uploadAttachments: STAFF,
  readAttachments: STAFF,
});
