import { authorize, childConnection } from '@vinculo/common';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import type { LeadDoc } from '../store/lead.model';
import type { OpportunityDoc } from '../store/opportunity.model';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

export const Customer = ({ leads, opportunities }: ResolverDeps): CustomerResolvers => ({
  leads: (customer, args, ctx) => {
    authorize(policy, 'readProposals', ctx.principal);
    return childConnection<LeadDoc>(ctx, { name: 'Customer.leads', model: leads, parentField: 'customerId', sortField: 'registeredAt' }, customer.id, args);
  },
  opportunities: (customer, args, ctx) => {
    authorize(policy, 'readProposals', ctx.principal);
    return childConnection<OpportunityDoc>(
      ctx,
      { name: 'Customer.opportunities', model: opportunities, parentField: 'customerId', sortField: 'qualifiedAt' },
      customer.id,
      args,
    );
  },
});
