import { definePolicy, RECONCILIATION_READERS, STAFF, type Role, REPORTING_READERS } from '@vinculo/common';

const MANAGERS: readonly Role[] = ['SALES_TEAM_LEAD', 'COMMERCIAL_DIRECTOR', 'ADMIN'];

/** Who may do what in the sales subgraph (one row per act; schemas/policy-matrix.md shows the outcome per root field). */
export const policy = definePolicy({
  // Reporting extraction lists (issue #15): every entity of the tenant, for the reporting job and admins.
  readChanges: REPORTING_READERS,
  // The reconciliation report (issue #12): its section here is revenue-assurance data of the whole tenant.
  readReconciliation: RECONCILIATION_READERS,
  // Orders, catalog and digital requests: partners (bot/IVR, billing) read what they create or bill.
  readSales: [...STAFF, 'PARTNER', 'REPORTING'],
  // Sale projects and new needs are the executives' commercial pipeline (visits, offers): staff only,
  // by every path (saleProject, SaleProject references, Customer.saleProjects, Employee.saleProjects/newNeeds).
  readPipeline: STAFF,
  // The entry quality-control queue lists every order awaiting checks: the clerks' work.
  readEntryQueue: STAFF,
  placeSalesOrder: ['COMMERCIAL_CLERK', 'DIGITAL_SALES_AGENT', 'SALES_TEAM_LEAD', 'ADMIN'],
  manageCatalog: ['COMMERCIAL_DIRECTOR', 'ADMIN'],
  // A1 / B: the executive drafts (and revises) the sale project; the lead may too.
  draftSaleProject: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'],
  // A2 R-SAL-1: only the team lead gives the Vo.Bo.
  approveSaleProject: ['SALES_TEAM_LEAD'],
  // A3: the clerk checks feasibility + requirements; the executive may run the GIS check too.
  checkFeasibility: ['COMMERCIAL_CLERK', 'ACCOUNT_EXECUTIVE'],
  // A4–A5: visit, offer, accepted / declined.
  workSaleProject: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'],
  // A6: only the clerk enters orders and checks entries.
  enterSalesOrder: ['COMMERCIAL_CLERK'],
  // A8: the executive's quality-control call.
  recordQualityCall: ['ACCOUNT_EXECUTIVE'],
  // §2: the digital sales agent works the request; the order is entered by the agent or a clerk.
  digitalSale: ['DIGITAL_SALES_AGENT'],
  // A bot or IVR (PARTNER with the digital-requests:write scope) creates requests; the agent works them.
  receiveDigitalRequest: ['DIGITAL_SALES_AGENT', 'PARTNER'],
  enterDigitalSaleOrder: ['DIGITAL_SALES_AGENT', 'COMMERCIAL_CLERK'],
  setSalesTarget: ['SALES_TEAM_LEAD', 'COMMERCIAL_DIRECTOR'],
  // Work queues: the lost calls to call back are the digital agents' (and their managers');
  // installed orders waiting for their completion call, the executives' and the agents'.
  readDigitalQueue: ['DIGITAL_SALES_AGENT', ...MANAGERS],
  readCompletionCallQueue: ['ACCOUNT_EXECUTIVE', 'DIGITAL_SALES_AGENT', ...MANAGERS],
  // An ACCOUNT_EXECUTIVE (or agent) reads only their own figures (checked in the resolvers).
  // REPORTING jobs read every indicator of the tenant (issue #15), as managers do.
  readReports: ['ACCOUNT_EXECUTIVE', 'DIGITAL_SALES_AGENT', ...MANAGERS, 'REPORTING'],
  readTeamReports: [...MANAGERS],
});
export type SalesAction = keyof typeof policy;
