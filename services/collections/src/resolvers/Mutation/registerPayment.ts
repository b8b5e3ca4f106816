import { authorize, businessNow } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { registerPayment as register } from '../../application/payments';
import { evaluatePromises } from '../../application/promises';

export const registerPayment =
  (deps: ResolverDeps): Required<MutationResolvers>['registerPayment'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'registerPayment', principal);
    const { payment, account } = await register(deps, principal, {
      billingAccountId: input.billingAccountId,
      amount: input.amount,
      channel: input.channel,
      externalReference: input.externalReference,
      receivedAt: input.receivedAt ?? null,
    });
    // R-COL-I1: a payment may keep the account's pending promise.
    await evaluatePromises(deps, principal, businessNow(principal.tenantId), account._id);
    deps.published();
    return { payment, billingAccount: account };
  };
