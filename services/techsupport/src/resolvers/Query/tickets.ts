import { authorize, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { DamageTicketDoc } from '../../store/ticket.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { loadById } from '../by-id';

export const loadTicket = ({ tickets }: ResolverDeps, ctx: RequestContext, id: string) => loadById<DamageTicketDoc>(tickets, 'ticketById', ctx, id);

export const damageTicket =
  (deps: ResolverDeps): QueryResolvers['damageTicket'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readTickets', ctx.principal);
    return loadTicket(deps, ctx, id);
  };
