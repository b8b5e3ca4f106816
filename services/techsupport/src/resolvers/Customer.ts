import type { CustomerResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { childConnection } from '@vinculo/common';
import { type WorkOrderDoc } from '../store/work-order.model';
import { type DamageTicketDoc } from '../store/ticket.model';
import { type SupportVisitDoc } from '../store/visit.model';
import { readAs } from './read';

export const Customer = (deps: ResolverDeps): CustomerResolvers => ({
  workOrders: (c, args, ctx) =>
    readAs(ctx, 'readWorkOrders', () =>
      childConnection<WorkOrderDoc>(
        ctx,
        { name: 'Customer.workOrders', model: deps.workOrders, parentField: 'customerId', sortField: 'createdAt' },
        c.id,
        args,
      ),
    ),
  damageTickets: (c, args, ctx) =>
    readAs(ctx, 'readTickets', () =>
      childConnection<DamageTicketDoc>(
        ctx,
        { name: 'Customer.damageTickets', model: deps.tickets, parentField: 'customerId', sortField: 'createdAt' },
        c.id,
        args,
      ),
    ),
  supportVisits: (c, args, ctx) =>
    readAs(ctx, 'readVisits', () =>
      childConnection<SupportVisitDoc>(
        ctx,
        { name: 'Customer.supportVisits', model: deps.visits, parentField: 'customerId', sortField: 'createdAt' },
        c.id,
        args,
      ),
    ),
});
