import { formatDate, formatDateTime, formatMoney, localeOf, money, type DocumentSpec, type TenantLook } from '@vinculo/common';

/**
 * The papers sales produces: the commercial offer sent in writing (000 A7, oferta comercial) and the
 * order form printed for the customer to sign (000 A10, solicitud de pedido). Pure: data in, a
 * DocumentSpec out; the kit lays it out as a PDF.
 */

export interface DocumentLine {
  planCode: string;
  family?: string | null;
  promotionCode: string | null;
  listMonthlyFeeMinor?: number | null;
  monthlyFeeMinor: number;
  installationCostMinor: number;
}

export interface OfferLetterData {
  customerName: string;
  offerNumber: number;
  needs: string;
  installationAddress: string;
  currency: string;
  lines: DocumentLine[];
  monthlyTotalMinor: number;
  installationTotalMinor: number;
  validUntil: string;
  sentAt: Date;
  executiveName: string;
}

const formatter = (tenant: TenantLook, currency: string) => {
  const locale = localeOf(tenant.country, tenant.currency);
  return { locale, money: (minor: number) => formatMoney(money(minor, currency).amount, currency, locale) };
};

/** The commercial offer letter: lines (list and offered price), monthly and installation totals, validity. */
export function offerLetterSpec(tenant: TenantLook, d: OfferLetterData): DocumentSpec {
  const { locale, money: fmt } = formatter(tenant, d.currency);
  const sent = formatDate(d.sentAt, locale, tenant.timeZone);
  return {
    title: 'Oferta comercial',
    subtitle: `N.º ${d.offerNumber} · ${sent}`,
    letterhead: { name: tenant.name, taxId: tenant.taxId ?? null, address: tenant.address ?? null, logo: tenant.logo ?? null },
    createdAt: d.sentAt,
    sections: [
      {
        fields: [
          ['Señor(es)', d.customerName],
          ['Dirección de instalación', d.installationAddress],
          ['Fecha', sent],
        ],
      },
      { paragraphs: [`De nuestra consideración: en atención a su requerimiento (${d.needs}), le presentamos nuestra oferta comercial.`] },
      {
        heading: 'Servicios ofertados',
        table: {
          columns: ['Plan', 'Promoción', 'Tarifa de lista', 'Tarifa mensual', 'Instalación'],
          widths: [3, 2, 2, 2, 2],
          right: [2, 3, 4],
          rows: d.lines.map((l) => [
            l.family ? `${l.planCode} (${l.family})` : l.planCode,
            l.promotionCode ?? '—',
            l.listMonthlyFeeMinor == null ? '—' : fmt(l.listMonthlyFeeMinor),
            fmt(l.monthlyFeeMinor),
            fmt(l.installationCostMinor),
          ]),
          total: ['Total', '', '', fmt(d.monthlyTotalMinor), fmt(d.installationTotalMinor)],
        },
      },
      {
        paragraphs: [
          `Total mensual: ${fmt(d.monthlyTotalMinor)}. Costo de instalación: ${fmt(d.installationTotalMinor)}.`,
          `Esta oferta es válida hasta el ${formatDate(d.validUntil, locale, tenant.timeZone)}.`,
          'Atentamente,',
          `${d.executiveName} · ${tenant.name}`,
        ],
      },
    ],
    footer: `${tenant.name} · Oferta comercial N.º ${d.offerNumber}`,
  };
}

export interface OrderFormData {
  /** What the customer reads: the business number (SO-…, issue #15), or the id of an older order. */
  orderId: string;
  customerName: string;
  installationAddress: string;
  currency: string;
  lines: DocumentLine[];
  requirementDocuments: string[];
  placedAt: Date;
  status: string;
}

/** The order form (solicitud de pedido) the customer signs: lines, totals, the documents presented, signatures. */
export function orderFormSpec(tenant: TenantLook, d: OrderFormData): DocumentSpec {
  const { locale, money: fmt } = formatter(tenant, d.currency);
  const monthly = d.lines.reduce((s, l) => s + l.monthlyFeeMinor, 0);
  const installation = d.lines.reduce((s, l) => s + l.installationCostMinor, 0);
  return {
    title: 'Solicitud de pedido',
    subtitle: `Pedido ${d.orderId} · ${formatDateTime(d.placedAt, locale, tenant.timeZone)}`,
    letterhead: { name: tenant.name, taxId: tenant.taxId ?? null, address: tenant.address ?? null, logo: tenant.logo ?? null },
    createdAt: d.placedAt,
    sections: [
      {
        fields: [
          ['Cliente', d.customerName],
          ['Dirección de instalación', d.installationAddress],
          ['Fecha del pedido', formatDate(d.placedAt, locale, tenant.timeZone)],
          ['Estado', d.status],
        ],
      },
      {
        heading: 'Servicios solicitados',
        table: {
          columns: ['Plan', 'Promoción', 'Tarifa mensual', 'Instalación'],
          widths: [3, 2, 2, 2],
          right: [2, 3],
          rows: d.lines.map((l) => [l.planCode, l.promotionCode ?? '—', fmt(l.monthlyFeeMinor), fmt(l.installationCostMinor)]),
          total: ['Total', '', fmt(monthly), fmt(installation)],
        },
      },
      { heading: 'Documentos presentados', paragraphs: [d.requirementDocuments.length ? d.requirementDocuments.join(', ') : 'Ninguno'] },
      {
        paragraphs: [
          'El cliente declara que los datos consignados son correctos y solicita la instalación de los servicios detallados.',
          '',
          'Firma del cliente: ______________________          Firma del ejecutivo: ______________________',
        ],
      },
    ],
    footer: `${tenant.name} · Solicitud de pedido ${d.orderId}`,
  };
}
