import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { assignPortfolio as run } from '../../application/customer';

export const assignPortfolio =
  (deps: ResolverDeps): Required<MutationResolvers>['assignPortfolio'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'assignPortfolio', principal);
    return { customer: await run(deps, principal, input) };
  };
