import type { EventEnvelope } from '@vinculo/common';
import type { Channel } from './interaction';
import {
  callOutcome,
  chargeKind,
  closure,
  customerStatus,
  digitalStatus,
  family,
  money,
  orderStatus,
  projectStatus,
  requestStatus,
  requestType,
  reviewOutcome,
  requestNote,
  requestResolution,
  same,
  say,
  subscriptionChange,
  supportVisitStatus,
  ticketChange,
  vocabulary,
  w,
  workOrderChange,
  workOrderType,
  channelOf,
  type Locale,
  type Words,
} from './timeline-words';

export type { Locale, Words } from './timeline-words';

/**
 * The customer's timeline as a projection of events (DOMAIN.md "Interaction": the union of every
 * step with the customer, across all subgraphs). This file is the ONE place that says, per event
 * type, what happened in words (Spanish, the tenant's language, and English), what came of it (the
 * decision, the reason, the amount, the date told to the customer), which entity it concerns and
 * whose timeline it goes to. Every event type with a contract has an entry (a catalogue test checks
 * it); an unknown type that carries `data.customerId` still falls back to a generic item, so a
 * producer deployed before this table still reaches the timeline. Pure: the same event always gives
 * the same item.
 */

export type TimelineKind = 'INTERACTION' | 'ACCOUNT' | 'VISIT' | 'SALE' | 'POST_SALE' | 'BILLING' | 'SUPPORT' | 'PROPOSAL';

/** The entity an item concerns: its GraphQL `__typename` and id, resolved by the gateway from its owner. */
export interface TimelineLink {
  typename: string;
  id: string;
}

/** What came of a step: the decision taken, why, the amount at stake and the date(s) told to the customer. */
export interface TimelineOutcome {
  decision: Words | null;
  reason: string | null;
  amount: { minor: number; currency: string } | null;
  /** A day told to the customer (YYYY-MM-DD), or the first day of a window… */
  date: string | null;
  /** …and the last day of that window (an ETA "from … to …"). */
  dateTo: string | null;
}

export interface TimelineEntry {
  customerId: string;
  kind: TimelineKind;
  summary: Words;
  outcome: TimelineOutcome | null;
  channel: Channel | null;
  link: TimelineLink | null;
}

type Data = Record<string, unknown>;

interface Projection<D> {
  kind: TimelineKind;
  /** Whose timeline: data.customerId unless said otherwise; null → not about one customer. */
  customerId?: (d: D) => string | null;
  summary: (d: D) => Words;
  link?: (d: D) => TimelineLink | null;
  outcome?: (d: D) => Partial<TimelineOutcome> | null;
  channel?: (d: D) => Channel | null;
}

// Contracts are checked before a handler runs (kafka/consumer.ts), so each entry may read its data as typed.
const on = <D>(p: Projection<D>): Projection<Data> => p as unknown as Projection<Data>;
const to = (typename: string, id: string | null | undefined): TimelineLink | null => (id ? { typename, id } : null);
const nobody = () => null;
const day = (iso: string | null | undefined): string | null => (iso ? iso.slice(0, 10) : null);
const amountOf = (minor: number | null | undefined, currency: string | null | undefined) =>
  typeof minor === 'number' && currency ? { minor, currency } : null;
const withText = (words: Words, text: string | null | undefined): Words => (text ? w(`${words.es}: ${text}`, `${words.en}: ${text}`) : words);

interface VisitData {
  visitId: string;
  customerId: string | null;
  startsAt: string;
  outcome: string | null;
  note: string | null;
}
const visit = (what: (d: VisitData) => Words) =>
  on<VisitData>({
    kind: 'VISIT',
    customerId: (d) => d.customerId,
    summary: what,
    link: (d) => to('Visit', d.visitId),
    outcome: (d) => (d.outcome ? { decision: same(d.outcome), date: day(d.startsAt) } : { date: day(d.startsAt) }),
  });

interface EmployeeData {
  employeeId: string;
  name: string;
}
/** Staff and tenant events concern no customer: rendered (for the catalogue and for logs), never projected. */
const internal = <D>(summary: (d: D) => Words): Projection<Data> => on<D>({ kind: 'ACCOUNT', customerId: nobody, summary });

const PROJECT_STEP: Record<string, Words> = {
  DRAFT: w('Plantea proyecto de venta', 'Sale project drafted'),
  APPROVED: w('Proyecto de venta con Vo.Bo. del responsable del equipo', 'Sale project approved by the team lead'),
  FEASIBLE: w('Factibilidad técnica y requisitos verificados en GIS: factible', 'Technical feasibility checked: feasible'),
  NOT_FEASIBLE: w('Factibilidad técnica verificada en GIS: no factible', 'Technical feasibility checked: not feasible'),
  VISIT_SCHEDULED: w('Visita coordinada con el cliente para asesoramiento comercial', 'Visit scheduled with the customer'),
  OFFERED: w('Oferta comercial enviada al cliente', 'Commercial offer sent to the customer'),
  ACCEPTED: w('El cliente acepta la oferta comercial', 'The customer accepted the commercial offer'),
  ORDER_ENTERED: w('Derivado a la gestora comercial para la digitación del plan contratado', 'Handed over to the commercial clerk for order entry'),
  LOST: w('Proyecto de venta perdido', 'Sale project lost'),
};

/** A sales-order step naming the order by its business number (SO-…, issue #15) when it has one. */
const withOrder = (step: Words, orderNumber: string | undefined): Words =>
  orderNumber ? w(`${step.es} (pedido ${orderNumber})`, `${step.en} (order ${orderNumber})`) : step;

const ORDER_STEP: Record<string, Words> = {
  ENTERED: w('Plan solicitado digitado en el sistema con documentos de respaldo', 'Sales order entered with its backing documents'),
  RETURNED: w('Control de calidad de digitación: pedido devuelto', 'Entry quality check: order returned'),
  TECHNICAL_FOLLOW_UP: w('Derivado a la gestora técnico comercial para priorizar la orden de trabajo', 'Handed over for technical follow-up'),
  INSTALLED: w('Pedido instalado: orden de trabajo cerrada', 'Sales order installed: work order closed'),
};

