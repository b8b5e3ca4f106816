import { authorize, badInput, paginate, type RequestContext } from '@vinculo/common';
import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { markRead, unreadCount, type NotificationDoc } from '../store/notification.model';
import { optOutsOf, setOptOuts } from '../store/settings.model';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

const me = (ctx: RequestContext) => {
  authorize(policy, 'readOwnNotifications', ctx.principal);
  return { tenantId: ctx.principal.tenantId, userId: ctx.principal.userId };
};

const unread = (deps: ResolverDeps, who: { tenantId: string; userId: string }) => unreadCount(deps.notifications, who);

export const myNotifications =
  (deps: ResolverDeps): NonNullable<QueryResolvers['myNotifications']> =>
  (_p, args, ctx) => {
    const who = me(ctx);
    return paginate<NotificationDoc>(deps.notifications, args.unreadOnly ? { ...who, readAt: null } : who, args, ctx.principal, {
      field: 'createdAt',
      descending: true,
    });
  };

export const myUnreadNotificationCount =
  (deps: ResolverDeps): NonNullable<QueryResolvers['myUnreadNotificationCount']> =>
  (_p, _a, ctx) =>
    unread(deps, me(ctx));

export const markNotificationsRead =
  (deps: ResolverDeps): NonNullable<MutationResolvers['markNotificationsRead']> =>
  async (_p, { input }, ctx) => {
    const who = me(ctx);
    const ids = input.ids ?? [];
    if (!input.all && ids.length === 0) throw badInput('name the notifications (ids) or mark all', 'ids');
    if (ids.length > 500) throw badInput('at most 500 ids at once', 'ids');
    const marked = await markRead(deps.notifications, who, input.all ? 'ALL' : ids);
    return { marked, unreadCount: await unread(deps, who) };
  };

export const myNotificationPreferences =
  (deps: ResolverDeps): NonNullable<QueryResolvers['myNotificationPreferences']> =>
  async (_p, _a, ctx) => {
    const who = me(ctx);
    return { emailOptOut: await optOutsOf(deps.preferences, who) };
  };

export const setNotificationPreferences =
  (deps: ResolverDeps): NonNullable<MutationResolvers['setNotificationPreferences']> =>
  async (_p, { input }, ctx) => {
    const who = me(ctx);
    const optOut = [...new Set(input.emailOptOut)];
    if (optOut.length > 100) throw badInput('at most 100 rule ids', 'emailOptOut');
    await setOptOuts(deps.preferences, who, optOut);
    return { emailOptOut: optOut };
  };
