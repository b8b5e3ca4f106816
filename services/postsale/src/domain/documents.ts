import { formatDate, formatMoney, formatMonth, localeOf, money, type DocumentSpec, type TenantLook } from '@vinculo/common';

/**
 * The papers post-sale produces: the call-detail delivery record (002 G: the detail the carrier
 * provides, delivered by e-mail, WhatsApp or paper, and what it costs) and the withdrawal settlement
 * (002 H: final bill, early-termination penalty, equipment). Pure: data in, a DocumentSpec out.
 */

const CARRIERS: Record<string, string> = { OWN: 'Llamadas de la propia red', PARTNER: 'Operador asociado (sin cargo, R-PS-G1)' };
const CHANNELS: Record<string, string> = { EMAIL: 'Correo electrónico', WHATSAPP: 'WhatsApp', IN_PERSON: 'Impreso, en persona' };
const BILLING: Record<string, string> = {
  FULL_MONTH: 'Mes completo (tarifa plana)',
  PRORATED: 'Prorrateo por días',
  MULTI_BASIC_WHOLE: 'Telefonía básica completa, resto prorrateado',
};
const CONDITIONS: Record<string, string> = { OK: 'Devuelto en buen estado', DAMAGED: 'Dañado', MISSING: 'No devuelto' };

const look = (tenant: TenantLook, currency: string) => {
  const locale = localeOf(tenant.country, tenant.currency);
  return {
    locale,
    letterhead: { name: tenant.name, taxId: tenant.taxId ?? null, address: tenant.address ?? null, logo: tenant.logo ?? null },
    money: (minor: number) => formatMoney(money(minor, currency).amount, currency, locale),
  };
};

export interface CallDetailData {
  /** What the customer reads: the business number (PS-…, issue #15), or the id of an older request. */
  requestId: string;
  customerName: string;
  serviceNumber: string | null;
  currency: string;
  months: string[];
  chargeableMonths: string[];
  carrier: string;
  deliveryChannel: string;
  amountMinor: number;
  enteredAt: Date;
}

/** The call-detail record: months requested, which are charged (R-PS-G1), the carrier, the channel, the fee. */
export function callDetailReportSpec(tenant: TenantLook, d: CallDetailData): DocumentSpec {
  const { locale, letterhead, money: fmt } = look(tenant, d.currency);
  const perMonth = d.chargeableMonths.length ? Math.round(d.amountMinor / d.chargeableMonths.length) : 0;
  return {
    title: 'Detalle de llamadas',
    subtitle: `Solicitud ${d.requestId} · ${formatDate(d.enteredAt, locale, tenant.timeZone)}`,
    letterhead,
    createdAt: d.enteredAt,
    sections: [
      {
        fields: [
          ['Cliente', d.customerName],
          ['Línea', d.serviceNumber ?? '—'],
          ['Tráfico', CARRIERS[d.carrier] ?? d.carrier],
          ['Entrega', CHANNELS[d.deliveryChannel] ?? d.deliveryChannel],
          ['Fecha de la solicitud', formatDate(d.enteredAt, locale, tenant.timeZone)],
        ],
      },
      {
        heading: 'Meses solicitados',
        table: {
          columns: ['Mes', 'Cobro'],
          widths: [3, 2],
          right: [1],
          rows: d.months.map((m) => [formatMonth(m, locale), d.chargeableMonths.includes(m) ? fmt(perMonth) : 'Sin cargo']),
          total: ['Total a facturar', fmt(d.amountMinor)],
        },
      },
      {
        paragraphs: [
          `El importe de ${fmt(d.amountMinor)} se incluye en su próxima factura. El detalle de cada llamada es el que entrega el operador del tráfico solicitado.`,
        ],
      },
    ],
    footer: `${tenant.name} · Detalle de llamadas · solicitud ${d.requestId}`,
  };
}

export interface WithdrawalData {
  /** What the customer reads: the business number (PS-…, issue #15), or the id of an older request. */
  requestId: string;
  customerName: string;
  serviceNumber: string | null;
  planCode: string | null;
  currency: string;
  reason: string;
  effectiveDate: string;
  finalBilling: { billing: string; days: number; daysInMonth: number; amountMinor: number; wholePartMinor: number | null };
  penaltyMinor: number;
  penaltyAccepted: boolean | null;
  /** Each piece of equipment: its value, and once retrieved its condition and the receivable. */
  equipment: { code: string; description: string | null; valueMinor: number; condition: string | null; chargeMinor: number | null }[];
  enteredAt: Date;
}

