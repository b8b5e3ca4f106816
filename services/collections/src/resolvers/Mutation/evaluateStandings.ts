import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { evaluateStandings as evaluate } from '../../application/standings';
import { evaluatePromises } from '../../application/promises';

export const evaluateStandings =
  (deps: ResolverDeps): MutationResolvers['evaluateStandings'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'evaluateStandings', principal);
    const asOf = input.asOf instanceof Date ? input.asOf : new Date();
    const result = await evaluate(deps, principal, asOf);
    const promisesSettled = await evaluatePromises(deps, principal, asOf);
    deps.published();
    return { ...result, promisesSettled };
  };
