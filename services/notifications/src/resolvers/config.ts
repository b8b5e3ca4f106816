import { authorize, badInput, findOneById, notFound, type RequestContext, ROLES } from '@vinculo/common';
import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { addressProblems, effectiveAddresses, effectiveRules, ruleProblems, SEED_REPORTS, type NamedAddress, type NotificationRule, type RecipientSpec, type RuleProblem } from '../domain/rules';
import { effectiveTemplates, missingFields } from '../domain/templates';
import { eventFieldCatalog } from '../application/catalog';
import { resolveRecipients } from '../domain/recipients';
import type { SettingsDoc } from '../store/settings.model';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

const ROLE_SET = new Set<string>(ROLES);
let catalog: Map<string, string[]> | undefined;
const fields = () => (catalog ??= eventFieldCatalog());

const admin = (ctx: RequestContext) => {
  authorize(policy, 'configureNotifications', ctx.principal);
  return ctx.principal.tenantId;
};

const settingsOf = (deps: ResolverDeps, tenantId: string) => deps.settings.findById(tenantId).lean<SettingsDoc>();

/** Refuse with every problem at once, so the ADMIN fixes them in one go. */
function refuse(problems: RuleProblem[]): never {
  throw badInput(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems[0]!.field);
}

export const notificationRules =
  (deps: ResolverDeps): NonNullable<QueryResolvers['notificationRules']> =>
  async (_p, _a, ctx) =>
    effectiveRules((await settingsOf(deps, admin(ctx)))?.rules ?? []);

export const namedAddresses =
  (deps: ResolverDeps): NonNullable<QueryResolvers['namedAddresses']> =>
  async (_p, _a, ctx) =>
    effectiveAddresses((await settingsOf(deps, admin(ctx)))?.addresses ?? []);

export const notificationCatalog = (): NonNullable<QueryResolvers['notificationCatalog']> => (_p, _a, ctx) => {
  authorize(policy, 'readOwnNotifications', ctx.principal);
  return [
    ...effectiveRules([]).map((r) => ({ id: r.id, seedStep: r.seedStep, description: r.description, kind: 'RULE', built: true })),
    ...SEED_REPORTS.map((r) => ({ id: r.id, seedStep: r.seedStep, description: r.description, kind: 'REPORT', built: r.built })),
  ];
};

export const setNotificationRule =
  (deps: ResolverDeps): NonNullable<MutationResolvers['setNotificationRule']> =>
  async (_p, { input }, ctx) => {
    const tenantId = admin(ctx);
    const current = await settingsOf(deps, tenantId);
    const rule: NotificationRule = {
      id: input.id,
      eventType: input.eventType,
      seedStep: input.seedStep ?? '',
      description: input.description ?? '',
      recipients: input.recipients.map((r) => ({ kind: r.kind, role: r.role ?? undefined, name: r.name ?? undefined, copy: r.copy ?? false }) as RecipientSpec),
      channels: input.channels,
      template: input.template,
      mandatory: input.mandatory ?? false,
      enabled: input.enabled ?? true,
      when: input.when ?? null,
      // The document a default rule attaches stays with a tenant's version of it (same event, same entity).
      attach: effectiveRules([]).find((d) => d.id === input.id && d.eventType === input.eventType)?.attach ?? null,
    };
    const templates = effectiveTemplates(current?.templates ?? []);
    const problems = ruleProblems(rule, {
      eventTypes: new Set(fields().keys()),
      roles: ROLE_SET,
      addresses: new Set(effectiveAddresses(current?.addresses ?? []).map((a) => a.name)),
      templateFields: (key, eventType) => {
        const t = templates.find((x) => x.key === key);
        return t ? missingFields(t, fields().get(eventType) ?? []) : null;
      },
    });
    for (const rec of input.recipients) {
      if (rec.kind === 'ROLE' && !rec.role) problems.push({ field: 'recipients', message: 'a ROLE recipient needs role' });
      if (rec.kind === 'NAMED' && !rec.name) problems.push({ field: 'recipients', message: 'a NAMED recipient needs name' });
    }
    if (rule.when && !(fields().get(rule.eventType) ?? []).includes(rule.when.field)) problems.push({ field: 'when', message: `${rule.eventType} has no field "${rule.when.field}"` });
    if (problems.length) refuse(problems);
    const rules = [...(current?.rules ?? []).filter((r) => r.id !== rule.id), rule];
    await deps.settings.updateOne({ _id: tenantId }, { $set: { rules, updatedBy: ctx.principal.userId, updatedAt: new Date() }, $inc: { version: 1 } }, { upsert: true });
    return rule;
  };

export const setNamedAddress =
  (deps: ResolverDeps): NonNullable<MutationResolvers['setNamedAddress']> =>
  async (_p, { input }, ctx) => {
    const tenantId = admin(ctx);
    const address: NamedAddress = { name: input.name, role: input.role ?? null, employeeId: input.employeeId ?? null, email: input.email ?? null };
    const problems = addressProblems(address, ROLE_SET);
    if (problems.length) refuse(problems);
    const current = await settingsOf(deps, tenantId);
    const addresses = [...(current?.addresses ?? []).filter((a) => a.name !== address.name), address];
    await deps.settings.updateOne({ _id: tenantId }, { $set: { addresses, updatedBy: ctx.principal.userId, updatedAt: new Date() }, $inc: { version: 1 } }, { upsert: true });
    return address;
  };

export const notificationRuleRecipients =
  (deps: ResolverDeps): NonNullable<QueryResolvers['notificationRuleRecipients']> =>
  async (_p, { ruleId, customerId, actorId }, ctx) => {
    const tenantId = admin(ctx);
    const settings = await settingsOf(deps, tenantId);
    const rule = effectiveRules(settings?.rules ?? []).find((r) => r.id === ruleId);
    if (!rule) throw notFound('NotificationRule', ruleId);
    const customer = customerId ? await findOneById(deps.directory.model, tenantId, customerId) : null;
    const { recipients, unresolved } = resolveRecipients(rule.recipients, {
      staff: await deps.staff.of(tenantId),
      addresses: effectiveAddresses(settings?.addresses ?? []),
      actorId: actorId ?? null,
      executiveId: customer?.executiveId ?? null,
    });
    return { recipients: recipients.map((r) => ({ ...r, emailProblem: r.emailProblem ?? null })), unresolved };
  };
