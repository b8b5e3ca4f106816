/**
 * Spanish message templates (subject, text; the HTML is the text, escaped, with the link as a button).
 * Placeholders are `{{name}}`: `data.<field>` of the event, or one of the facts every message has
 * (ENRICHED_FIELDS). A tenant may override a template by key (NotificationSettings.templates).
 */
import { WEBHOOK_TEMPLATES } from './webhooks';

export interface Template {
  key: string;
  subject: string;
  text: string;
}

/** Facts the subgraph adds to every event's data before rendering. */
export const ENRICHED_FIELDS = ['customerName', 'executiveName', 'actorName', 'link', 'eventType', 'time', 'tenantId'] as const;

export const DEFAULT_TEMPLATES: Template[] = [
  {
    key: 'claim-escalated',
    subject: 'Reclamo de facturación escalado: {{customerName}}',
    text:
      'El cliente {{customerName}} no quedó conforme con la respuesta a su reclamo de facturación y lo escaló (escalamiento n.º {{data.escalations}}).\n' +
      'Reclamo: {{data.claimId}}\nFactura: {{data.invoiceId}}\nCuenta: {{data.billingAccountId}}\nEjecutivo: {{executiveName}}\n' +
      'UTAR debe revisarlo de nuevo (R-COL-F1).',
  },
  {
    key: 'visit-scheduled',
    subject: 'Visita técnica programada para {{customerName}}',
    text: 'Se programó la visita del técnico a {{customerName}}.\nDesde: {{data.start}}\nHasta: {{data.end}}\nAnalista: {{data.analystId}}\nInforme el horario al cliente (002 E 8.2).',
  },
  {
    key: 'involved-areas',
    subject: 'Oportunidad ganada: {{customerName}}',
    text: 'El cliente {{customerName}} autorizó la propuesta; la oportunidad {{data.opportunityId}} está ganada ({{data.wonAt}}).\nÁreas involucradas: {{data.areas}}\nCoordine el inicio del servicio y el contrato con Cumplimiento.',
  },
  {
    key: 'compliance-review',
    subject: 'Propuesta para revisión de cumplimiento: {{customerName}}',
    text: 'La versión {{data.version}} de la propuesta de la oportunidad {{data.opportunityId}} ({{customerName}}) espera su revisión.\nMoneda: {{data.currency}}\nEntrega comprometida: {{data.committedDeliveryDate}}',
  },
  {
    key: 'lessons-learned',
    subject: 'Oportunidad perdida: lecciones aprendidas ({{customerName}})',
    text: 'La oportunidad {{data.opportunityId}} de {{customerName}} se perdió.\nMotivo: {{data.reason}}\nLecciones aprendidas: {{data.lessonsLearned}}',
  },
  {
    key: 'work-order-at-risk',
    subject: 'Orden de trabajo en riesgo: {{customerName}}',
    text: 'La orden de trabajo {{data.workOrderId}} ({{data.type}}) de {{customerName}} vence el {{data.dueAt}}.',
  },
  {
    key: 'work-order-breached',
    subject: 'Orden de trabajo vencida: {{customerName}}',
    text: 'La orden de trabajo {{data.workOrderId}} ({{data.type}}) de {{customerName}} superó su plazo ({{data.dueAt}}) sin cerrarse.',
  },
  {
    key: 'promise-due',
    subject: 'Compromiso de pago que vence: {{customerName}}',
    text: 'El compromiso de pago {{data.promiseId}} de {{customerName}} vence el {{data.promisedDate}} (cuenta {{data.billingAccountId}}, moneda {{data.currency}}).\nVerifique el pago con el cliente (R-COL-I1).',
  },
  {
    key: 'proposal-delivery-near',
    subject: 'Propuesta por entregar: {{customerName}}',
    text: 'La propuesta de la oportunidad {{data.opportunityId}} ({{customerName}}) tiene entrega comprometida el {{data.committedDeliveryDate}} y aún no fue enviada al cliente.',
  },
  ...WEBHOOK_TEMPLATES,
  {
    key: 'account-overdue',
    subject: 'Cuenta en mora: {{customerName}}',
    text: 'La cuenta {{data.accountNumber}} de {{customerName}} está en mora desde {{data.since}}.\nMonto en mora (unidades menores): {{data.overdueAmount}} {{data.currency}}\nLa carta de información de mora va adjunta (002 I).',
  },
  {
    key: 'pqr-at-risk',
    subject: 'PQR por vencer: {{customerName}}',
    text: 'La PQR {{data.requestId}} de {{customerName}} debe responderse a más tardar el {{data.answerDueDate}}.',
  },
  {
    key: 'pqr-breached',
    subject: 'PQR vencida sin respuesta: {{customerName}}',
    text: 'La PQR {{data.requestId}} de {{customerName}} superó su plazo de respuesta ({{data.answerDueDate}}) sin ser respondida.\nEjecutivo: {{executiveName}}',
  },
];

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}/g;

/** The placeholders a template uses. */
export function placeholders(t: Pick<Template, 'subject' | 'text'>): string[] {
  const names = new Set<string>();
  for (const part of [t.subject, t.text]) for (const m of part.matchAll(PLACEHOLDER)) names.add(m[1]!);
  return [...names];
}

/** The placeholders a template uses that an event with `dataFields` does not carry. */
export function missingFields(t: Pick<Template, 'subject' | 'text'>, dataFields: readonly string[]): string[] {
  return placeholders(t).filter((p) => {
    if ((ENRICHED_FIELDS as readonly string[]).includes(p)) return false;
    return !(p.startsWith('data.') && dataFields.includes(p.slice(5)));
  });
}

const show = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(show).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

const lookup = (facts: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), facts);

const fill = (s: string, facts: Record<string, unknown>) => s.replace(PLACEHOLDER, (_m, name: string) => show(lookup(facts, name)));

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

/** Render a template over the facts: text with the link at the end, HTML with it as a button. */
export function render(t: Template, facts: Record<string, unknown>): Rendered {
  const subject = fill(t.subject, facts)
    .replace(/[\r\n]+/g, ' ')
    .slice(0, 200);
  const body = fill(t.text, facts);
  const link = typeof facts.link === 'string' ? facts.link : null;
  const text = link ? `${body}\n\nVer en Vínculo: ${link}\n` : `${body}\n`;
  const paragraphs = body
    .split('\n')
    .map((line) => `<p style="margin:0 0 8px">${escapeHtml(line)}</p>`)
    .join('');
  const button = link
    ? `<p><a href="${escapeHtml(link)}" style="background:#0b5cad;color:#fff;padding:8px 14px;text-decoration:none;border-radius:4px">Ver en Vínculo</a></p>`
    : '';
  const html = `<!doctype html><html lang="es"><body style="font-family:sans-serif"><h2 style="font-size:16px">${escapeHtml(subject)}</h2>${paragraphs}${button}</body></html>`;
  return { subject, text, html };
}

/** The tenant's templates: its own by key over the defaults. */
export function effectiveTemplates(own: readonly Template[]): Template[] {
  const byKey = new Map(DEFAULT_TEMPLATES.map((t) => [t.key, t]));
  for (const t of own) byKey.set(t.key, t);
  return [...byKey.values()];
}
