import { authorize, byIdLoader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

export const loadTicket = ({ tickets }: ResolverDeps, ctx: RequestContext, id: string) => byIdLoader(tickets, 'ticketById')(ctx, id);

export const damageTicket =
  (deps: ResolverDeps): NonNullable<QueryResolvers['damageTicket']> =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readTickets', ctx.principal);
    return loadTicket(deps, ctx, id);
  };
