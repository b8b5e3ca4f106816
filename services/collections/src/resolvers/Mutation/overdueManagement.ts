import { authorize, requireScope } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { recordCollectionCall as recordCall, recordInvoiceDelivery as recordDelivery } from '../../application/overdue-management';
import { importInvoice as runImport } from '../../application/invoice-import';

/** §3 I: a pro-forma invoice sent to the customer, an interaction on the customer's timeline. */
export const recordInvoiceDelivery =
  (deps: ResolverDeps): Required<MutationResolvers>['recordInvoiceDelivery'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordInvoiceDelivery', principal);
    return recordDelivery(deps, principal, input);
  };

/** §3 I collection call by protocol (R-COL-I1: it follows up the account's pending promise). */
export const recordCollectionCall =
  (deps: ResolverDeps): Required<MutationResolvers>['recordCollectionCall'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordCollectionCall', principal);
    return recordCall(deps, principal, input);
  };

/** Integration partner (billing:write): an invoice from the external billing system, idempotent by externalId. */
export const importInvoice =
  (deps: ResolverDeps): Required<MutationResolvers>['importInvoice'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'importInvoice', principal);
    requireScope(principal, 'billing:write');
    const result = await runImport(deps, principal, {
      billingAccountId: input.billingAccountId,
      externalId: input.externalId,
      period: input.period,
      dueDate: input.dueDate,
      issuedAt: input.issuedAt ?? null,
      total: input.total,
      lines: input.lines.map((l) => ({ kind: l.kind, description: l.description, amount: l.amount, installedProductId: l.installedProductId ?? null })),
    });
    deps.published();
    return result;
  };
