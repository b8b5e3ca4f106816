import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import {
  checkDigitalSaleCapacity,
  checkDigitalSaleImpediments,
  closeDigitalSaleNotFeasible,
  followUpDigitalSale,
  receiveDigitalSaleRequest,
  receiveDigitalSaleRequirements,
  recordDigitalSaleCallback,
  recordDigitalSatisfactionCall,
} from '../../application/digital-sale';
import { policy } from '../../policy';
import type { ResolverDeps } from '../deps';

type DigitalFields =
  | 'receiveDigitalSaleRequest'
  | 'recordDigitalSaleCallback'
  | 'checkDigitalSaleImpediments'
  | 'checkDigitalSaleCapacity'
  | 'receiveDigitalSaleRequirements'
  | 'followUpDigitalSale'
  | 'recordDigitalSatisfactionCall'
  | 'closeDigitalSaleNotFeasible';

/** §2: the digital sales agent works the request (a bot or IVR may create it). */
export const digitalSaleMutations = (deps: ResolverDeps): Required<Pick<MutationResolvers, DigitalFields>> => ({
  receiveDigitalSaleRequest: async (_p, { input }, { principal }) => {
    authorize(policy, 'receiveDigitalRequest', principal);
    return { digitalSaleRequest: await receiveDigitalSaleRequest(deps, principal, input) };
  },
  recordDigitalSaleCallback: async (_p, { input }, { principal }) => {
    authorize(policy, 'digitalSale', principal);
    return { digitalSaleRequest: await recordDigitalSaleCallback(deps, principal, input) };
  },
  checkDigitalSaleImpediments: async (_p, { input }, { principal }) => {
    authorize(policy, 'digitalSale', principal);
    return { digitalSaleRequest: await checkDigitalSaleImpediments(deps, principal, input) };
  },
  checkDigitalSaleCapacity: async (_p, { input }, { principal }) => {
    authorize(policy, 'digitalSale', principal);
    return { digitalSaleRequest: await checkDigitalSaleCapacity(deps, principal, input) };
  },
  receiveDigitalSaleRequirements: async (_p, { input }, { principal }) => {
    authorize(policy, 'digitalSale', principal);
    return { digitalSaleRequest: await receiveDigitalSaleRequirements(deps, principal, input) };
  },
  followUpDigitalSale: async (_p, { input }, { principal }) => {
    authorize(policy, 'digitalSale', principal);
    return { digitalSaleRequest: await followUpDigitalSale(deps, principal, input) };
  },
  recordDigitalSatisfactionCall: async (_p, { input }, { principal }) => {
    authorize(policy, 'digitalSale', principal);
    return { digitalSaleRequest: await recordDigitalSatisfactionCall(deps, principal, input) };
  },
  closeDigitalSaleNotFeasible: async (_p, { input }, { principal }) => {
    authorize(policy, 'digitalSale', principal);
    return { digitalSaleRequest: await closeDigitalSaleNotFeasible(deps, principal, input) };
  },
});
