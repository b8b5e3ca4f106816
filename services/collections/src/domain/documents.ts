import { formatDate, formatMoney, formatMonth, localeOf, money, type DocumentSpec, type Letterhead, type TenantLook } from '@vinculo/common';
import type { InvoiceLine } from './invoice';

/**
 * The papers collections produces (§3 I): the pro-forma invoice and the overdue letter (carta de
 * información mora). Pure: data in, a DocumentSpec out (the kit lays it out as a PDF), so what a
 * letter says is tested without a store.
 */

export interface ProformaData {
  number: string;
  period: string;
  issuedAt: Date;
  dueDate: string;
  currency: string;
  customerName: string;
  accountNumber: string;
  lines: InvoiceLine[];
  totalMinor: number;
}

const LINE_NAMES: Record<InvoiceLine['kind'], string> = {
  PLAN_FEE: 'Cargo del plan',
  FINAL_BILL: 'Factura final',
  FEE: 'Cargo por trámite',
  PENALTY: 'Penalidad',
  EXCESS_CABLE: 'Cable excedente',
  RECEIVABLE: 'Cuenta por cobrar',
  CALL_DETAIL: 'Detalle de llamadas',
};

const letterheadOf = (tenant: TenantLook): Letterhead => ({
  name: tenant.name,
  taxId: tenant.taxId ?? null,
  address: tenant.address ?? null,
  logo: tenant.logo ?? null,
});

/** The pro-forma invoice (factura pro-forma): lines and total to the cent, period, issue and due dates. */
export function proformaInvoiceSpec(tenant: TenantLook, inv: ProformaData): DocumentSpec {
  const locale = localeOf(tenant.country, tenant.currency);
  const fmt = (minor: number) => formatMoney(money(minor, inv.currency).amount, inv.currency, locale);
  return {
    title: 'Factura pro-forma',
    subtitle: `N.º ${inv.number} · ${formatMonth(inv.period, locale)}`,
    letterhead: letterheadOf(tenant),
    createdAt: inv.issuedAt,
    sections: [
      {
        fields: [
          ['Cliente', inv.customerName],
          ['Cuenta de facturación', inv.accountNumber],
          ['Periodo', formatMonth(inv.period, locale)],
          ['Fecha de emisión', formatDate(inv.issuedAt, locale, tenant.timeZone)],
          ['Fecha de vencimiento', formatDate(inv.dueDate, locale, tenant.timeZone)],
          ['Moneda', inv.currency],
        ],
      },
      {
        heading: 'Detalle',
        table: {
          columns: ['Concepto', 'Descripción', 'Importe'],
          widths: [2, 5, 2],
          right: [2],
          rows: inv.lines.map((l) => [LINE_NAMES[l.kind] ?? l.kind, l.description, fmt(l.amountMinor)]),
          total: ['Total', '', fmt(inv.totalMinor)],
        },
      },
      {
        paragraphs: [
          `Documento pro-forma sin valor fiscal. Pague ${fmt(inv.totalMinor)} hasta el ${formatDate(inv.dueDate, locale, tenant.timeZone)} ` +
            `por los canales habilitados (web, banco o cajas), indicando la cuenta ${inv.accountNumber}.`,
        ],
      },
    ],
    footer: `${tenant.name} · Factura pro-forma ${inv.number}`,
  };
}

export interface OverdueInvoice {
  number: string;
  period: string;
  dueDate: string;
  outstandingMinor: number;
}

export interface OverdueLetterData {
  customerName: string;
  accountNumber: string;
  currency: string;
  /** The tenant-local day of the letter. */
  day: string;
  /** When the account's current version was written (the letter's creation date). */
  at: Date;
  invoices: OverdueInvoice[];
  overdueMinor: number;
}

/** The overdue letter (carta de información mora): each overdue invoice with what is owed, the total, the day. */
export function overdueLetterSpec(tenant: TenantLook, d: OverdueLetterData): DocumentSpec {
  const locale = localeOf(tenant.country, tenant.currency);
  const fmt = (minor: number) => formatMoney(money(minor, d.currency).amount, d.currency, locale);
  const day = formatDate(d.day, locale, tenant.timeZone);
  return {
    title: 'Carta de información de mora',
    subtitle: `Cuenta ${d.accountNumber} · ${day}`,
    letterhead: letterheadOf(tenant),
    createdAt: d.at,
    sections: [
      {
        fields: [
          ['Señor(es)', d.customerName],
          ['Cuenta de facturación', d.accountNumber],
          ['Fecha', day],
        ],
      },
      {
        paragraphs: [
          `De nuestra consideración: a la fecha, su cuenta ${d.accountNumber} registra un saldo en mora de ${fmt(d.overdueMinor)}, ` +
            'correspondiente a las facturas vencidas que se detallan a continuación.',
        ],
      },
      {
        heading: 'Facturas vencidas',
        table: {
          columns: ['Factura', 'Periodo', 'Vencimiento', 'Saldo pendiente'],
          widths: [4, 2, 2, 2],
          right: [3],
          rows: d.invoices.map((i) => [i.number, i.period, formatDate(i.dueDate, locale, tenant.timeZone), fmt(i.outstandingMinor)]),
          total: ['Total en mora', '', '', fmt(d.overdueMinor)],
        },
      },
      {
        paragraphs: [
          'Le solicitamos regularizar el pago a la brevedad o comunicarse con su ejecutivo para acordar un compromiso de pago. ' +
            'Si ya realizó el pago, por favor ignore esta carta.',
          'Atentamente,',
          tenant.name,
        ],
      },
    ],
    footer: `${tenant.name} · Carta de mora · cuenta ${d.accountNumber}`,
  };
}
