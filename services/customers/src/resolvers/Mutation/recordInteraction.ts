import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { validInteraction } from '../../domain/interaction';
import { saveInteraction } from '../interaction-record';

export const recordInteraction =
  (deps: ResolverDeps): MutationResolvers['recordInteraction'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordInteraction', principal);
    const { customerId, ...rest } = input;
    const fields = validInteraction(rest);
    const customer = await deps.customers.get(principal.tenantId, customerId);
    return { interaction: await saveInteraction(deps, principal, customer._id, fields, 'GENERAL') };
  };