const DIGITAL_STEP: Record<string, Words> = {
  CALLBACK_PENDING: w('Solicitud digital: llamada perdida, pendiente de devolver', 'Digital request: lost call, callback pending'),
  RECEIVED: w('Solicitud digital recibida', 'Digital request received'),
  CLEARED: w('Solicitud digital: cliente sin impedimentos', 'Digital request: customer cleared of impediments'),
  FEASIBLE: w('Solicitud digital: factibilidad técnica verificada', 'Digital request: technically feasible'),
  REQUIREMENTS_RECEIVED: w('Solicitud digital: requisitos recibidos', 'Digital request: requirements received'),
  ORDER_ENTERED: w(
    'Solicitud digital: pedido digitado y fecha estimada de ejecución informada al cliente',
    'Digital request: order entered and the ETA told to the customer',
  ),
  FOLLOWED_UP: w('Solicitud digital: seguimiento al cliente', 'Digital request: followed up with the customer'),
  CLOSED: w('Solicitud digital cerrada: cliente satisfecho', 'Digital request closed: customer satisfied'),
  NOT_FEASIBLE: w('Solicitud digital rechazada', 'Digital request refused'),
};

const impedimentKind = vocabulary({
  RISK_REGISTRY: w('registro de riesgo', 'RISK_REGISTRY'),
  EQUIPMENT_PENDING_RETURN: w('equipos pendientes de devolución', 'EQUIPMENT_PENDING_RETURN'),
  OTHER: w('otro', 'OTHER'),
  OVERDUE_DEBT: w('deuda vencida', 'OVERDUE_DEBT'),
});

