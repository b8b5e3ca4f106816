import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import {
  acceptCommercialOffer,
  approveSaleProject,
  checkSaleProjectFeasibility,
  declineSaleProject,
  draftSaleProject,
  linkSaleProjectVisit,
  makeCommercialOffer,
  reviseSaleProject,
} from '../../application/sale-project';
import { policy } from '../../policy';
import type { ResolverDeps } from '../deps';

type ProjectFields =
  | 'draftSaleProject'
  | 'reviseSaleProject'
  | 'approveSaleProject'
  | 'checkSaleProjectFeasibility'
  | 'linkSaleProjectVisit'
  | 'makeCommercialOffer'
  | 'acceptCommercialOffer'
  | 'declineSaleProject';

/** The acts of a sale project (A1–A5): the role here, ownership and the rules in the use cases. */
export const saleProjectMutations = (deps: ResolverDeps): Required<Pick<MutationResolvers, ProjectFields>> => ({
  draftSaleProject: async (_p, { input }, { principal }) => {
    authorize(policy, 'draftSaleProject', principal);
    return { saleProject: await draftSaleProject(deps, principal, input) };
  },
  reviseSaleProject: async (_p, { input }, { principal }) => {
    authorize(policy, 'draftSaleProject', principal);
    return { saleProject: await reviseSaleProject(deps, principal, input) };
  },
  approveSaleProject: async (_p, { input }, { principal }) => {
    authorize(policy, 'approveSaleProject', principal);
    return { saleProject: await approveSaleProject(deps, principal, input) };
  },
  checkSaleProjectFeasibility: async (_p, { input }, { principal }) => {
    authorize(policy, 'checkFeasibility', principal);
    return { saleProject: await checkSaleProjectFeasibility(deps, principal, input) };
  },
  linkSaleProjectVisit: async (_p, { input }, { principal }) => {
    authorize(policy, 'workSaleProject', principal);
    return { saleProject: await linkSaleProjectVisit(deps, principal, input) };
  },
  makeCommercialOffer: async (_p, { input }, { principal }) => {
    authorize(policy, 'workSaleProject', principal);
    return { saleProject: await makeCommercialOffer(deps, principal, input) };
  },
  acceptCommercialOffer: async (_p, { input }, { principal }) => {
    authorize(policy, 'workSaleProject', principal);
    return { saleProject: await acceptCommercialOffer(deps, principal, input) };
  },
  declineSaleProject: async (_p, { input }, { principal }) => {
    authorize(policy, 'workSaleProject', principal);
    return { saleProject: await declineSaleProject(deps, principal, input) };
  },
});
