import { authorize } from '@vinculo/common';
import { policy } from '../../policy';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { receiveRequest } from '../../application/receive';
import { enterRequest } from '../../application/enter';
import {
  answerPqr,
  cancelRequest,
  closeIncomplete,
  provideRequirements,
  recordEquipmentReturned,
  recordQualityControlCall,
  recordRetentionOffer,
  recordWithdrawalEquipmentNotes,
} from '../../application/lifecycle';

/** The acts of a post-sale request's lifecycle: thin, each delegating to its use case. */
export const requestMutations = (
  deps: ResolverDeps,
): Required<
  Pick<
    MutationResolvers,
    | 'receivePostSaleRequest'
    | 'provideRequirements'
    | 'closeIncompleteRequest'
    | 'cancelPostSaleRequest'
    | 'recordRetentionOffer'
    | 'enterPostSaleRequest'
    | 'recordWithdrawalEquipmentNotes'
    | 'recordEquipmentReturned'
    | 'recordQualityControlCall'
    | 'answerPqr'
  >
> => ({
  receivePostSaleRequest: async (_p, { input }, { principal }) => {
    authorize(policy, 'receivePostSaleRequest', principal);
    return { request: await receiveRequest(deps, principal, input) };
  },
  provideRequirements: async (_p, { input }, { principal }) => {
    authorize(policy, 'provideRequirements', principal);
    return { request: await provideRequirements(deps, principal, input.requestId, input.provided ?? [], input.attachments ?? []) };
  },
  closeIncompleteRequest: async (_p, { input }, { principal }) => {
    authorize(policy, 'closeIncompleteRequest', principal);
    return { request: await closeIncomplete(deps, principal, input.requestId, input.note) };
  },
  cancelPostSaleRequest: async (_p, { input }, { principal }) => {
    authorize(policy, 'cancelPostSaleRequest', principal);
    return { request: await cancelRequest(deps, principal, input.requestId, input.reason) };
  },
  recordRetentionOffer: async (_p, { input }, { principal }) => {
    authorize(policy, 'recordRetentionOffer', principal);
    return { request: await recordRetentionOffer(deps, principal, input.requestId, input.offer, input.accepted) };
  },
  enterPostSaleRequest: async (_p, { input }, { principal }) => {
    authorize(policy, 'enterPostSaleRequest', principal);
    return {
      request: await enterRequest(deps, principal, input.requestId, {
        acceptPenalty: input.acceptEarlyTerminationPenalty,
        equipmentSettlement: input.equipmentSettlement,
      }),
    };
  },
  recordWithdrawalEquipmentNotes: async (_p, { input }, { principal }) => {
    authorize(policy, 'recordWithdrawalEquipmentNotes', principal);
    return { request: await recordWithdrawalEquipmentNotes(deps, principal, input.requestId, input.notes) };
  },
  recordEquipmentReturned: async (_p, { input }, { principal }) => {
    authorize(policy, 'recordEquipmentReturned', principal);
    return { request: await recordEquipmentReturned(deps, principal, input.requestId, input.codes) };
  },
  recordQualityControlCall: async (_p, { input }, { principal }) => {
    authorize(policy, 'recordQualityControlCall', principal);
    return { request: await recordQualityControlCall(deps, principal, input.requestId, input.outcome, input.note ?? null) };
  },
  answerPqr: async (_p, { input }, { principal }) => {
    authorize(policy, 'answerPqr', principal);
    return { request: await answerPqr(deps, principal, input.requestId, input.answer) };
  },
});
