import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { receiveRequest } from '../../application/receive';
import { enterRequest } from '../../application/enter';
import { answerPqr, cancelRequest, closeIncomplete, provideRequirements, recordEquipmentReturned, recordQualityControlCall, recordRetentionOffer, recordWithdrawalEquipmentNotes } from '../../application/lifecycle';

/** The acts of a post-sale request's lifecycle: thin, each delegating to its use case. */
export const requestMutations = (deps: ResolverDeps): Pick<
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
> => ({
  receivePostSaleRequest: async (_p, { input }, { principal }) => ({ request: await receiveRequest(deps, principal, input) }),
  provideRequirements: async (_p, { input }, { principal }) => ({ request: await provideRequirements(deps, principal, input.requestId, input.provided ?? [], input.attachments ?? []) }),
  closeIncompleteRequest: async (_p, { input }, { principal }) => ({ request: await closeIncomplete(deps, principal, input.requestId, input.note) }),
  cancelPostSaleRequest: async (_p, { input }, { principal }) => ({ request: await cancelRequest(deps, principal, input.requestId, input.reason) }),
  recordRetentionOffer: async (_p, { input }, { principal }) => ({ request: await recordRetentionOffer(deps, principal, input.requestId, input.offer, input.accepted) }),
  enterPostSaleRequest: async (_p, { input }, { principal }) => ({ request: await enterRequest(deps, principal, input.requestId, { acceptPenalty: input.acceptEarlyTerminationPenalty, equipmentSettlement: input.equipmentSettlement }) }),
  recordWithdrawalEquipmentNotes: async (_p, { input }, { principal }) => ({ request: await recordWithdrawalEquipmentNotes(deps, principal, input.requestId, input.notes) }),
  recordEquipmentReturned: async (_p, { input }, { principal }) => ({ request: await recordEquipmentReturned(deps, principal, input.requestId, input.codes) }),
  recordQualityControlCall: async (_p, { input }, { principal }) => ({ request: await recordQualityControlCall(deps, principal, input.requestId, input.outcome, input.note ?? null) }),
  answerPqr: async (_p, { input }, { principal }) => ({ request: await answerPqr(deps, principal, input.requestId, input.answer) }),
});
