import { badInput, findOneById, notFound, ROLES, type CustomerDirectory, type StaffAccessReadModel } from '@vinculo/common';
import type { NamedAddressInput, NotificationRuleInput } from '../__generated__/resolvers-types';
import {
  addressProblems,
  effectiveAddresses,
  effectiveRules,
  ruleProblems,
  type NamedAddress,
  type NotificationRule,
  type RecipientSpec,
  type RuleProblem,
} from '../domain/rules';
import { effectiveTemplates, missingFields } from '../domain/templates';
import { resolveRecipients } from '../domain/recipients';
import { saveSettings, settingsOf, type SettingsModel } from '../store/settings.model';
import { eventFieldCatalog } from './catalog';

/** What the ADMIN's notification configuration works on. */
export interface SettingsDeps {
  settings: SettingsModel;
  staff: StaffAccessReadModel;
  directory: CustomerDirectory;
}

const ROLE_SET = new Set<string>(ROLES);
let catalog: Map<string, string[]> | undefined;
const fields = () => (catalog ??= eventFieldCatalog());

/** Refuse with every problem at once, so the ADMIN fixes them in one go. */
function refuse(problems: RuleProblem[]): never {
  throw badInput(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems[0]!.field);
}

/** The tenant's version of a rule, checked first (every problem named; nothing stored on any). */
export async function setRule(deps: SettingsDeps, who: { tenantId: string; userId: string }, input: NotificationRuleInput) {
  const tenantId = who.tenantId;
  const current = await settingsOf(deps.settings, tenantId);
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
  if (rule.when && !(fields().get(rule.eventType) ?? []).includes(rule.when.field))
    problems.push({ field: 'when', message: `${rule.eventType} has no field "${rule.when.field}"` });
  if (problems.length) refuse(problems);
  const rules = [...(current?.rules ?? []).filter((r) => r.id !== rule.id), rule];
  await saveSettings(deps.settings, tenantId, { rules }, who.userId);
  return rule;
}

/** A named address of the tenant, checked first. */
export async function setAddress(deps: SettingsDeps, who: { tenantId: string; userId: string }, input: NamedAddressInput) {
  const tenantId = who.tenantId;
  const address: NamedAddress = { name: input.name, role: input.role ?? null, employeeId: input.employeeId ?? null, email: input.email ?? null };
  const problems = addressProblems(address, ROLE_SET);
  if (problems.length) refuse(problems);
  const current = await settingsOf(deps.settings, tenantId);
  const addresses = [...(current?.addresses ?? []).filter((a) => a.name !== address.name), address];
  await saveSettings(deps.settings, tenantId, { addresses }, who.userId);
  return address;
}

/** Who a rule would reach now (for the ADMIN checking a rule); unknown rule → NOT_FOUND. */
export async function ruleRecipients(deps: SettingsDeps, tenantId: string, args: { ruleId: string; customerId?: string | null; actorId?: string | null }) {
  const { ruleId, customerId, actorId } = args;
  const settings = await settingsOf(deps.settings, tenantId);
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
}
