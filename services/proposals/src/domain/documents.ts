import { formatDate, formatMoney, localeOf, money, type DocumentSpec, type TenantLook } from '@vinculo/common';
import type { BusinessCaseState, ProposalVersion } from './opportunity';

/**
 * The papers proposals produces (004): the business case (F-COM-002) and each proposal version
 * (F-COM-003). Pure: data in, a DocumentSpec out; the kit lays it out as a PDF.
 */

export interface OpportunityLook {
  id: string;
  title: string;
  customerName: string;
  requirementType: string;
  serviceLines: string[];
}

const look = (tenant: TenantLook, currency: string) => {
  const locale = localeOf(tenant.country, tenant.currency);
  return {
    locale,
    letterhead: { name: tenant.name, taxId: tenant.taxId ?? null, address: tenant.address ?? null, logo: tenant.logo ?? null },
    money: (minor: number) => formatMoney(money(minor, currency).amount, currency, locale),
  };
};

const KIND: Record<string, string> = { ONE_TIME: 'Única vez', MONTHLY: 'Mensual' };
const DECISION: Record<string, string> = { GO: 'Se presenta propuesta (GO)', NO_GO: 'No se presenta propuesta (NO GO)' };

/** "2345" basis points → "23,45 %" (hundredths of a percent, written with the locale's decimal comma). */
export const percentOf = (basisPoints: number | null): string =>
  basisPoints === null
    ? '—'
    : `${basisPoints < 0 ? '-' : ''}${Math.floor(Math.abs(basisPoints) / 100)},${String(Math.abs(basisPoints) % 100).padStart(2, '0')} %`;

/** F-COM-002 business case: cost lines, prices, term, revenue, cost, margin, margin %, payback, decision. */
export function businessCaseSpec(tenant: TenantLook, o: OpportunityLook, b: BusinessCaseState): DocumentSpec {
  const { locale, letterhead, money: fmt } = look(tenant, b.currency);
  return {
    title: 'Caso de negocio (F-COM-002)',
    subtitle: `${o.title} · ${formatDate(b.sizedAt, locale, tenant.timeZone)}`,
    letterhead,
    createdAt: b.decidedAt ?? b.sizedAt,
    sections: [
      {
        fields: [
          ['Cliente', o.customerName],
          ['Oportunidad', o.title],
          ['Tipo de requerimiento', o.requirementType],
          ['Líneas de servicio', o.serviceLines.join(', ') || '—'],
          ['Dimensionado por', `${b.sizedBy}, ${formatDate(b.sizedAt, locale, tenant.timeZone)}`],
        ],
      },
      {
        heading: 'Costos',
        table: {
          columns: ['Concepto', 'Tipo', 'Importe'],
          widths: [5, 2, 2],
          right: [2],
          rows: b.costLines.map((l) => [l.description, KIND[l.kind] ?? l.kind, fmt(l.amountMinor)]),
        },
      },
      {
        heading: 'Resultado',
        fields: [
          ['Precio único', fmt(b.oneTimePriceMinor)],
          ['Precio mensual', fmt(b.monthlyPriceMinor)],
          ['Plazo', `${b.termMonths} meses`],
          ['Ingreso total', fmt(b.totalRevenueMinor)],
          ['Costo total', fmt(b.totalCostMinor)],
          ['Margen', `${fmt(b.marginMinor)} (${percentOf(b.marginBasisPoints)})`],
          ['Recuperación', b.paybackMonths === null ? 'No se recupera en el plazo' : `${b.paybackMonths} meses`],
        ],
      },
      {
        heading: 'Decisión',
        paragraphs: [
          b.decision
            ? `${DECISION[b.decision] ?? b.decision}, por ${b.decidedBy ?? '—'} el ${b.decidedAt ? formatDate(b.decidedAt, locale, tenant.timeZone) : '—'}.`
            : 'Pendiente de decisión de la dirección comercial.',
          ...(b.justification ? [`Justificación: ${b.justification}`] : []),
        ],
      },
    ],
    footer: `${tenant.name} · F-COM-002 · ${o.title}`,
  };
}

/** F-COM-003 proposal version: summaries, price, committed delivery, compliance review, sending. */
export function proposalSpec(tenant: TenantLook, o: OpportunityLook, p: ProposalVersion): DocumentSpec {
  const { locale, letterhead, money: fmt } = look(tenant, p.currency);
  return {
    title: `Propuesta comercial (F-COM-003) · versión ${p.version}`,
    subtitle: `${o.title} · ${formatDate(p.submittedAt, locale, tenant.timeZone)}`,
    letterhead,
    createdAt: p.submittedAt,
    sections: [
      {
        fields: [
          ['Cliente', o.customerName],
          ['Oportunidad', o.title],
          ['Versión', String(p.version)],
          ['Fecha', formatDate(p.submittedAt, locale, tenant.timeZone)],
        ],
      },
      { heading: 'Propuesta técnica', paragraphs: [p.technicalSummary] },
      {
        heading: 'Propuesta económica',
        paragraphs: [p.economicSummary],
        fields: [
          ['Precio', fmt(p.priceMinor)],
          ['Fecha comprometida de entrega', formatDate(p.committedDeliveryDate, locale, tenant.timeZone)],
        ],
      },
      {
        heading: 'Estado',
        paragraphs: [
          p.complianceReview
            ? `Revisión de cumplimiento: ${p.complianceReview.outcome === 'APPROVED' ? 'aprobada' : 'observada'} el ${formatDate(p.complianceReview.at, locale, tenant.timeZone)}${p.complianceReview.comments ? ` (${p.complianceReview.comments})` : ''}.`
            : 'Pendiente de revisión de cumplimiento.',
          p.sentAt ? `Enviada al cliente el ${formatDate(p.sentAt, locale, tenant.timeZone)}.` : 'Aún no enviada al cliente.',
        ],
      },
    ],
    footer: `${tenant.name} · F-COM-003 · ${o.title} · versión ${p.version}`,
  };
}
