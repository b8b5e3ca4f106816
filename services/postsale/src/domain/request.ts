import { nextActFor, wrongState, type NextActs } from '@vinculo/common';

/**
 * One request model for every post-sale act (DOMAIN.md §3: received → requirements checked → entered
 * by the clerk with the procedure's fee → work order when needed → quality-control call → closed).
 */
export const REQUEST_TYPES = ['SUPPLEMENTARY_SERVICE', 'PLAN_CHANGE', 'RELOCATION', 'SUSPENSION', 'RECONNECTION', 'CALL_DETAIL', 'WITHDRAWAL', 'PQR'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
/** How the customer brought the request. */
export type RequestChannel = 'EMAIL' | 'WHATSAPP' | 'IN_PERSON' | 'LETTER' | 'PHONE' | 'WEB';
/** The executive's quality-control call. */
export type QcOutcome = 'OK' | 'NOT_OK';

export type RequestStatus =
  /** Requirements complete: waiting for the clerk to enter it. */
  | 'RECEIVED'
  /** Requirements incomplete: the customer was told what is missing. */
  | 'WAITING_CUSTOMER'
  /** Entered; a work order (relocation, equipment retrieval) is in the field. */
  | 'IN_FIELD'
  /** PQR entered: the answer is due by its deadline. */
  | 'AWAITING_ANSWER'
  /** Done: the executive's quality-control call is due. */
  | 'QC_PENDING'
  | 'CLOSED'
  /** The customer never completed the requirements. */
  | 'CLOSED_INCOMPLETE';

export type Resolution =
  | 'DONE'
  | 'ANSWERED'
  /** R-PS-H1: the customer accepted the retention offer. */
  | 'RETAINED'
  /** R-PS-C1: no feasibility at the new address. */
  | 'NOT_FEASIBLE'
  /** R-PS-H2: the customer did not accept the early-termination penalty. */
  | 'PENALTY_DECLINED'
  | 'WORK_ORDER_UNRESOLVED'
  /** The quality-control call found the service not working. */
  | 'QC_FAILED'
  | 'INCOMPLETE'
  /** Closed before entry (the customer withdrew it, or it could no longer be entered). */
  | 'CANCELLED';

/** Requests that change an installed product hold it while open: a second one on it is a CONFLICT. */
export const LOCKING_TYPES: readonly RequestType[] = ['PLAN_CHANGE', 'RELOCATION', 'SUSPENSION', 'RECONNECTION', 'WITHDRAWAL'];
/** Requests about no particular product. */
export const PRODUCT_OPTIONAL: readonly RequestType[] = ['PQR'];

/** Resolutions that count as attended effectively (R-PS-KPI efficacy). */
export const EFFECTIVE: readonly Resolution[] = ['DONE', 'ANSWERED', 'RETAINED'];

/** The life cycle in order, and the act that moves each status forward (what must come first). */
const FLOW: readonly RequestStatus[] = ['WAITING_CUSTOMER', 'RECEIVED', 'IN_FIELD', 'AWAITING_ANSWER', 'QC_PENDING', 'CLOSED'];
const NEXT_ACT: NextActs<RequestStatus> = {
  WAITING_CUSTOMER: 'provideRequirements',
  RECEIVED: 'enterPostSaleRequest',
  // The work order is the field's (techsupport); its closure moves the request on.
  IN_FIELD: 'closeWorkOrder',
  AWAITING_ANSWER: 'answerPqr',
  QC_PENDING: 'recordQualityControlCall',
};

/** Throws FAILED_PRECONDITION naming the current state, where the act is allowed from and what comes first, unless `current` is one of `from`. */
export function requireStatus(act: string, current: RequestStatus, from: readonly RequestStatus[]): void {
  if (!from.includes(current)) {
    throw wrongState({ entity: 'post-sale request', current, act, allowedFrom: from, nextAct: nextActFor(NEXT_ACT, current, from, FLOW) });
  }
}

/** After the requirements are checked: complete → RECEIVED (ready to enter), else WAITING_CUSTOMER. */
export const statusAfterChecklist = (missing: readonly string[]): RequestStatus => (missing.length ? 'WAITING_CUSTOMER' : 'RECEIVED');

/** After the clerk enters a request: PQR waits for its answer, a work order goes to the field, else the QC call is due. */
export function statusAfterEntry(type: RequestType, needsWorkOrder: boolean): RequestStatus {
  if (type === 'PQR') return 'AWAITING_ANSWER';
  return needsWorkOrder ? 'IN_FIELD' : 'QC_PENDING';
}

/** The quality-control call closes the request; NOT_OK means the act did not work for the customer. */
export const resolutionAfterQc = (outcome: 'OK' | 'NOT_OK', current: Resolution | null): Resolution => (outcome === 'OK' ? (current ?? 'DONE') : 'QC_FAILED');
