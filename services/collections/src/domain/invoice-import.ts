import { createHash } from 'node:crypto';
import { badInput, idFromEvent, isLocalDate, toMinorUnits } from '@vinculo/common';
import { parsePeriod, periodKey } from './period';
import { totalOf, type InvoiceLine, type InvoiceLineKind } from './invoice';

const LINE_KINDS: ReadonlySet<InvoiceLineKind> = new Set(['PLAN_FEE', 'FINAL_BILL', 'FEE', 'PENALTY', 'EXCESS_CABLE', 'RECEIVABLE', 'CALL_DETAIL']);
export const MAX_IMPORTED_LINES = 200;

export interface ImportedInvoiceInput {
  externalId: string;
  period: string;
  dueDate: string;
  /** Decimal amounts in the account's currency. */
  total: string;
  lines: { kind: InvoiceLineKind; description: string; amount: string; installedProductId?: string | null }[];
}

export interface ImportedInvoice {
  externalId: string;
  period: string;
  dueDate: string;
  totalMinor: number;
  lines: InvoiceLine[];
  /** What makes two imports "the same content" (idempotency by tenant + externalId). */
  contentHash: string;
}

/** Deterministic id of an imported invoice: per tenant and external id, so a re-import hits the same invoice. */
export function importedInvoiceIdFor(tenantId: string, externalId: string): string {
  return idFromEvent('inv', `${tenantId}|external|${externalId}`);
}

/**
 * An invoice imported from an external billing system is checked to the cent: every line a
 * non-negative amount in the account's currency, at least one line, and the lines add up exactly to the
 * declared total (a positive amount). Nothing is written when this throws (BAD_USER_INPUT).
 */
export function decideImportedInvoice(input: ImportedInvoiceInput, billingAccountId: string, currency: string): ImportedInvoice {
  const externalId = input.externalId.trim();
  if (externalId.length < 1 || externalId.length > 100) throw badInput('externalId must have 1 to 100 characters', 'externalId');
  const period = periodKey(parsePeriod(input.period));
  if (!isLocalDate(input.dueDate)) throw badInput('dueDate must be YYYY-MM-DD', 'dueDate');
  if (input.lines.length < 1 || input.lines.length > MAX_IMPORTED_LINES) throw badInput(`an invoice has 1 to ${MAX_IMPORTED_LINES} lines`, 'lines');
  const lines: InvoiceLine[] = input.lines.map((l, i) => {
    if (!LINE_KINDS.has(l.kind)) throw badInput(`line ${i + 1}: unknown kind ${l.kind}`, 'lines');
    const description = l.description.trim();
    if (description.length < 1 || description.length > 300) throw badInput(`line ${i + 1}: description must have 1 to 300 characters`, 'lines');
    const amountMinor = toMinorUnits(l.amount, currency);
    if (amountMinor < 0) throw badInput(`line ${i + 1}: an amount must not be negative`, 'lines');
    return { kind: l.kind, description, installedProductId: l.installedProductId ?? null, chargeId: null, days: null, amountMinor };
  });
  const totalMinor = toMinorUnits(input.total, currency);
  if (totalMinor <= 0) throw badInput('total must be positive', 'total');
  const sum = totalOf(lines);
  if (sum !== totalMinor) throw badInput(`the lines add up to ${sum} minor units, not the total ${totalMinor}`, 'total');
  const canonical = JSON.stringify([
    billingAccountId,
    currency,
    period,
    input.dueDate,
    totalMinor,
    lines.map((l) => [l.kind, l.description, l.installedProductId, l.amountMinor]),
  ]);
  return { externalId, period, dueDate: input.dueDate, totalMinor, lines, contentHash: createHash('sha256').update(canonical).digest('hex') };
}
