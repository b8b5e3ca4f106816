import { authorize, newEnvelope, businessNow } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideClear } from '../../domain/eligibility';
import { changeEligibility } from '../../events/eligibility-change';

export const clearImpediment =
  (deps: ResolverDeps): MutationResolvers['clearImpediment'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageImpediments', principal);
    const customer = await deps.customers.get(principal.tenantId, input.customerId);
    await changeEligibility(deps.eligibility, principal, customer._id, (state) => {
      const impediments = decideClear(state.impediments, input.impedimentId, input.reason, principal.userId, businessNow(principal.tenantId));
      const cleared = impediments.find((i) => i.id === input.impedimentId)!;
      return {
        next: { impediments, standings: state.standings },
        events: () => [
          newEnvelope('customers', principal, {
            type: 'customers.ImpedimentChanged',
            subject: customer._id,
            data: { customerId: customer._id, impedimentId: cleared.id, kind: cleared.kind, change: 'CLEARED', reason: cleared.clearReason ?? '', detail: cleared.detail },
          }),
        ],
      };
    });
    return { customer };
  };
