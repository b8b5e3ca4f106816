import { money, notFound, type RequestContext } from '@vinculo/common';
import type { FollowUpItemResolvers, LessonLearnedResolvers, PipelineStageResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';

async function required(deps: ResolverDeps, ctx: RequestContext, id: string) {
  const o = await deps.reads.opportunity(ctx, id);
  if (!o) throw notFound('Opportunity', id);
  return o;
}

export const FollowUpItem = (deps: ResolverDeps): FollowUpItemResolvers => ({
  opportunity: (i, _args, ctx) => required(deps, ctx, i.opportunityId),
});

export const LessonLearned = (deps: ResolverDeps): LessonLearnedResolvers => ({
  opportunity: (i, _args, ctx) => required(deps, ctx, i.opportunityId),
});

export const PipelineStage: PipelineStageResolvers = {
  value: (s) => money(s.valueMinor, s.currency),
};
