/**
 * What each scheduled report says (issue #19), built from the owner subgraph's own answer (sales'
 * executiveMonthlyReport and teamMonthlyReport, customers' loyaltyCallReport, techsupport's
 * preventiveDailyReport, collections' overdueWorklist): the figures for the body and one row per item
 * for the CSV and XLSX. Pure: the caller runs the query. Spanish, like the seeds' reports.
 */
export type Cell = string | number | null;

export interface ReportContent {
  subject: string;
  /** Label → value, in order: the e-mail's body. */
  figures: [string, string | number][];
  header: string[];
  rows: Cell[][];
  /** File name without extension. */
  fileName: string;
}

interface Money {
  amount: string;
  currency: string;
}
const money = (m: Money | null | undefined) => (m ? `${m.amount} ${m.currency}` : '—');
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v * 10) / 10} %`);

export interface ExecutiveMonthlyAnswer {
  executiveId: string;
  month: string;
  target: { newCapturesCount: number; newCapturesAmount: Money; portfolioAmount: Money };
  newCaptures: number;
  newCapturesAmount: Money;
  portfolioSales: number;
  portfolioAmount: Money;
  newCapturesAttainment: number | null;
  portfolioAttainment: number | null;
  lostProjects: number;
  openProjects: number;
}

const EXECUTIVE_HEADER = [
  'ejecutivo',
  'mes',
  'meta captaciones',
  'captaciones',
  'cumplimiento captaciones %',
  'monto captaciones',
  'meta cartera',
  'ventas cartera',
  'monto cartera',
  'cumplimiento cartera %',
  'proyectos perdidos',
  'proyectos abiertos',
];
const executiveRow = (r: ExecutiveMonthlyAnswer, name: string): Cell[] => [
  name,
  r.month,
  r.target.newCapturesCount,
  r.newCaptures,
  r.newCapturesAttainment,
  r.newCapturesAmount.amount,
  r.target.portfolioAmount.amount,
  r.portfolioSales,
  r.portfolioAmount.amount,
  r.portfolioAttainment,
  r.lostProjects,
  r.openProjects,
];

/** 000 A15: the executive's month against the targets, to the team lead. */
export function executiveMonthlyContent(r: ExecutiveMonthlyAnswer, executiveName: string): ReportContent {
  return {
    subject: `Informe mensual de ${executiveName}, ${r.month}`,
    figures: [
      ['Captaciones nuevas', `${r.newCaptures} de ${r.target.newCapturesCount} (${pct(r.newCapturesAttainment)})`],
      ['Monto de captaciones', money(r.newCapturesAmount)],
      ['Ventas de cartera', `${r.portfolioSales} por ${money(r.portfolioAmount)} (${pct(r.portfolioAttainment)} de ${money(r.target.portfolioAmount)})`],
      ['Proyectos perdidos', r.lostProjects],
      ['Proyectos abiertos', r.openProjects],
    ],
    header: EXECUTIVE_HEADER,
    rows: [executiveRow(r, executiveName)],
    fileName: `informe-mensual-${r.executiveId}-${r.month}`,
  };
}

export interface TeamMonthlyAnswer {
  leadId: string;
  month: string;
  executives: ExecutiveMonthlyAnswer[];
  newCaptures: number;
  newCapturesTarget: number;
  newCapturesAmount: Money;
  portfolioAmount: Money;
  newCapturesAttainment: number | null;
}

/** 000 A17: the team's month, one row per executive, to the division head. */
export function teamMonthlyContent(r: TeamMonthlyAnswer, leadName: string, nameOf: (id: string) => string): ReportContent {
  return {
    subject: `Informe mensual del equipo de ${leadName}, ${r.month}`,
    figures: [
      ['Ejecutivos', r.executives.length],
      ['Captaciones nuevas', `${r.newCaptures} de ${r.newCapturesTarget} (${pct(r.newCapturesAttainment)})`],
      ['Monto de captaciones', money(r.newCapturesAmount)],
      ['Monto de cartera', money(r.portfolioAmount)],
    ],
    header: EXECUTIVE_HEADER,
    rows: r.executives.map((e) => executiveRow(e, nameOf(e.executiveId))),
    fileName: `informe-equipo-${r.leadId}-${r.month}`,
  };
}

export interface LoyaltyAnswer {
  executiveId: string;
  date: string;
  calls: number;
  problems: number;
  contactUpdates: number;
  items: { outcome: string; contactUpdated: boolean; interaction: { id: string; customer: { name: string } | null; customerId: string } }[];
}

/** 002 J 10: the day's loyalty calls, at the end of the working day. */
export function loyaltyDailyContent(r: LoyaltyAnswer, executiveName: string): ReportContent {
  return {
    subject: `Llamadas de fidelización de ${executiveName}, ${r.date}`,
    figures: [
      ['Llamadas', r.calls],
      ['Con problemas', r.problems],
      ['Datos de contacto actualizados', r.contactUpdates],
    ],
    header: ['interacción', 'cliente', 'resultado', 'contacto actualizado'],
    rows: r.items.map((i) => [i.interaction.id, i.interaction.customer?.name ?? i.interaction.customerId, i.outcome, i.contactUpdated ? 'sí' : 'no']),
    fileName: `fidelizacion-${r.executiveId}-${r.date}`,
  };
}

export interface PreventiveAnswer {
  day: string;
  analystId: string;
  total: number;
  byOutcome: { outcome: string; count: number }[];
  reviews: { id: string; outcome: string; notes: string | null; suggestion: string | null; customer: { name: string } | null }[];
}

/** 002 K 10: the analyst's preventive reviews of the day. */
export function preventiveDailyContent(r: PreventiveAnswer, analystName: string): ReportContent {
  return {
    subject: `Revisión técnica preventiva de ${analystName}, ${r.day}`,
    figures: [['Revisiones', r.total], ...r.byOutcome.map((o): [string, number] => [o.outcome, o.count])],
    header: ['revisión', 'cliente', 'resultado', 'notas', 'sugerencia'],
    rows: r.reviews.map((v) => [v.id, v.customer?.name ?? '—', v.outcome, v.notes, v.suggestion]),
    fileName: `revision-preventiva-${r.analystId}-${r.day}`,
  };
}

export interface WorklistAnswer {
  edges: {
    node: {
      billingAccount: { id: string; accountNumber: string };
      customer: { name: string } | null;
      overdueAmount: Money;
      pendingPromise: { promisedDate: string; amount: Money } | null;
      followUpDue: boolean;
    };
  }[];
}

/** 002 I: the executive's overdue accounts of the day, largest first (who to call today). */
export function worklistContent(r: WorklistAnswer, executiveId: string, executiveName: string, day: string): ReportContent {
  const nodes = r.edges.map((e) => e.node);
  const currencies = [...new Set(nodes.map((n) => n.overdueAmount.currency))];
  const totals = currencies.map(
    (c) => `${nodes.filter((n) => n.overdueAmount.currency === c).reduce((s, n) => s + Math.round(Number(n.overdueAmount.amount) * 100), 0) / 100} ${c}`,
  );
  return {
    subject: `Cuentas en mora de ${executiveName}, ${day}`,
    figures: [
      ['Cuentas en mora', nodes.length],
      ['Monto en mora', totals.join(' + ') || '0'],
      ['Seguimiento hoy', nodes.filter((n) => n.followUpDue).length],
    ],
    header: ['cuenta', 'cliente', 'monto en mora', 'moneda', 'compromiso', 'monto comprometido', 'seguimiento hoy'],
    rows: nodes.map((n) => [
      n.billingAccount.accountNumber,
      n.customer?.name ?? '—',
      n.overdueAmount.amount,
      n.overdueAmount.currency,
      n.pendingPromise?.promisedDate ?? null,
      n.pendingPromise?.amount.amount ?? null,
      n.followUpDue ? 'sí' : 'no',
    ]),
    fileName: `cartera-en-mora-${executiveId}-${day}`,
  };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The e-mail of a report: the figures in the body, the detail attached. */
export function reportMessage(c: ReportContent): { subject: string; text: string; html: string } {
  const lines = c.figures.map(([k, v]) => `${k}: ${v}`);
  const note = c.rows.length
    ? `El detalle (${c.rows.length} ${c.rows.length === 1 ? 'fila' : 'filas'}) va adjunto en CSV y XLSX.`
    : 'Sin detalle en este periodo.';
  return {
    subject: c.subject,
    text: `${c.subject}\n\n${lines.join('\n')}\n\n${note}\n`,
    html: `<!doctype html><html lang="es"><body style="font-family:sans-serif"><h2 style="font-size:16px">${escape(c.subject)}</h2><table>${c.figures
      .map(([k, v]) => `<tr><td>${escape(k)}</td><td><b>${escape(String(v))}</b></td></tr>`)
      .join('')}</table><p>${escape(note)}</p></body></html>`,
  };
}

/** The detail as records (one per row, keyed by the header) for the kit's CSV and XLSX writers. */
export function recordsOf(c: ReportContent): Record<string, Cell>[] {
  return c.rows.map((r) => Object.fromEntries(c.header.map((h, i) => [h, r[i] ?? null])));
}
