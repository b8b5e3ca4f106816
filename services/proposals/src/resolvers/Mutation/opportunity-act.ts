import { authorize, type RequestContext } from '@vinculo/common';
import type { ResolverDeps } from '../deps';
import type { OpportunityDoc } from '../../store/opportunity.model';
import type { OpportunityCommand } from '../../domain/opportunity';
import { policy, type ProposalsAction } from '../../policy';
import { changeOpportunity } from '../../application/opportunity';

/**
 * One act on an opportunity as a resolver: the role check of `action`, then the use case with the
 * version the caller saw. `command` builds the act from the opportunity as loaded (its currency).
 */
export const opportunityAct =
  <I extends { opportunityId: string; expectedVersion: number }>(
    deps: ResolverDeps,
    action: ProposalsAction,
    command: (input: I, doc: OpportunityDoc) => OpportunityCommand,
  ) =>
  async (_parent: unknown, { input }: { input: I }, { principal }: RequestContext): Promise<{ opportunity: OpportunityDoc }> => {
    authorize(policy, action, principal);
    return { opportunity: await changeOpportunity(deps, principal, input, (doc) => command(input, doc)) };
  };
