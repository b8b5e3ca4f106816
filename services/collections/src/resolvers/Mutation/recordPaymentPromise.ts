import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { recordPaymentPromise as record } from '../../application/promises';

export const recordPaymentPromise =
  (deps: ResolverDeps): Required<MutationResolvers>['recordPaymentPromise'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordPaymentPromise', principal);
    return { paymentPromise: await record(deps, principal, input) };
  };
