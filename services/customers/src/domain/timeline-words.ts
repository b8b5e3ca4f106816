/**
 * The words of the timeline in the tenant's language (Spanish, DOMAIN.md: the seeds' procedures) and
 * in English (the second locale). Every text of a timeline item is a pair, so the two locales can never
 * drift apart item by item: an entry without its Spanish text does not compile.
 */
import { money as moneyOf } from '@vinculo/common';

export type Locale = 'ES' | 'EN';

export interface Words {
  es: string;
  en: string;
}

export const w = (es: string, en: string): Words => ({ es, en });
export const say = (words: Words, locale: Locale): string => (locale === 'EN' ? words.en : words.es);

/** A pair from a free text (a reason, a note a person typed): the same in both locales. */
export const same = (text: string): Words => ({ es: text, en: text });

/** `250.00 BOB` from integer minor units (the events' amounts), with the currency's own digits. */
export const money = (minor: number, currency: string): string => {
  const m = moneyOf(minor, currency);
  return `${m.amount} ${m.currency}`;
};

/** Words for a closed set of codes; an unknown code is shown as is (a newer producer's value). */
export const vocabulary =
  (table: Record<string, Words>) =>
  (code: string | null | undefined): Words =>
    code ? (table[code] ?? same(code)) : same('—');

export const projectStatus = vocabulary({
  DRAFT: w('borrador', 'draft'),
  APPROVED: w('con Vo.Bo. del responsable', 'approved by the team lead'),
  FEASIBLE: w('con factibilidad técnica', 'technically feasible'),
  NOT_FEASIBLE: w('sin factibilidad técnica', 'not feasible'),
  VISIT_SCHEDULED: w('visita coordinada con el cliente', 'visit scheduled with the customer'),
  OFFERED: w('oferta comercial enviada', 'commercial offer sent'),
  ACCEPTED: w('oferta aceptada por el cliente', 'offer accepted by the customer'),
  ORDER_ENTERED: w('derivado para digitación del pedido', 'handed over for order entry'),
  LOST: w('perdido', 'lost'),
});

export const orderStatus = vocabulary({
  ENTERED: w('digitado', 'entered'),
  RETURNED: w('devuelto por el control de calidad de digitación', 'returned by the entry quality check'),
  PLACED: w('aprobado en el control de calidad de digitación', 'placed after the entry quality check'),
  TECHNICAL_FOLLOW_UP: w('en gestión técnico comercial', 'in technical follow-up'),
  INSTALLED: w('instalado', 'installed'),
  COMPLETED: w('concluido con el control de calidad al cliente', 'completed after the quality call'),
});

export const digitalStatus = vocabulary({
  CALLBACK_PENDING: w('llamada perdida, pendiente de devolver', 'lost call, callback pending'),
  RECEIVED: w('recibida', 'received'),
  CLEARED: w('sin impedimentos', 'cleared of impediments'),
  FEASIBLE: w('con factibilidad técnica', 'technically feasible'),
  REQUIREMENTS_RECEIVED: w('requisitos recibidos', 'requirements received'),
  ORDER_ENTERED: w('pedido digitado', 'order entered'),
  FOLLOWED_UP: w('en seguimiento', 'followed up'),
  CLOSED: w('cerrada con el cliente satisfecho', 'closed, customer satisfied'),
  NOT_FEASIBLE: w('rechazada', 'refused'),
});

export const channelOf = vocabulary({
  PHONE_IVR: w('teléfono', 'phone'),
  PHONE: w('teléfono', 'phone'),
  WEB: w('web', 'web'),
  BOT: w('bot', 'bot'),
  FACEBOOK: w('Facebook', 'Facebook'),
  WHATSAPP: w('WhatsApp', 'WhatsApp'),
  EMAIL: w('correo electrónico', 'email'),
  PAPER: w('papel', 'paper'),
  LETTER: w('carta', 'letter'),
  IN_PERSON: w('en persona', 'in person'),
  WRITTEN: w('por escrito', 'in writing'),
  BANK: w('banco', 'bank'),
  SIGEP: w('SIGEP', 'SIGEP'),
  CASHIER: w('caja', 'cashier'),
});

