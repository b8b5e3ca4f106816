import type { InstalledProductResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { childConnection } from '@vinculo/common';
import { type DamageTicketDoc } from '../store/ticket.model';
import { readAs } from './read';

export const InstalledProduct = (deps: ResolverDeps): InstalledProductResolvers => ({
  damageTickets: (p, args, ctx) =>
    readAs(ctx, 'readTickets', () =>
      childConnection<DamageTicketDoc>(
        ctx,
        { name: 'InstalledProduct.damageTickets', model: deps.tickets, parentField: 'installedProductId', sortField: 'createdAt' },
        p.id,
        args,
      ),
    ),
});
