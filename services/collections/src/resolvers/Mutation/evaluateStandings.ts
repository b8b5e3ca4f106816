import { authorize, businessNow } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { evaluateStandings as evaluate } from '../../application/standings';
import { evaluatePromises } from '../../application/promises';

/** The standings job run now for the caller's tenant, at its business now (no caller-chosen date). */
export const evaluateStandings =
  (deps: ResolverDeps): Required<MutationResolvers>['evaluateStandings'] =>
  async (_parent, _args, { principal }) => {
    authorize(policy, 'evaluateStandings', principal);
    const now = businessNow(principal.tenantId);
    const result = await evaluate(deps, principal, now);
    const promisesSettled = await evaluatePromises(deps, principal, now);
    deps.published();
    return { ...result, promisesSettled };
  };