const PROJECTIONS: Record<string, Projection<Data>> = {
  // ---------------------------------------------------------------- customers
  'customers.CustomerRegistered': on<{ customerId: string; kind: string; name: string; status: string }>({
    kind: 'ACCOUNT',
    summary: (d) =>
      w(
        `Registrado como ${d.kind === 'BUSINESS' ? 'empresa' : 'persona'} (${d.name}), ${say(customerStatus(d.status), 'ES')}`,
        `Registered as ${d.kind === 'BUSINESS' ? 'a business' : 'a person'} (${d.name}), ${d.status}`,
      ),
    link: (d) => to('Customer', d.customerId),
  }),
  'customers.CustomerUpdated': on<{ customerId: string; changed: string }>({
    kind: 'ACCOUNT',
    summary: (d) =>
      ({
        PROFILE: w('Datos del cliente actualizados', 'Profile updated'),
        CONTACTS: w('Contactos actualizados', 'Contacts updated'),
        ADDRESSES: w('Direcciones actualizadas', 'Addresses updated'),
      })[d.changed] ?? w(`${d.changed} actualizado`, `${d.changed} updated`),
    link: (d) => to('Customer', d.customerId),
  }),
  'customers.PortfolioAssigned': on<{ executiveId: string; previousExecutiveId: string | null }>({
    kind: 'ACCOUNT',
    summary: (d) =>
      d.previousExecutiveId
        ? w('Cliente reasignado a otra cartera', "Moved to another executive's portfolio")
        : w('Cliente asignado a la cartera de un ejecutivo', "Assigned to an executive's portfolio"),
    link: (d) => to('Employee', d.executiveId),
  }),
  'customers.CustomerStatusChanged': on<{ customerId: string; from: string; to: string; reason: string | null }>({
    kind: 'ACCOUNT',
    summary: (d) =>
      w(
        `El cliente pasa de ${say(customerStatus(d.from), 'ES')} a ${say(customerStatus(d.to), 'ES')}${d.reason ? `: ${d.reason}` : ''}`,
        `Status ${d.from} → ${d.to}${d.reason ? `: ${d.reason}` : ''}`,
      ),
    outcome: (d) => ({ decision: customerStatus(d.to), reason: d.reason }),
    link: (d) => to('Customer', d.customerId),
  }),
  'customers.ImpedimentChanged': on<{ customerId: string; impedimentId: string; kind: string; change: string; reason: string }>({
    kind: 'ACCOUNT',
    summary: (d) =>
      w(
        `Impedimento (${say(impedimentKind(d.kind), 'ES')}) ${d.change === 'MARKED' ? 'registrado' : 'levantado'}: ${d.reason}`,
        `Impediment ${d.kind} ${d.change === 'MARKED' ? 'marked' : 'cleared'}: ${d.reason}`,
      ),
    outcome: (d) => ({ decision: d.change === 'MARKED' ? w('registrado', 'marked') : w('levantado', 'cleared'), reason: d.reason }),
    link: (d) => to('Customer', d.customerId),
  }),
  'customers.AttachmentStored': on<{ customerId: string | null; kind: string; name: string }>({
    kind: 'ACCOUNT',
    summary: (d) => w(`Archivo recibido (${d.kind}): ${d.name}`, `File received (${d.kind}): ${d.name}`),
    link: (d) => to('Customer', d.customerId),
  }),
  'customers.EligibilityChanged': on<{ customerId: string; eligible: boolean; reasons: { kind: string }[] }>({
    kind: 'ACCOUNT',
    summary: (d) =>
      d.eligible
        ? w('El cliente vuelve a ser habilitado para nuevas ventas', 'Eligible again')
        : w(
            `Cliente no habilitado: ${(d.reasons ?? []).map((r) => say(impedimentKind(r.kind), 'ES')).join(', ')}`,
            `Not eligible: ${(d.reasons ?? []).map((r) => r.kind).join(', ')}`,
          ),
    outcome: (d) => ({
      decision: d.eligible ? w('habilitado', 'eligible') : w('no habilitado', 'not eligible'),
      reason: d.eligible ? null : (d.reasons ?? []).map((r) => r.kind).join(', '),
    }),
    link: (d) => to('Customer', d.customerId),
  }),
  'customers.InteractionRecorded': on<{
    interactionId: string;
    channel: Channel;
    purpose: string;
    summary: string;
    outcome: string | null;
    link: TimelineLink | null;
  }>({
    kind: 'INTERACTION',
    summary: (d) => (d.purpose === 'LOYALTY_CALL' ? w(`Llamada de fidelización: ${d.summary}`, `Loyalty call: ${d.summary}`) : same(d.summary)),
    link: (d) => (d.link?.typename && d.link.id ? d.link : to('Interaction', d.interactionId)),
    outcome: (d) => (d.outcome ? { decision: same(d.outcome) } : null),
    channel: (d) => d.channel,
  }),
  'customers.ServiceProblemReported': on<{ problemId: string; description: string; reportedAt: string }>({
    kind: 'SUPPORT',
    summary: (d) =>
      w(`Problema de servicio reportado en llamada de fidelización: ${d.description}`, `Service problem reported on a loyalty call: ${d.description}`),
    link: (d) => to('Interaction', d.problemId),
    outcome: (d) => ({ reason: d.description, date: day(d.reportedAt) }),
  }),
  'customers.VisitScheduled': visit((d) => w(`Visita coordinada para el ${d.startsAt}`, `Visit scheduled for ${d.startsAt}`)),
  'customers.VisitRescheduled': visit((d) => withText(w(`Visita reprogramada para el ${d.startsAt}`, `Visit moved to ${d.startsAt}`), d.note)),
  'customers.VisitCompleted': visit(() => w('Visita realizada: asesoramiento comercial al cliente', 'Visit done')),
  'customers.VisitCancelled': visit((d) => withText(w('Visita cancelada', 'Visit cancelled'), d.note)),
  'customers.BusinessClockAdvanced': internal<{ from: string; to: string }>((d) =>
    w(`Reloj de negocio adelantado del ${d.from} al ${d.to}`, `Business clock advanced from ${d.from} to ${d.to}`),
  ),
  'customers.EmployeeRegistered': internal<EmployeeData>((d) => w(`Empleado registrado: ${d.name}`, `Employee registered: ${d.name}`)),
  'customers.EmployeeDeactivated': internal<EmployeeData>((d) => w(`Empleado dado de baja: ${d.name}`, `Employee deactivated: ${d.name}`)),
  'customers.EmployeeRolesChanged': internal<EmployeeData>((d) => w(`Roles de ${d.name} cambiados`, `Roles of ${d.name} changed`)),
  'customers.EmployeeTeamLeadAssigned': internal<EmployeeData>((d) => w(`Responsable de equipo asignado a ${d.name}`, `Team lead assigned to ${d.name}`)),
  'customers.MonthPlanned': internal<{ month: string; newCaptureTarget: number }>((d) =>
    w(`Trabajo del mes ${d.month} coordinado: meta de ${d.newCaptureTarget} captaciones`, `Month ${d.month} planned: ${d.newCaptureTarget} new captures`),
  ),
  'customers.TenantPolicyChanged': internal<{ name: string; tenantVersion: number }>((d) =>
    w(`Política de ${d.name} cambiada (versión ${d.tenantVersion})`, `Policy of ${d.name} changed (version ${d.tenantVersion})`),
  ),

  // ---------------------------------------------------------------- sales
  'sales.SaleProjectChanged': on<{
    projectId: string;
    to: string;
    from: string | null;
    note: string | null;
    kind: string;
    monthlyTotal?: number;
    installationTotal?: number;
    currency?: string;
  }>({
    kind: 'SALE',
    summary: (d) => {
      const step = PROJECT_STEP[d.to] ?? w(`Proyecto de venta ${say(projectStatus(d.to), 'ES')}`, `Sale project ${say(projectStatus(d.to), 'EN')}`);
      if (d.to === 'DRAFT')
        return d.kind === 'PORTFOLIO'
          ? w(`${step.es} (cliente de cartera)`, `${step.en} (portfolio customer)`)
          : w(`${step.es} (nueva captación)`, `${step.en} (new capture)`);
      if (d.to === 'OFFERED' && typeof d.monthlyTotal === 'number' && d.currency) {
        const m = money(d.monthlyTotal, d.currency);
        const i = money(d.installationTotal ?? 0, d.currency);
        return w(`${step.es}: tarifa mensual ${m}, instalación ${i}`, `${step.en}: ${m} a month, ${i} installation`);
      }
      return d.to === 'LOST' || d.to === 'NOT_FEASIBLE' || d.to === 'ACCEPTED' ? withText(step, d.note) : step;
    },
    outcome: (d) => ({ decision: projectStatus(d.to), reason: d.note, amount: amountOf(d.monthlyTotal, d.currency) }),
    link: (d) => to('SaleProject', d.projectId),
  }),
  'sales.SalesOrderStatusChanged': on<{ orderId: string; orderNumber?: string; to: string; note: string | null; differences?: string[] }>({
    kind: 'SALE',
    summary: (d) => {
      const step = withOrder(ORDER_STEP[d.to] ?? w(`Pedido ${say(orderStatus(d.to), 'ES')}`, `Sales order ${say(orderStatus(d.to), 'EN')}`), d.orderNumber);
      return d.to === 'RETURNED' ? withText(step, d.differences?.join('; ') || d.note) : step;
    },
    outcome: (d) => ({ decision: orderStatus(d.to), reason: d.differences?.length ? d.differences.join('; ') : d.note }),
    link: (d) => to('SalesOrder', d.orderId),
  }),
  'sales.SalesOrderPlaced': on<{ orderId: string; orderNumber?: string; planCode: string; installationAddress: string }>({
    kind: 'SALE',
    summary: (d) =>
      w(
        `Control de calidad de digitación aprobado: pedido ${d.orderNumber ? `${d.orderNumber} ` : ''}del plan ${d.planCode} en ${d.installationAddress}`,
        `Sales order ${d.orderNumber ? `${d.orderNumber} ` : ''}placed: plan ${d.planCode} at ${d.installationAddress}`,
      ),
    outcome: () => ({ decision: orderStatus('PLACED') }),
    link: (d) => to('SalesOrder', d.orderId),
  }),
  'sales.SalesOrderActivated': on<{ orderId: string; orderNumber?: string; planCode: string; activatedAt: string }>({
    kind: 'SALE',
    summary: (d) =>
      withOrder(
        w(`Control de calidad con el cliente: servicio funcionando, plan ${d.planCode} activado`, `Service activated: plan ${d.planCode}`),
        d.orderNumber,
      ),
    outcome: (d) => ({ decision: w('activado', 'activated'), date: day(d.activatedAt) }),
    link: (d) => to('SalesOrder', d.orderId),
  }),
  'sales.DigitalSaleRequestChanged': on<{
    requestId: string;
    channel: string;
    to: string;
    note: string | null;
    eta?: { fromDay: string; toDay: string } | null;
    reason?: string | null;
  }>({
    kind: 'SALE',
    summary: (d) => {
      const step = DIGITAL_STEP[d.to] ?? w(`Solicitud digital ${say(digitalStatus(d.to), 'ES')}`, `Digital request ${say(digitalStatus(d.to), 'EN')}`);
      const via = channelOf(d.channel);
      const stepVia = d.to === 'RECEIVED' || d.to === 'CALLBACK_PENDING' ? w(`${step.es} (${via.es})`, `${step.en} (${via.en})`) : step;
      if (d.to === 'ORDER_ENTERED' && d.eta)
        return w(`${stepVia.es}: del ${d.eta.fromDay} al ${d.eta.toDay}`, `${stepVia.en}: ${d.eta.fromDay} to ${d.eta.toDay}`);
      if (d.to === 'NOT_FEASIBLE') return withText(stepVia, d.reason ?? d.note);
      return stepVia;
    },
    outcome: (d) => ({ decision: digitalStatus(d.to), reason: d.reason ?? d.note, date: d.eta?.fromDay ?? null, dateTo: d.eta?.toDay ?? null }),
    link: (d) => to('DigitalSaleRequest', d.requestId),
  }),
  'sales.PlanChanged': internal<{ code: string; name: string }>((d) =>
    w(`Plan ${d.code} (${d.name}) actualizado en el catálogo`, `Plan ${d.code} (${d.name}) changed in the catalogue`),
  ),

  // ---------------------------------------------------------------- postsale
  'postsale.InstalledProductRegistered': on<{ installedProductId: string; family: string; planCode: string; serviceNumber: string }>({
    kind: 'POST_SALE',
    summary: (d) =>
      w(
        `Producto instalado: ${family(d.family).es} ${d.planCode}, servicio ${d.serviceNumber}`,
        `Product installed: ${d.family} ${d.planCode}, service ${d.serviceNumber}`,
      ),
    link: (d) => to('InstalledProduct', d.installedProductId),
  }),
  'postsale.InstalledProductWithdrawn': on<{ installedProductId: string; reason: string; remainingActiveProducts: number; withdrawnAt: string }>({
    kind: 'POST_SALE',
    summary: (d) =>
      w(
        `Producto retirado: ${d.reason} (${d.remainingActiveProducts} aún activos)`,
        `Product withdrawn: ${d.reason} (${d.remainingActiveProducts} still active)`,
      ),
    outcome: (d) => ({ decision: w('retirado', 'withdrawn'), reason: d.reason, date: day(d.withdrawnAt) }),
    link: (d) => to('InstalledProduct', d.installedProductId),
  }),
  'postsale.InstalledProductChanged': on<{ installedProductId: string; change: string; from: string | null; to: string | null; effectiveDate: string }>({
    kind: 'POST_SALE',
    summary: (d) => {
      const change =
        (
          {
            SUPPLEMENTARY_ENABLED: w('Servicio suplementario habilitado', 'Supplementary service enabled'),
            SUPPLEMENTARY_DISABLED: w('Servicio suplementario deshabilitado', 'Supplementary service disabled'),
            RELOCATED: w('Producto trasladado', 'Product relocated'),
            MIGRATED: w('Producto migrado', 'Product migrated'),
          } as Record<string, Words>
        )[d.change] ?? same(d.change);
      return d.from || d.to ? w(`${change.es}: ${d.from ?? '—'} → ${d.to ?? '—'}`, `${change.en}: ${d.from ?? '—'} → ${d.to ?? '—'}`) : change;
    },
    outcome: (d) => ({ date: d.effectiveDate }),
    link: (d) => to('InstalledProduct', d.installedProductId),
  }),
  'postsale.SubscriptionChanged': on<{
    installedProductId: string;
    change: string;
    planCode: string;
    effectiveDate: string;
    monthlyFeeMinor: number;
    currency: string;
  }>({
    kind: 'POST_SALE',
    summary: (d) =>
      w(
        `Suscripción al plan ${d.planCode} ${subscriptionChange(d.change).es} desde el ${d.effectiveDate}: ${money(d.monthlyFeeMinor, d.currency)} al mes`,
        `Subscription to ${d.planCode} ${subscriptionChange(d.change).en} from ${d.effectiveDate}: ${money(d.monthlyFeeMinor, d.currency)} a month`,
      ),
    outcome: (d) => ({ decision: subscriptionChange(d.change), amount: amountOf(d.monthlyFeeMinor, d.currency), date: d.effectiveDate }),
    link: (d) => to('InstalledProduct', d.installedProductId),
  }),
  'postsale.PostSaleRequestStatusChanged': on<{
    requestId: string;
    requestNumber?: string;
    requestType: string;
    channel: string;
    to: string;
    resolution: string | null;
    missingRequirements: string[];
    note: string | null;
  }>({
    kind: 'POST_SALE',
    summary: (d) => {
      const t = requestType(d.requestType);
      const s = requestStatus(d.to);
      // The request's business number (PS-…) when it has one; never its internal id.
      const n = d.requestNumber ? `${d.requestNumber} ` : '';
      const base = w(`Solicitud ${n}de ${t.es} ${s.es}`, `${t.en.charAt(0).toUpperCase()}${t.en.slice(1)} request ${n}${s.en}`);
      const missing = d.missingRequirements?.length ? w(`faltan ${d.missingRequirements.join(', ')}`, `missing ${d.missingRequirements.join(', ')}`) : null;
      if (missing) return w(`${base.es}: ${missing.es}`, `${base.en}: ${missing.en}`);
      // How it ended and why, in the reader's language (a relocation refused: R-PS-C1 and the reason).
      const why = [d.resolution ? requestResolution(d.resolution) : null, requestNote(d.note)].filter((x): x is Words => x !== null);
      return why.length ? w(`${base.es}: ${why.map((x) => x.es).join(' — ')}`, `${base.en}: ${why.map((x) => x.en).join(' — ')}`) : base;
    },
    outcome: (d) => ({
      decision: d.resolution ? requestResolution(d.resolution) : requestStatus(d.to),
      // In the tenant's language (Spanish): a rule's refusal as the customer is told it.
      reason: requestNote(d.note)?.es ?? (d.missingRequirements?.length ? d.missingRequirements.join(', ') : null),
    }),
    link: (d) => to('PostSaleRequest', d.requestId),
  }),
  'postsale.RelocationEntered': on<{ requestId: string; fromAddress?: string; toAddress: string }>({
    kind: 'POST_SALE',
    summary: (d) =>
      d.fromAddress
        ? w(`Traslado digitado: de ${d.fromAddress} a ${d.toAddress}`, `Relocation entered: from ${d.fromAddress} to ${d.toAddress}`)
        : w(`Traslado digitado a ${d.toAddress}`, `Relocation entered to ${d.toAddress}`),
    link: (d) => to('PostSaleRequest', d.requestId),
  }),
  'postsale.ReplacementInstallationEntered': on<{ requestId: string; toAddress: string; planCode: string }>({
    kind: 'POST_SALE',
    summary: (d) =>
      w(`Nueva instalación por traslado digitada: plan ${d.planCode} en ${d.toAddress}`, `Replacement installation entered: ${d.planCode} at ${d.toAddress}`),
    link: (d) => to('PostSaleRequest', d.requestId),
  }),
  'postsale.WithdrawalEntered': on<{ requestId: string; address: string; equipment: unknown[] }>({
    kind: 'POST_SALE',
    summary: (d) =>
      w(
        `Retiro digitado: recojo de ${d.equipment?.length ?? 0} equipo(s) en ${d.address}`,
        `Withdrawal entered: ${d.equipment?.length ?? 0} item(s) to collect at ${d.address}`,
      ),
    link: (d) => to('PostSaleRequest', d.requestId),
  }),
  'postsale.EquipmentReturnChanged': on<{ requestId: string; installedProductId: string; change: string; items: unknown[] }>({
    kind: 'POST_SALE',
    summary: (d) =>
      d.change === 'RETURNED'
        ? w('Equipos devueltos por el cliente', 'Equipment returned by the customer')
        : w(`Equipos pendientes de devolución (${d.items?.length ?? 0})`, `Equipment pending return (${d.items?.length ?? 0})`),
    outcome: (d) => ({ decision: d.change === 'RETURNED' ? w('devueltos', 'returned') : w('pendientes', 'pending') }),
    link: (d) => to('PostSaleRequest', d.requestId),
  }),
  'postsale.ChargeRequested': on<{
    chargeId: string;
    customerId: string;
    installedProductId: string | null;
    kind: string;
    amountMinor: number;
    currency: string;
    description: string;
  }>({
    kind: 'POST_SALE',
    summary: (d) =>
      w(
        `Cobro solicitado (${chargeKind(d.kind).es}): ${d.description}, ${money(d.amountMinor, d.currency)}`,
        `Charge requested (${chargeKind(d.kind).en}): ${d.description}, ${money(d.amountMinor, d.currency)}`,
      ),
    outcome: (d) => ({ amount: amountOf(d.amountMinor, d.currency), reason: d.description }),
    link: (d) => to('InstalledProduct', d.installedProductId) ?? to('Customer', d.customerId),
  }),

  // ---------------------------------------------------------------- collections
  'collections.BillingAccountOpened': on<{ billingAccountId: string; accountNumber: string; currency: string }>({
    kind: 'BILLING',
    summary: (d) => w(`Cuenta de facturación ${d.accountNumber} abierta (${d.currency})`, `Billing account ${d.accountNumber} opened (${d.currency})`),
    link: (d) => to('BillingAccount', d.billingAccountId),
  }),
  'collections.AccountStandingChanged': on<{ billingAccountId: string; standing: string; overdueAmount: number; currency: string; since: string }>({
    kind: 'BILLING',
    summary: (d) =>
      d.standing === 'OVERDUE'
        ? w(`Cuenta de facturación en mora: ${money(d.overdueAmount, d.currency)} vencidos`, 'Billing account overdue')
        : w('Cuenta de facturación al día', 'Billing account up to date'),
    outcome: (d) => ({
      decision: d.standing === 'OVERDUE' ? w('en mora', 'overdue') : w('al día', 'up to date'),
      amount: amountOf(d.overdueAmount, d.currency),
      date: day(d.since),
    }),
    link: (d) => to('BillingAccount', d.billingAccountId),
  }),
  'collections.InvoiceIssued': on<{ invoiceId: string; number: string; period: string; dueDate: string; totalAmount: number; currency: string; kind: string }>({
    kind: 'BILLING',
    summary: (d) =>
      w(
        `Factura ${d.number} emitida${d.kind === 'MONTHLY' ? ` por el mes ${d.period}` : ''}: ${money(d.totalAmount, d.currency)}, vence el ${d.dueDate}`,
        `Invoice ${d.number} issued${d.kind === 'MONTHLY' ? ` for ${d.period}` : ''}: ${money(d.totalAmount, d.currency)}, due ${d.dueDate}`,
      ),
    outcome: (d) => ({ amount: amountOf(d.totalAmount, d.currency), date: d.dueDate }),
    link: (d) => to('Invoice', d.invoiceId),
  }),
  'collections.InvoiceDelivered': on<{ invoiceId: string; number: string; channel: string; deliveredAt: string }>({
    kind: 'BILLING',
    summary: (d) => w(`Factura ${d.number} entregada por ${channelOf(d.channel).es}`, `Invoice ${d.number} delivered by ${channelOf(d.channel).en}`),
    outcome: (d) => ({ date: day(d.deliveredAt) }),
    link: (d) => to('Invoice', d.invoiceId),
  }),
  'collections.PaymentReceived': on<{ paymentId: string; channel: string; amount: number; currency: string; receivedAt: string }>({
    kind: 'BILLING',
    summary: (d) =>
      w(
        `Pago recibido por ${channelOf(d.channel).es}: ${money(d.amount, d.currency)}`,
        `Payment received by ${channelOf(d.channel).en}: ${money(d.amount, d.currency)}`,
      ),
    outcome: (d) => ({ amount: amountOf(d.amount, d.currency), date: day(d.receivedAt) }),
    link: (d) => to('Payment', d.paymentId),
  }),
  'collections.CollectionCallRecorded': on<{
    billingAccountId: string;
    outcome: string;
    note: string | null;
    promiseId: string | null;
    nextFollowUpDate: string | null;
  }>({
    kind: 'BILLING',
    summary: (d) => withText(w(`Llamada de cobranza: ${callOutcome(d.outcome).es}`, `Collection call: ${callOutcome(d.outcome).en}`), d.note),
    outcome: (d) => ({ decision: callOutcome(d.outcome), reason: d.note, date: d.nextFollowUpDate }),
    link: (d) => (d.promiseId ? to('PaymentPromise', d.promiseId) : to('BillingAccount', d.billingAccountId)),
  }),
  'collections.PaymentPromiseMade': on<{ promiseId: string; promisedDate: string; amount: number; currency: string }>({
    kind: 'BILLING',
    summary: (d) =>
      w(`Promesa de pago: ${money(d.amount, d.currency)} hasta el ${d.promisedDate}`, `Payment promise: ${money(d.amount, d.currency)} by ${d.promisedDate}`),
    outcome: (d) => ({ amount: amountOf(d.amount, d.currency), date: d.promisedDate }),
    link: (d) => to('PaymentPromise', d.promiseId),
  }),
  'collections.PaymentPromiseEvaluated': on<{ promiseId: string; outcome: string; promisedDate: string; amount: number; paid: number; currency: string }>({
    kind: 'BILLING',
    summary: (d) =>
      d.outcome === 'KEPT'
        ? w(`Promesa de pago cumplida: ${money(d.paid, d.currency)}`, `Payment promise kept: ${money(d.paid, d.currency)}`)
        : w(
            `Promesa de pago incumplida: pagó ${money(d.paid, d.currency)} de ${money(d.amount, d.currency)}`,
            `Payment promise broken: paid ${money(d.paid, d.currency)} of ${money(d.amount, d.currency)}`,
          ),
    outcome: (d) => ({
      decision: d.outcome === 'KEPT' ? w('cumplida', 'kept') : w('incumplida', 'broken'),
      amount: amountOf(d.paid, d.currency),
      date: d.promisedDate,
    }),
    link: (d) => to('PaymentPromise', d.promiseId),
  }),
  'collections.BillingClaimRegistered': on<{ claimId: string; description: string }>({
    kind: 'BILLING',
    summary: (d) => w(`Reclamo de facturación registrado: ${d.description}`, `Billing claim registered: ${d.description}`),
    link: (d) => to('BillingClaim', d.claimId),
  }),
  'collections.BillingClaimEscalated': on<{ claimId: string; escalations: number }>({
    kind: 'BILLING',
    summary: (d) => w(`Reclamo de facturación escalado (${d.escalations}ª vez)`, `Billing claim escalated (${d.escalations})`),
    link: (d) => to('BillingClaim', d.claimId),
  }),
  'collections.BillingClaimUrgencyRequested': on<{ claimId: string }>({
    kind: 'BILLING',
    summary: () => w('Se pide urgencia en el reclamo de facturación', 'Urgency requested on the billing claim'),
    link: (d) => to('BillingClaim', d.claimId),
  }),
  'collections.BillingClaimResolved': on<{ claimId: string; outcome: string; reason: string; creditAmount: number; currency: string }>({
    kind: 'BILLING',
    summary: (d) =>
      d.outcome === 'ACCEPTED'
        ? w(
            `Reclamo de facturación aceptado: nota de crédito de ${money(d.creditAmount, d.currency)} (${d.reason})`,
            `Billing claim accepted: ${money(d.creditAmount, d.currency)} credited (${d.reason})`,
          )
        : w(`Reclamo de facturación rechazado: ${d.reason}`, `Billing claim rejected: ${d.reason}`),
    outcome: (d) => ({
      decision: d.outcome === 'ACCEPTED' ? w('aceptado', 'accepted') : w('rechazado', 'rejected'),
      reason: d.reason,
      amount: amountOf(d.creditAmount, d.currency),
    }),
    link: (d) => to('BillingClaim', d.claimId),
  }),

  // ---------------------------------------------------------------- techsupport
  'techsupport.WorkOrderCreated': on<{ workOrderId: string; type: string; dueAt: string }>({
    kind: 'SUPPORT',
    summary: (d) => w(`Orden de trabajo de ${workOrderType(d.type).es} creada`, `Work order opened: ${d.type}`),
    outcome: (d) => ({ date: day(d.dueAt) }),
    link: (d) => to('WorkOrder', d.workOrderId),
  }),
  'techsupport.WorkOrderProgressed': on<{
    workOrderId: string;
    type: string;
    change: string;
    crew: string | null;
    scheduledFor: string | null;
    note: string | null;
  }>({
    kind: 'SUPPORT',
    summary: (d) => {
      const who = d.change === 'ASSIGNED' && d.crew ? ` a ${d.crew}` : '';
      const whoEn = d.change === 'ASSIGNED' && d.crew ? ` to ${d.crew}` : '';
      const step = w(
        `Orden de trabajo de ${workOrderType(d.type).es} ${workOrderChange(d.change).es}${who}`,
        `Work order (${workOrderType(d.type).en}) ${workOrderChange(d.change).en}${whoEn}`,
      );
      // An assignment's note only repeats the crew already named; other notes say why (a reschedule, an escalation).
      return who ? step : withText(step, d.note);
    },
    outcome: (d) => ({ decision: workOrderChange(d.change), reason: d.note, date: day(d.scheduledFor) }),
    link: (d) => to('WorkOrder', d.workOrderId),
  }),
  'techsupport.WorkOrderClosed': on<{ workOrderId: string; type: string; outcome: string; closedAt: string; resolutionNotes?: string }>({
    kind: 'SUPPORT',
    summary: (d) =>
      withText(
        w(
          `Orden de trabajo de ${workOrderType(d.type).es} cerrada ${closure(d.outcome).es}`,
          `Work order (${workOrderType(d.type).en}) closed ${closure(d.outcome).en}`,
        ),
        d.resolutionNotes,
      ),
    outcome: (d) => ({ decision: closure(d.outcome), reason: d.resolutionNotes ?? null, date: day(d.closedAt) }),
    link: (d) => to('WorkOrder', d.workOrderId),
  }),
  'techsupport.DamageTicketChanged': on<{ ticketId: string; change: string; status: string; service: string; note: string | null }>({
    kind: 'SUPPORT',
    summary: (d) => withText(w(`Reclamo por avería ${ticketChange(d.change).es}`, `Damage ticket ${ticketChange(d.change).en}`), d.note),
    outcome: (d) => ({ decision: d.status.startsWith('CLOSED') ? closure(d.status) : ticketChange(d.change), reason: d.note }),
    link: (d) => to('DamageTicket', d.ticketId),
  }),
  'techsupport.SupportVisitChanged': on<{ visitId: string; status: string; start: string | null; qualityCall?: string }>({
    kind: 'SUPPORT',
    summary: (d) =>
      w(
        `Visita de soporte ${supportVisitStatus(d.status).es}${d.status === 'SCHEDULED' && d.start ? ` para el ${d.start}` : ''}`,
        `Support visit ${supportVisitStatus(d.status).en}${d.status === 'SCHEDULED' && d.start ? ` for ${d.start}` : ''}`,
      ),
    outcome: (d) => ({ decision: supportVisitStatus(d.status), date: day(d.start) }),
    link: (d) => to('SupportVisit', d.visitId),
  }),
  'techsupport.PreventiveReviewRecorded': on<{ reviewId: string; outcome: string; day: string }>({
    kind: 'SUPPORT',
    summary: (d) => w(`Revisión preventiva: ${reviewOutcome(d.outcome).es}`, `Preventive review: ${reviewOutcome(d.outcome).en}`),
    outcome: (d) => ({ decision: reviewOutcome(d.outcome), date: d.day }),
    link: (d) => to('PreventiveReview', d.reviewId),
  }),
  'techsupport.CrossSellFlagged': on<{ flagId: string; customerId: string; suggestion: string; reviewId: string | null; installedProductId: string | null }>({
    kind: 'SUPPORT',
    summary: (d) => w(`Oportunidad de venta cruzada señalada: ${d.suggestion}`, `Cross-sell flagged: ${d.suggestion}`),
    link: (d) => to('PreventiveReview', d.reviewId) ?? to('InstalledProduct', d.installedProductId) ?? to('Customer', d.customerId),
  }),
  'techsupport.ChargeRequested': on<{
    chargeId: string;
    customerId: string;
    installedProductId: string | null;
    kind: string;
    amountMinor: number;
    currency: string;
    description: string;
  }>({
    kind: 'SUPPORT',
    summary: (d) =>
      w(
        `Cobro solicitado por soporte técnico (${chargeKind(d.kind).es}): ${d.description}, ${money(d.amountMinor, d.currency)}`,
        `Charge requested by support (${chargeKind(d.kind).en}): ${d.description}, ${money(d.amountMinor, d.currency)}`,
      ),
    outcome: (d) => ({ amount: amountOf(d.amountMinor, d.currency), reason: d.description }),
    link: (d) => to('InstalledProduct', d.installedProductId) ?? to('Customer', d.customerId),
  }),
  'techsupport.CoverageChanged': internal<{ code: string; portsTotal: number; portsUsed: number }>((d) =>
    w(`Cobertura del nodo ${d.code}: ${d.portsUsed}/${d.portsTotal} puertos`, `Coverage of node ${d.code}: ${d.portsUsed}/${d.portsTotal} ports`),
  ),

  // ---------------------------------------------------------------- proposals
  'proposals.LeadRegistered': on<{ leadId: string; customerId: string | null; source: string; requirement: string }>({
    kind: 'PROPOSAL',
    customerId: (d) => d.customerId,
    summary: (d) => w(`Lead registrado (${d.source}): ${d.requirement}`, `Lead registered (${d.source}): ${d.requirement}`),
    link: (d) => to('Lead', d.leadId),
  }),
  'proposals.OpportunityQualified': on<{ opportunityId: string; title: string }>({
    kind: 'PROPOSAL',
    summary: (d) => w(`Oportunidad calificada: ${d.title}`, `Opportunity qualified: ${d.title}`),
    link: (d) => to('Opportunity', d.opportunityId),
  }),
  'proposals.BusinessCaseDecided': on<{ opportunityId: string; decision: string; justification: string | null; totalRevenue: number; currency: string }>({
    kind: 'PROPOSAL',
    summary: (d) =>
      withText(
        d.decision === 'GO' ? w('Caso de negocio aprobado', 'Business case: go') : w('Caso de negocio rechazado', 'Business case: no go'),
        d.justification,
      ),
    outcome: (d) => ({
      decision: d.decision === 'GO' ? w('aprobado', 'go') : w('rechazado', 'no go'),
      reason: d.justification,
      amount: amountOf(d.totalRevenue, d.currency),
    }),
    link: (d) => to('Opportunity', d.opportunityId),
  }),
  'proposals.ProposalSubmittedToCompliance': on<{ opportunityId: string; version: number; price: number; currency: string; committedDeliveryDate: string }>({
    kind: 'PROPOSAL',
    summary: (d) =>
      w(
        `Propuesta v${d.version} enviada a cumplimiento: ${money(d.price, d.currency)}, entrega el ${d.committedDeliveryDate}`,
        `Proposal v${d.version} submitted to compliance: ${money(d.price, d.currency)}, delivery ${d.committedDeliveryDate}`,
      ),
    outcome: (d) => ({ amount: amountOf(d.price, d.currency), date: d.committedDeliveryDate }),
    link: (d) => to('Opportunity', d.opportunityId),
  }),
  'proposals.ProposalReviewed': on<{ opportunityId: string; version: number; outcome: string; comments: string | null }>({
    kind: 'PROPOSAL',
    summary: (d) =>
      withText(
        d.outcome === 'APPROVED'
          ? w(`Propuesta v${d.version} aprobada por cumplimiento`, `Proposal v${d.version} approved by compliance`)
          : w(`Propuesta v${d.version} devuelta por cumplimiento`, `Proposal v${d.version} returned by compliance`),
        d.comments,
      ),
    outcome: (d) => ({ decision: d.outcome === 'APPROVED' ? w('aprobada', 'approved') : w('devuelta', 'returned'), reason: d.comments }),
    link: (d) => to('Opportunity', d.opportunityId),
  }),
  'proposals.ProposalSent': on<{ opportunityId: string; version: number }>({
    kind: 'PROPOSAL',
    summary: (d) => w(`Propuesta v${d.version} enviada al cliente`, `Proposal v${d.version} sent to the client`),
    link: (d) => to('Opportunity', d.opportunityId),
  }),
  'proposals.ClientCommentsReceived': on<{
    opportunityId: string;
    version: number;
    technicallyCompliant: boolean;
    economicallyCompliant: boolean;
    comments: string;
  }>({
    kind: 'PROPOSAL',
    summary: (d) => w(`Comentarios del cliente a la propuesta v${d.version}: ${d.comments}`, `Client comments on proposal v${d.version}: ${d.comments}`),
    outcome: (d) => ({
      decision: d.technicallyCompliant && d.economicallyCompliant ? w('conforme', 'compliant') : w('observada', 'not compliant'),
      reason: d.comments,
    }),
    link: (d) => to('Opportunity', d.opportunityId),
  }),
  'proposals.OpportunityWon': on<{ opportunityId: string; wonAt: string }>({
    kind: 'PROPOSAL',
    summary: () => w('Oportunidad ganada: el cliente autorizó la propuesta', 'Opportunity won: proposal authorised by the client'),
    outcome: (d) => ({ decision: w('ganada', 'won'), date: day(d.wonAt) }),
    link: (d) => to('Opportunity', d.opportunityId),
  }),
  'proposals.OpportunityLost': on<{ opportunityId: string; reason: string; lessonsLearned: string; lostAt: string }>({
    kind: 'PROPOSAL',
    summary: (d) => w(`Oportunidad perdida: ${d.reason}`, `Opportunity lost: ${d.reason}`),
    outcome: (d) => ({ decision: w('perdida', 'lost'), reason: d.reason, date: day(d.lostAt) }),
    link: (d) => to('Opportunity', d.opportunityId),
  }),
  'proposals.AgreementFormalized': on<{ opportunityId: string; kind: string; reference: string; signedOn: string }>({
    kind: 'PROPOSAL',
    summary: (d) =>
      w(
        `${d.kind === 'NDA' ? 'Acuerdo de confidencialidad' : 'Contrato'} firmado: ${d.reference}`,
        `${d.kind === 'NDA' ? 'NDA' : 'Contract'} signed: ${d.reference}`,
      ),
    outcome: (d) => ({ date: d.signedOn }),
    link: (d) => to('Opportunity', d.opportunityId),
  }),
  'proposals.InvolvedAreasNotified': on<{ opportunityId: string; areas: string[] }>({
    kind: 'PROPOSAL',
    summary: (d) => w(`Áreas involucradas notificadas: ${(d.areas ?? []).join(', ')}`, `Involved areas notified: ${(d.areas ?? []).join(', ')}`),
    link: (d) => to('Opportunity', d.opportunityId),
  }),
};

