import type { RequestDetails, RequestedChargeDoc } from '../store/request.model';
import type { SlaClock } from '../domain/pqr';

/** The GraphQL views of a request's details: the stored member plus what rendering money or clocks needs. */
export type RelocationView = NonNullable<RequestDetails['relocation']> & { currency: string };
export type PlanChangeView = NonNullable<RequestDetails['planChange']> & { currency: string };
export type CallDetailView = NonNullable<RequestDetails['callDetail']> & { currency: string };
export type WithdrawalView = NonNullable<RequestDetails['withdrawal']> & { currency: string };
export type PqrView = NonNullable<RequestDetails['pqr']> & { sla: SlaClock };
export type ChargeView = RequestedChargeDoc & { currency: string };
