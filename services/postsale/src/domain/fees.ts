import type { RequestType } from './request';

/**
 * The fee of each procedure (costo del trámite, seed 002 step 5.1), billed on the next invoice as
 * postsale.ChargeRequested (R-PS-C3 for relocations). These numbers are not in the tenant policy of
 * the kit: they live in post-sale's own per-tenant settings, managed by ADMIN, with these documented
 * defaults in minor units of the tenant currency (Bs for the seeds' cooperative). The call detail is
 * priced by R-PS-G1 and withdrawals by R-PS-H2/H4, so their fee is 0 here.
 */
export const DEFAULT_PROCEDURE_FEES_MINOR: Readonly<Record<RequestType, number>> = Object.freeze({
  SUPPLEMENTARY_SERVICE: 1000,
  PLAN_CHANGE: 0,
  RELOCATION: 5000,
  SUSPENSION: 0,
  RECONNECTION: 0,
  CALL_DETAIL: 0,
  WITHDRAWAL: 0,
  PQR: 0,
});

/** The fee of a procedure in a tenant: its configured amount, else the default. */
export const procedureFee = (type: RequestType, configured: Partial<Record<RequestType, number>> | null | undefined): number =>
  configured?.[type] ?? DEFAULT_PROCEDURE_FEES_MINOR[type];
