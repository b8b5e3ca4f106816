import { authorize, paginate } from '@vinculo/common';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import type { MailDoc } from '../store/mail.model';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

export const outgoingMail =
  (deps: ResolverDeps): NonNullable<QueryResolvers['outgoingMail']> =>
  (_p, args, ctx) => {
    authorize(policy, 'readDeliveryLog', ctx.principal);
    const filter = { tenantId: ctx.principal.tenantId, ...(args.status ? { status: args.status } : {}) };
    return paginate<MailDoc>(deps.mail, filter, args, ctx.principal, { field: 'createdAt', descending: true });
  };
