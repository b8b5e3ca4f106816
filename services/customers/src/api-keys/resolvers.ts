import { authorize } from '@vinculo/common';
import type { ApiKeyResolvers, MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import type { ApiKeyRepository } from '../store/api-key.repository';
import { decideApiKeySpec, issueSecret, newKeyId } from '../domain/api-key';
import { apiKeyPolicy } from './policy';

/** apiKeys, createApiKey, rotateApiKey, revokeApiKey: the ADMIN's management of machine clients. */
export function apiKeyResolvers(keys: ApiKeyRepository): {
  Query: Pick<Required<QueryResolvers>, 'apiKeys'>;
  Mutation: Pick<Required<MutationResolvers>, 'createApiKey' | 'rotateApiKey' | 'revokeApiKey'>;
  ApiKey: ApiKeyResolvers;
} {
  return {
    Query: {
      apiKeys: (_p, { includeRevoked }, { principal }) => {
        authorize(apiKeyPolicy, 'manageApiKeys', principal);
        return keys.list(principal.tenantId, includeRevoked ?? false);
      },
    },
    Mutation: {
      createApiKey: async (_p, { input }, { principal }) => {
        authorize(apiKeyPolicy, 'manageApiKeys', principal);
        const spec = decideApiKeySpec(input);
        const keyId = newKeyId();
        const { key, secretHash } = issueSecret(keyId);
        const apiKey = await keys.create(principal.tenantId, keyId, spec, secretHash, principal.userId);
        return { apiKey, key };
      },
      rotateApiKey: async (_p, { input }, { principal }) => {
        authorize(apiKeyPolicy, 'manageApiKeys', principal);
        const { key, secretHash } = issueSecret(input.id);
        const apiKey = await keys.rotate(principal.tenantId, input.id, secretHash);
        return { apiKey, key };
      },
      revokeApiKey: async (_p, { input }, { principal }) => {
        authorize(apiKeyPolicy, 'manageApiKeys', principal);
        return { apiKey: await keys.revoke(principal.tenantId, input.id, principal.userId) };
      },
    },
    ApiKey: {
      id: (k) => k._id,
    },
  };
}
