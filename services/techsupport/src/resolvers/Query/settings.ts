import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { settingsFor } from '../../store/settings.model';

export const techsupportSettings =
  (deps: ResolverDeps): NonNullable<QueryResolvers['techsupportSettings']> =>
  (_parent, _args, ctx) => {
    authorize(policy, 'readSettings', ctx.principal);
    return settingsFor(deps.settings, ctx.principal.tenantId);
  };