export const requestType = vocabulary({
  SUPPLEMENTARY_SERVICE: w('servicio suplementario', 'supplementary service'),
  PLAN_CHANGE: w('cambio de plan', 'plan change'),
  RELOCATION: w('traslado', 'relocation'),
  SUSPENSION: w('suspensión temporal', 'suspension'),
  RECONNECTION: w('reconexión', 'reconnection'),
  CALL_DETAIL: w('detalle de llamadas', 'call detail'),
  WITHDRAWAL: w('retiro', 'withdrawal'),
  PQR: w('petición, queja o reclamo', 'petition, complaint or claim'),
});

export const requestStatus = vocabulary({
  RECEIVED: w('recibida', 'received'),
  WAITING_CUSTOMER: w('esperando al cliente', 'waiting for the customer'),
  IN_FIELD: w('en campo', 'in the field'),
  AWAITING_ANSWER: w('esperando respuesta', 'awaiting an answer'),
  QC_PENDING: w('pendiente de control de calidad', 'quality check pending'),
  CLOSED: w('cerrada', 'closed'),
  CLOSED_INCOMPLETE: w('cerrada sin atender', 'closed incomplete'),
});

export const workOrderType = vocabulary({
  INSTALLATION: w('instalación', 'installation'),
  RELOCATION: w('traslado', 'relocation'),
  REPAIR: w('reparación', 'repair'),
  EQUIPMENT_RETRIEVAL: w('retiro de equipos', 'equipment retrieval'),
  MIGRATION: w('migración', 'migration'),
});

export const workOrderChange = vocabulary({
  ASSIGNED: w('asignada', 'assigned'),
  RESCHEDULED: w('reprogramada', 'rescheduled'),
  STARTED: w('en ejecución', 'started'),
  ESCALATED: w('escalada', 'escalated'),
});

export const closure = vocabulary({
  CLOSED_RESOLVED: w('resuelta', 'resolved'),
  CLOSED_UNFOUNDED: w('infundada', 'unfounded'),
  CLOSED_UNRESOLVED: w('no resuelta', 'unresolved'),
});

export const ticketChange = vocabulary({
  REGISTERED: w('registrado', 'registered'),
  REITERATED: w('reiterado', 'reiterated'),
  FOLLOWED_UP: w('en seguimiento', 'followed up'),
  DIAGNOSED: w('diagnosticado', 'diagnosed'),
  DISPATCHED: w('derivado a campo', 'dispatched'),
  CLOSED: w('cerrado', 'closed'),
  QUALITY_CALL: w('control de calidad al cliente', 'quality call'),
});

export const supportVisitStatus = vocabulary({
  REQUESTED: w('solicitada', 'requested'),
  REMOTE_FAILED: w('sin solución remota', 'remote attempt failed'),
  RESOLVED_REMOTELY: w('resuelta en forma remota', 'resolved remotely'),
  SCHEDULED: w('programada', 'scheduled'),
  VISITED: w('realizada', 'visited'),
  CLOSED: w('cerrada', 'closed'),
});

export const family = vocabulary({
  FIXED_LINE: w('telefonía fija', 'fixed line'),
  INTERNET: w('internet', 'internet'),
  PAY_TV: w('televisión', 'pay TV'),
  DUO: w('dúo', 'duo'),
  MULTI: w('multiservicio', 'multi'),
  HSPA: w('HSPA', 'HSPA'),
  OTHER: w('otro', 'other'),
});

export const customerStatus = vocabulary({
  PROSPECT: w('prospecto', 'PROSPECT'),
  ACTIVE: w('activo', 'ACTIVE'),
  INACTIVE: w('inactivo', 'INACTIVE'),
  CHURNED: w('dado de baja', 'CHURNED'),
});

