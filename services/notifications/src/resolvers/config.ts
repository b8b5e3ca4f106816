import { authorize, type RequestContext } from '@vinculo/common';
import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { effectiveAddresses, effectiveRules, SEED_REPORTS } from '../domain/rules';
import { settingsOf } from '../store/settings.model';
import { ruleRecipients, setAddress, setRule } from '../application/config';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

const admin = (ctx: RequestContext) => {
  authorize(policy, 'configureNotifications', ctx.principal);
  return ctx.principal.tenantId;
};

export const notificationRules =
  (deps: ResolverDeps): NonNullable<QueryResolvers['notificationRules']> =>
  async (_p, _a, ctx) =>
    effectiveRules((await settingsOf(deps.settings, admin(ctx)))?.rules ?? []);

export const namedAddresses =
  (deps: ResolverDeps): NonNullable<QueryResolvers['namedAddresses']> =>
  async (_p, _a, ctx) =>
    effectiveAddresses((await settingsOf(deps.settings, admin(ctx)))?.addresses ?? []);

export const notificationCatalog = (): NonNullable<QueryResolvers['notificationCatalog']> => (_p, _a, ctx) => {
  authorize(policy, 'readOwnNotifications', ctx.principal);
  return [
    ...effectiveRules([]).map((r) => ({ id: r.id, seedStep: r.seedStep, description: r.description, kind: 'RULE', built: true })),
    ...SEED_REPORTS.map((r) => ({ id: r.id, seedStep: r.seedStep, description: r.description, kind: 'REPORT', built: r.built })),
  ];
};

export const setNotificationRule =
  (deps: ResolverDeps): NonNullable<MutationResolvers['setNotificationRule']> =>
  (_p, { input }, ctx) =>
    setRule(deps, { tenantId: admin(ctx), userId: ctx.principal.userId }, input);

export const setNamedAddress =
  (deps: ResolverDeps): NonNullable<MutationResolvers['setNamedAddress']> =>
  (_p, { input }, ctx) =>
    setAddress(deps, { tenantId: admin(ctx), userId: ctx.principal.userId }, input);

export const notificationRuleRecipients =
  (deps: ResolverDeps): NonNullable<QueryResolvers['notificationRuleRecipients']> =>
  (_p, { ruleId, customerId, actorId }, ctx) =>
    ruleRecipients(deps, admin(ctx), { ruleId, customerId, actorId });