const KIND_OF_SOURCE: Record<string, TimelineKind> = {
  customers: 'ACCOUNT',
  sales: 'SALE',
  postsale: 'POST_SALE',
  collections: 'BILLING',
  techsupport: 'SUPPORT',
  proposals: 'PROPOSAL',
};

/** "sales.SalesQuoteSent" → "Sales quote sent (sales)": the words of an event type without an entry. */
export function describeType(type: string): string {
  const [source = '', fact = type] = type.split('.');
  const words = fact.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (${source})`;
}

const EMPTY_OUTCOME: TimelineOutcome = { decision: null, reason: null, amount: null, date: null, dateTo: null };

function outcomeOf(partial: Partial<TimelineOutcome> | null | undefined): TimelineOutcome | null {
  if (!partial) return null;
  const o = { ...EMPTY_OUTCOME, ...partial };
  return o.decision || o.reason || o.amount || o.date || o.dateTo ? o : null;
}

/** The outcome in words of one locale: "aceptada: motivo — 250.00 BOB — 2026-12-05 al 2026-12-08". */
export function outcomeText(o: TimelineOutcome | null, locale: Locale): string | null {
  if (!o) return null;
  const head = [o.decision ? say(o.decision, locale) : null, o.reason].filter(Boolean).join(': ');
  const when = o.date ? (o.dateTo ? `${o.date} ${locale === 'ES' ? 'al' : 'to'} ${o.dateTo}` : o.date) : null;
  return [head || null, o.amount ? money(o.amount.minor, o.amount.currency) : null, when].filter(Boolean).join(' — ') || null;
}

/** The timeline entry an event makes, or null when it concerns no single customer. */
export function projectEvent(event: Pick<EventEnvelope, 'type' | 'source' | 'data'>): TimelineEntry | null {
  const specific = PROJECTIONS[event.type];
  const data = event.data;
  const customerId = specific?.customerId ? specific.customerId(data) : typeof data.customerId === 'string' ? data.customerId : null;
  if (!customerId) return null;
  if (!specific) {
    return { customerId, kind: KIND_OF_SOURCE[event.source] ?? 'ACCOUNT', summary: same(describeType(event.type)), outcome: null, channel: null, link: null };
  }
  return {
    customerId,
    kind: specific.kind,
    summary: specific.summary(data),
    outcome: outcomeOf(specific.outcome?.(data)),
    channel: specific.channel?.(data) ?? null,
    link: specific.link?.(data) ?? null,
  };
}

/** The words of any event type with an entry, whoever it concerns (the catalogue test renders each). */
export function renderEvent(type: string, data: Data): Words | null {
  return PROJECTIONS[type]?.summary(data) ?? null;
}

/** Event types with a specific entry. */
export const PROJECTED_TYPES: readonly string[] = Object.keys(PROJECTIONS);

/** The typenames a timeline item may link (TimelineLink's typed fields). */
export const LINKED_TYPENAMES = [
  'Customer',
  'Employee',
  'Visit',
  'Interaction',
  'SalesOrder',
  'SaleProject',
  'DigitalSaleRequest',
  'InstalledProduct',
  'PostSaleRequest',
  'BillingAccount',
  'Invoice',
  'Payment',
  'PaymentPromise',
  'BillingClaim',
  'WorkOrder',
  'DamageTicket',
  'SupportVisit',
  'PreventiveReview',
  'Lead',
  'Opportunity',
] as const;
