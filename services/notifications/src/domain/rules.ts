/**
 * Notification rules as data (issue #19): per tenant, an event type → who must know (recipients), by
 * which channels, with which template. The defaults below cover every message the seed processes name;
 * a tenant's ADMIN may replace a rule (same id) or add rules, checked here before they are stored.
 */
import { WEBHOOK_RULES } from './webhooks';

export const CHANNELS = ['IN_APP', 'EMAIL'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Who a rule addresses. `copy`: on the e-mail's Cc line rather than To (the inbox gets it either way). */
export type RecipientSpec =
  | { kind: 'ROLE'; role: string; copy?: boolean }
  /** The team lead of whoever acted (the event's actor). */
  | { kind: 'TEAM_LEAD_OF_ACTOR'; copy?: boolean }
  /** The customer's account executive (customer directory: customers.PortfolioAssigned). */
  | { kind: 'CUSTOMER_EXECUTIVE'; copy?: boolean }
  /** The team lead of the customer's executive (the "Resp. Equipo Empresas" of the seeds). */
  | { kind: 'TEAM_LEAD_OF_EXECUTIVE'; copy?: boolean }
  /** A named address of the tenant (CLAIMS_UNIT, DIVISION_HEAD, …): see NamedAddress. */
  | { kind: 'NAMED'; name: string; copy?: boolean };

export const RECIPIENT_KINDS = ['ROLE', 'TEAM_LEAD_OF_ACTOR', 'CUSTOMER_EXECUTIVE', 'TEAM_LEAD_OF_EXECUTIVE', 'NAMED'] as const;

/**
 * A named address: the staff holding `role`, a fixed `employeeId`, and/or a plain mailbox `email`
 * (a shared mailbox has no inbox; it gets e-mail only).
 */
export interface NamedAddress {
  name: string;
  role?: string | null;
  employeeId?: string | null;
  email?: string | null;
}

export interface NotificationRule {
  id: string;
  /** `<source>.<Type>` of an event contract, or `sla.<Kind>` / `report.<Kind>` for what this subgraph raises itself. */
  eventType: string;
  /** Where the seeds ask for it (e.g. "002 F R-COL-F1"). */
  seedStep: string;
  description: string;
  recipients: RecipientSpec[];
  channels: Channel[];
  /** Template key (templates.ts). */
  template: string;
  /** Mandatory messages ignore a person's opt-out (a claim escalation must reach the claims unit). */
  mandatory: boolean;
  enabled: boolean;
  /** Fire only when the event's `data[field]` is one of `in` (a visit once SCHEDULED, not at every change). */
  when?: { field: string; in: string[] } | null;
  /** A generated document the e-mail carries (issue #16 item 3), fetched from its owner when sent. */
  attach?: AttachedDocument | null;
}

/** The generated documents an e-mail can carry, and the event field naming their entity. */
export const ATTACHABLE_DOCUMENTS = {
  /** collections' carta de mora (002 I), BillingAccount.overdueLetter. */
  OVERDUE_LETTER: 'billingAccountId',
  /** proposals' proposal version PDF (004, F-COM-003), Opportunity.proposalDocument(version). */
  PROPOSAL_VERSION: 'opportunityId',
} as const;
export type AttachedDocument = keyof typeof ATTACHABLE_DOCUMENTS;

/** Event types this subgraph raises itself (SLA sweeps, scheduled reports). */
export const INTERNAL_EVENT_TYPES = [
  'sla.WorkOrderAtRisk',
  'sla.WorkOrderBreached',
  'sla.PaymentPromiseDue',
  'sla.ProposalDeliveryNear',
  'webhook.EndpointDisabled',
  'sla.PqrAtRisk',
  'sla.PqrBreached',
] as const;

/** Named addresses every tenant starts with; an ADMIN may point them at a person or a mailbox. */
export const DEFAULT_ADDRESSES: NamedAddress[] = [
  { name: 'CLAIMS_UNIT', role: 'CLAIMS_UNIT' },
  // The seeds' "Encargado(a) de división" has no role of its own: the commercial director by default.
  { name: 'DIVISION_HEAD', role: 'COMMERCIAL_DIRECTOR' },
  { name: 'INVOLVED_AREAS', role: 'SERVICE_AREA' },
  { name: 'COMPLIANCE', role: 'COMPLIANCE' },
  { name: 'TECHNICAL_COORDINATION', role: 'TECHNICAL_COORDINATOR' },
];

const rule = (r: Omit<NotificationRule, 'enabled'> & { enabled?: boolean }): NotificationRule => ({ enabled: true, ...r });

/** Every message the seeds name (README "Notifications" lists them with their step). */
export const DEFAULT_RULES: NotificationRule[] = [
  rule({
    id: 'claim-escalated',
    eventType: 'collections.BillingClaimEscalated',
    seedStep: '002 F R-COL-F1',
    description: 'Reclamo de facturación escalado: a UTAR con copia a Resp. Equipo y Encargado(a) de división',
    recipients: [
      { kind: 'NAMED', name: 'CLAIMS_UNIT' },
      { kind: 'TEAM_LEAD_OF_EXECUTIVE', copy: true },
      { kind: 'NAMED', name: 'DIVISION_HEAD', copy: true },
    ],
    channels: ['IN_APP', 'EMAIL'],
    template: 'claim-escalated',
    mandatory: true,
  }),
  rule({
    id: 'visit-scheduled',
    eventType: 'techsupport.SupportVisitChanged',
    seedStep: '002 E 8.2',
    description: 'Horario de visita del técnico al Ejecutivo del cliente',
    recipients: [{ kind: 'CUSTOMER_EXECUTIVE' }],
    channels: ['IN_APP', 'EMAIL'],
    template: 'visit-scheduled',
    mandatory: false,
    when: { field: 'status', in: ['SCHEDULED'] },
  }),
  rule({
    id: 'involved-areas',
    eventType: 'proposals.InvolvedAreasNotified',
    seedStep: '004 paso 7 (ganada)',
    description: 'Oportunidad ganada: aviso inmediato a las áreas involucradas',
    recipients: [
      { kind: 'NAMED', name: 'INVOLVED_AREAS' },
      { kind: 'NAMED', name: 'COMPLIANCE', copy: true },
    ],
    channels: ['IN_APP', 'EMAIL'],
    template: 'involved-areas',
    mandatory: true,
  }),
  rule({
    id: 'compliance-review',
    eventType: 'proposals.ProposalSubmittedToCompliance',
    seedStep: '004 revisión de cumplimiento',
    description: 'Propuesta enviada a Cumplimiento para revisión',
    recipients: [{ kind: 'NAMED', name: 'COMPLIANCE' }],
    channels: ['IN_APP', 'EMAIL'],
    template: 'compliance-review',
    mandatory: true,
    attach: 'PROPOSAL_VERSION',
  }),
  rule({
    id: 'lessons-learned',
    eventType: 'proposals.OpportunityLost',
    seedStep: '004 perdida (lecciones aprendidas)',
    description: 'Oportunidad perdida: lecciones aprendidas a los involucrados',
    recipients: [
      { kind: 'CUSTOMER_EXECUTIVE' },
      { kind: 'ROLE', role: 'COMMERCIAL_DIRECTOR', copy: true },
      { kind: 'NAMED', name: 'INVOLVED_AREAS', copy: true },
    ],
    channels: ['IN_APP', 'EMAIL'],
    template: 'lessons-learned',
    mandatory: false,
  }),
  rule({
    id: 'work-order-at-risk',
    eventType: 'sla.WorkOrderAtRisk',
    seedStep: '002 E (plazo de la orden de trabajo)',
    description: 'Orden de trabajo en riesgo de vencer su plazo',
    recipients: [{ kind: 'NAMED', name: 'TECHNICAL_COORDINATION' }],
    channels: ['IN_APP'],
    template: 'work-order-at-risk',
    mandatory: false,
  }),
  rule({
    id: 'work-order-breached',
    eventType: 'sla.WorkOrderBreached',
    seedStep: '002 E (plazo de la orden de trabajo)',
    description: 'Orden de trabajo vencida: alerta al coordinador técnico',
    recipients: [{ kind: 'NAMED', name: 'TECHNICAL_COORDINATION' }],
    channels: ['IN_APP', 'EMAIL'],
    template: 'work-order-breached',
    mandatory: true,
  }),
  rule({
    id: 'promise-due',
    eventType: 'sla.PaymentPromiseDue',
    seedStep: '002 I R-COL-I1',
    description: 'Compromiso de pago que vence hoy: seguimiento del ejecutivo',
    recipients: [{ kind: 'CUSTOMER_EXECUTIVE' }],
    channels: ['IN_APP', 'EMAIL'],
    template: 'promise-due',
    mandatory: false,
  }),
  rule({
    id: 'proposal-delivery-near',
    eventType: 'sla.ProposalDeliveryNear',
    seedStep: '004 (fecha de entrega comprometida)',
    description: 'Propuesta cerca de su fecha de entrega comprometida',
    recipients: [{ kind: 'CUSTOMER_EXECUTIVE' }, { kind: 'ROLE', role: 'COMMERCIAL_DIRECTOR', copy: true }],
    channels: ['IN_APP', 'EMAIL'],
    template: 'proposal-delivery-near',
    mandatory: false,
  }),
  ...WEBHOOK_RULES,
  rule({
    id: 'account-overdue',
    eventType: 'collections.AccountStandingChanged',
    seedStep: '002 I (carta de información mora)',
    description: 'Cuenta en mora: al ejecutivo del cliente, con la carta de mora adjunta',
    recipients: [{ kind: 'CUSTOMER_EXECUTIVE' }],
    channels: ['IN_APP', 'EMAIL'],
    template: 'account-overdue',
    mandatory: false,
    when: { field: 'standing', in: ['OVERDUE'] },
    attach: 'OVERDUE_LETTER',
  }),
  rule({
    id: 'pqr-at-risk',
    eventType: 'sla.PqrAtRisk',
    seedStep: '002 PQR (plazo de respuesta)',
    description: 'PQR cerca de su plazo de respuesta',
    recipients: [
      { kind: 'ROLE', role: 'COMMERCIAL_CLERK' },
      { kind: 'CUSTOMER_EXECUTIVE', copy: true },
    ],
    channels: ['IN_APP'],
    template: 'pqr-at-risk',
    mandatory: false,
  }),
  rule({
    id: 'pqr-breached',
    eventType: 'sla.PqrBreached',
    seedStep: '002 PQR (plazo de respuesta)',
    description: 'PQR sin respuesta pasado su plazo: al auxiliar comercial y al ejecutivo, con copia a su Resp. Equipo',
    recipients: [{ kind: 'ROLE', role: 'COMMERCIAL_CLERK' }, { kind: 'CUSTOMER_EXECUTIVE' }, { kind: 'TEAM_LEAD_OF_EXECUTIVE', copy: true }],
    channels: ['IN_APP', 'EMAIL'],
    template: 'pqr-breached',
    mandatory: true,
  }),
];

/**
 * The scheduled reports the seeds name (000 A15/A17, 002 J/K, collections worklist, 004 weekly
 * follow-up). Listed here so the catalogue is one place; when each goes is the tenant's schedule
 * (domain/schedule.ts), what it says domain/report-content.ts, who gets it application/scheduled-reports.ts.
 */
export const SEED_REPORTS = [
  { id: 'executive-monthly', built: true, seedStep: '000 A15', description: 'Informe mensual del ejecutivo a Resp. Equipo Empresas' },
  { id: 'team-monthly', built: true, seedStep: '000 A17', description: 'Informe del equipo al Encargado(a) de división' },
  {
    id: 'loyalty-daily',
    built: true,
    seedStep: '002 J',
    description: 'Informe diario de llamadas de fidelización (ejecutivo), al Encargado(a) de división, Resp. Equipo y Coordinación técnica',
  },
  {
    id: 'preventive-daily',
    built: true,
    seedStep: '002 K',
    description: 'Informe diario de revisiones preventivas (analista), al Encargado(a) de división, Resp. Equipo y Coordinación técnica',
  },
  { id: 'collections-worklist', built: true, seedStep: '002 I', description: 'Lista de cobranza del día' },
  { id: 'proposals-weekly', built: true, seedStep: '004', description: 'Seguimiento semanal de propuestas (lunes 08:00 hora local, CSV y XLSX adjuntos)' },
] as const;

/** The tenant's rules: its own by id over the defaults (a rule with a default's id replaces it). */
export function effectiveRules(own: readonly NotificationRule[]): NotificationRule[] {
  const byId = new Map(DEFAULT_RULES.map((r) => [r.id, r]));
  for (const r of own) byId.set(r.id, r);
  return [...byId.values()];
}

export function effectiveAddresses(own: readonly NamedAddress[]): NamedAddress[] {
  const byName = new Map(DEFAULT_ADDRESSES.map((a) => [a.name, a]));
  for (const a of own) byName.set(a.name, a);
  return [...byName.values()];
}

/** The rules that fire on an event type. */
export const rulesFor = (rules: readonly NotificationRule[], eventType: string, data: Record<string, unknown> = {}): NotificationRule[] =>
  rules.filter((r) => r.enabled && r.eventType === eventType && (!r.when || r.when.in.includes(String(data[r.when.field]))));

// A pragmatic check (one @, no spaces, a dotted domain): what SMTP relays accept in practice.
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
export const isEmail = (s: string): boolean => s.length <= 254 && EMAIL.test(s);

export interface RuleProblem {
  field: string;
  message: string;
}

/**
 * Everything wrong with a rule a tenant wants to store (issue item 4: bad input is refused at
 * configuration time, with what is wrong): unknown event type, channel, recipient kind, role or named
 * address, unknown template or one that refers to fields the event does not carry.
 */
export function ruleProblems(
  r: NotificationRule,
  known: {
    eventTypes: ReadonlySet<string>;
    roles: ReadonlySet<string>;
    addresses: ReadonlySet<string>;
    templateFields: (template: string, eventType: string) => string[] | null;
  },
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(r.id)) problems.push({ field: 'id', message: `rule id "${r.id}": lower-case letters, digits and dashes, up to 64` });
  if (!known.eventTypes.has(r.eventType)) problems.push({ field: 'eventType', message: `unknown event type "${r.eventType}"` });
  if (r.channels.length === 0) problems.push({ field: 'channels', message: 'at least one channel' });
  for (const c of r.channels) if (!(CHANNELS as readonly string[]).includes(c)) problems.push({ field: 'channels', message: `unknown channel "${c}"` });
  if (r.recipients.length === 0) problems.push({ field: 'recipients', message: 'at least one recipient' });
  for (const rec of r.recipients) {
    if (!(RECIPIENT_KINDS as readonly string[]).includes(rec.kind)) problems.push({ field: 'recipients', message: `unknown recipient kind "${rec.kind}"` });
    if (rec.kind === 'ROLE' && !known.roles.has(rec.role)) problems.push({ field: 'recipients', message: `unknown role "${rec.role}"` });
    if (rec.kind === 'NAMED' && !known.addresses.has(rec.name)) problems.push({ field: 'recipients', message: `unknown named address "${rec.name}"` });
  }
  if (known.eventTypes.has(r.eventType)) {
    const missing = known.templateFields(r.template, r.eventType);
    if (missing === null) problems.push({ field: 'template', message: `unknown template "${r.template}"` });
    else
      for (const f of missing) problems.push({ field: 'template', message: `template "${r.template}" refers to "${f}", which ${r.eventType} does not carry` });
  }
  return problems;
}

export function addressProblems(a: NamedAddress, roles: ReadonlySet<string>): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (!/^[A-Z][A-Z0-9_]{0,63}$/.test(a.name)) problems.push({ field: 'name', message: `address name "${a.name}": upper-case letters, digits and underscores` });
  if (!a.role && !a.employeeId && !a.email) problems.push({ field: 'name', message: `address ${a.name} needs a role, an employee or an e-mail` });
  if (a.role && !roles.has(a.role)) problems.push({ field: 'role', message: `unknown role "${a.role}"` });
  if (a.email && !isEmail(a.email)) problems.push({ field: 'email', message: `invalid e-mail address "${a.email}"` });
  return problems;
}