export const chargeKind = vocabulary({
  FEE: w('cargo', 'fee'),
  PENALTY: w('penalidad', 'penalty'),
  EXCESS_CABLE: w('cable excedente', 'excess cable'),
  RECEIVABLE: w('cuenta por cobrar', 'receivable'),
  CALL_DETAIL: w('detalle de llamadas', 'call detail'),
});

export const subscriptionChange = vocabulary({
  ACTIVATED: w('activada', 'activated'),
  PLAN_CHANGED: w('con cambio de plan', 'plan changed'),
  SUSPENDED: w('suspendida', 'suspended'),
  RECONNECTED: w('reconectada', 'reconnected'),
  WITHDRAWN: w('retirada', 'withdrawn'),
});

export const callOutcome = vocabulary({
  PROMISED_TO_PAY: w('promete pagar', 'promised to pay'),
  CLAIMS_PAID: w('dice haber pagado', 'claims to have paid'),
  DISPUTED: w('disputa la deuda', 'disputes the debt'),
  REFUSED: w('se niega a pagar', 'refuses to pay'),
  NO_ANSWER: w('no contesta', 'no answer'),
  WRONG_CONTACT: w('contacto equivocado', 'wrong contact'),
  CALL_BACK: w('pide que se le llame luego', 'asks to be called back'),
});

export const reviewOutcome = vocabulary({
  CROSS_SELL: w('oportunidad de venta cruzada', 'cross-sell opportunity'),
  FIBER_MIGRATION: w('migración a fibra', 'fibre migration'),
  SERVICE_PROBLEM: w('problema de servicio', 'service problem'),
  NO_ACTION: w('sin acción', 'no action'),
});

/** How a post-sale request ended (issue #15: the customer's timeline says it in words, not codes). */
export const requestResolution = vocabulary({
  DONE: w('atendida', 'done'),
  ANSWERED: w('respondida', 'answered'),
  RETAINED: w('el cliente se queda', 'customer retained'),
  NOT_FEASIBLE: w('no factible', 'not feasible'),
  PENALTY_DECLINED: w('el cliente no acepta la penalidad', 'penalty declined'),
  WORK_ORDER_UNRESOLVED: w('la orden de trabajo no se resolvió', 'work order unresolved'),
  QC_FAILED: w('el control de calidad con el cliente falló', 'quality check failed'),
  INCOMPLETE: w('faltaron requisitos', 'requirements missing'),
  CANCELLED: w('anulada', 'cancelled'),
});

/** Why a location cannot be served (kit coverage's InfeasibilityReason), as the customer is told. */
const INFEASIBILITY: Record<string, Words> = {
  NO_COVERAGE: w('sin cobertura de red en la nueva dirección', 'no network coverage at the new address'),
  TECHNOLOGY_NOT_AVAILABLE: w('la tecnología no está disponible en la nueva dirección', 'the technology is not available at the new address'),
  SPEED_NOT_SUPPORTED: w('la velocidad contratada no se alcanza en la nueva dirección', 'the contracted speed cannot be reached at the new address'),
  NO_FREE_PORTS: w('sin puertos libres en la red de la nueva dirección', 'no free ports on the network at the new address'),
};

/**
 * A request's note in words: a rule's refusal recorded as `R-… CODE` (R-PS-C1 NO_COVERAGE) reads as the
 * rule and the reason told to the customer; any other note (typed by a person) as it is.
 */
export function requestNote(note: string | null | undefined): Words | null {
  if (!note) return null;
  const m = /^(R-[A-Z0-9-]+) ([A-Z_]+)$/.exec(note.trim());
  const reason = m ? INFEASIBILITY[m[2]!] : undefined;
  return m && reason ? w(`${m[1]}: ${reason.es}`, `${m[1]}: ${reason.en}`) : same(note);
}