/** The withdrawal settlement (liquidación de retiro): final bill, penalty, equipment receivables, total. */
export function withdrawalSettlementSpec(tenant: TenantLook, d: WithdrawalData): DocumentSpec {
  const { locale, letterhead, money: fmt } = look(tenant, d.currency);
  const equipmentMinor = d.equipment.reduce((s, e) => s + (e.chargeMinor ?? 0), 0);
  const totalMinor = d.finalBilling.amountMinor + d.penaltyMinor + equipmentMinor;
  const pending = d.equipment.some((e) => e.condition === null);
  const fb = d.finalBilling;
  return {
    title: 'Liquidación de retiro de servicio',
    subtitle: `Solicitud ${d.requestId} · retiro al ${formatDate(d.effectiveDate, locale, tenant.timeZone)}`,
    letterhead,
    createdAt: d.enteredAt,
    sections: [
      {
        fields: [
          ['Cliente', d.customerName],
          ['Línea / servicio', [d.serviceNumber, d.planCode].filter(Boolean).join(' · ') || '—'],
          ['Motivo', d.reason],
          ['Fecha de retiro', formatDate(d.effectiveDate, locale, tenant.timeZone)],
        ],
      },
      {
        heading: 'Liquidación',
        table: {
          columns: ['Concepto', 'Detalle', 'Importe'],
          widths: [3, 4, 2],
          right: [2],
          rows: [
            [
              'Factura final',
              `${BILLING[fb.billing] ?? fb.billing}: ${fb.days} de ${fb.daysInMonth} días${fb.wholePartMinor != null ? ` (parte completa ${fmt(fb.wholePartMinor)})` : ''}`,
              fmt(fb.amountMinor),
            ],
            [
              'Penalidad por permanencia mínima',
              d.penaltyMinor ? (d.penaltyAccepted ? 'Aceptada por el cliente' : 'Informada al cliente') : 'Permanencia cumplida',
              fmt(d.penaltyMinor),
            ],
            ...d.equipment.map((e) => [
              `Equipo ${e.code}`,
              `${e.description ?? ''}${e.description ? ' · ' : ''}valor ${fmt(e.valueMinor)} · ${e.condition ? (CONDITIONS[e.condition] ?? e.condition) : 'Pendiente de devolución'}`,
              e.chargeMinor == null ? '—' : fmt(e.chargeMinor),
            ]),
          ],
          total: ['Total', '', fmt(totalMinor)],
        },
      },
      {
        paragraphs: [
          pending
            ? 'Los equipos pendientes de devolución se liquidan al cerrar la orden de retiro: el equipo no devuelto o dañado se factura por su valor.'
            : 'Los importes se incluyen en su próxima factura.',
        ],
      },
    ],
    footer: `${tenant.name} · Liquidación de retiro · solicitud ${d.requestId}`,
  };
}

export interface ContractData {
  productId: string;
  customerName: string;
  serviceNumber: string;
  planCode: string;
  family: string;
  technology: string | null;
  speedMbps: number | null;
  installationAddress: string;
  currency: string;
  monthlyFeeMinor: number;
  installationDate: string;
  minimumPermanenceEnd: string | null;
  supplementaryServices: string[];
  status: string;
  /** When this version of the product was written (the summary's date). */
  at: Date;
}

const STATUS: Record<string, string> = { ACTIVE: 'Activo', SUSPENDED: 'Suspendido', WITHDRAWN: 'Retirado' };

/** The service contract summary (001): what the customer contracted and on what terms, as it stands now. */
export function contractSummarySpec(tenant: TenantLook, d: ContractData): DocumentSpec {
  const { locale, letterhead, money: fmt } = look(tenant, d.currency);
  return {
    title: 'Resumen del contrato de servicio',
    subtitle: `Línea ${d.serviceNumber} · ${formatDate(d.at, locale, tenant.timeZone)}`,
    letterhead,
    createdAt: d.at,
    sections: [
      {
        fields: [
          ['Cliente', d.customerName],
          ['Dirección de instalación', d.installationAddress],
          ['Estado', STATUS[d.status] ?? d.status],
        ],
      },
      {
        heading: 'Servicio contratado',
        fields: [
          ['Plan', `${d.planCode} (${d.family})`],
          ['Número de servicio', d.serviceNumber],
          ['Tecnología', [d.technology, d.speedMbps ? `${d.speedMbps} Mbps` : null].filter(Boolean).join(', ') || '—'],
          ['Tarifa mensual', fmt(d.monthlyFeeMinor)],
          ['Fecha de instalación', formatDate(d.installationDate, locale, tenant.timeZone)],
          ['Permanencia mínima hasta', d.minimumPermanenceEnd ? formatDate(d.minimumPermanenceEnd, locale, tenant.timeZone) : 'Sin permanencia mínima'],
          ['Servicios suplementarios', d.supplementaryServices.length ? d.supplementaryServices.join(', ') : 'Ninguno'],
        ],
      },
      {
        paragraphs: [
          'El retiro antes del fin de la permanencia mínima genera la penalidad establecida en el contrato; los equipos entregados en comodato deben devolverse al retiro del servicio.',
        ],
      },
    ],
    footer: `${tenant.name} · Resumen de contrato · línea ${d.serviceNumber}`,
  };
}
