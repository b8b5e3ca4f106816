import { authorize, newEnvelope, newId, businessNow } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideMark } from '../../domain/eligibility';
import { changeEligibility } from '../../events/eligibility-change';

export const markImpediment =
  (deps: ResolverDeps): MutationResolvers['markImpediment'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageImpediments', principal);
    const customer = await deps.customers.get(principal.tenantId, input.customerId);
    await changeEligibility(deps.eligibility, principal, customer._id, (state) => {
      const marked = decideMark(state.impediments, input, newId('imp'), principal.userId, businessNow(principal.tenantId));
      return {
        next: { impediments: [...state.impediments, marked], standings: state.standings },
        events: () => [
          newEnvelope('customers', principal, {
            type: 'customers.ImpedimentChanged',
            subject: customer._id,
            data: { customerId: customer._id, impedimentId: marked.id, kind: marked.kind, change: 'MARKED', reason: marked.reason, detail: marked.detail },
          }),
        ],
      };
    });
    return { customer };
  };
