import { findOneById } from '@vinculo/common';
import type { CustomerDirectory, EventEnvelope, Logger } from '@vinculo/common';
import { effectiveAddresses, effectiveRules, rulesFor, type NotificationRule } from '../domain/rules';
import { resolveRecipients, type Recipient } from '../domain/recipients';
import { effectiveTemplates, render } from '../domain/templates';
import type { NotificationModel } from '../store/notification.model';
import { documentRefOf, type DocumentRef } from './documents';
import type { MailModel } from '../store/mail.model';
import type { PreferencesModel, SettingsDoc, SettingsModel } from '../store/settings.model';
import type { StaffAccessReadModel } from '@vinculo/common';

export interface DispatchDeps {
  notifications: NotificationModel;
  mail: MailModel;
  settings: SettingsModel;
  preferences: PreferencesModel;
  staff: StaffAccessReadModel;
  directory: CustomerDirectory;
  /** Base URL of the front end for links (APP_URL). */
  appUrl: string;
  logger: Logger;
  /** A message was queued: send now rather than at the next poll. */
  queued: () => void;
}

/** Something that happened and may concern people: a consumed event, or an alert this subgraph raises. */
export interface Occurrence {
  /** Unique and stable: an event id, or a deterministic alert id (a redelivery or rerun adds nothing). */
  id: string;
  tenantId: string;
  type: string;
  time: string;
  actorId: string | null;
  data: Record<string, unknown>;
}

export const occurrenceOf = (e: EventEnvelope): Occurrence => ({
  id: e.id,
  tenantId: e.tenantId,
  type: e.type,
  time: e.time,
  actorId: e.actor.userId === 'system' ? null : e.actor.userId,
  data: e.data,
});

/** Where a message links to: the entity when the front end has a page for it, else the customer. */
function linkOf(appUrl: string, o: Occurrence): string | null {
  const d = o.data;
  const entity =
    (d.claimId && `billing-claims/${String(d.claimId)}`) ||
    (d.opportunityId && `opportunities/${String(d.opportunityId)}`) ||
    (d.workOrderId && `work-orders/${String(d.workOrderId)}`) ||
    (d.visitId && `support-visits/${String(d.visitId)}`) ||
    (d.customerId && `customers/${String(d.customerId)}`);
  return entity ? `${appUrl.replace(/\/$/, '')}/${entity}` : null;
}

/**
 * Decide who must know about an occurrence and record it: one inbox entry per person and one e-mail
 * per rule (To + Cc) in the outbox. Idempotent (deterministic ids, insert-only). A recipient that
 * cannot be resolved or has no valid address is recorded and skipped; the others still get it.
 */
export async function dispatch(deps: DispatchDeps, o: Occurrence): Promise<{ rules: string[]; inbox: number; mails: number }> {
  const settings = await deps.settings.findById(o.tenantId).lean<SettingsDoc>();
  const rules = rulesFor(effectiveRules(settings?.rules ?? []), o.type, o.data);
  if (!rules.length) return { rules: [], inbox: 0, mails: 0 };
  const staff = await deps.staff.of(o.tenantId);
  const customerId = typeof o.data.customerId === 'string' ? o.data.customerId : null;
  const customer = customerId ? await findOneById(deps.directory.model, o.tenantId, customerId) : null;
  const executiveId = customer?.executiveId ?? null;
  const nameOf = (id: string | null) => (id ? (staff.find((s) => s.employeeId === id)?.name ?? id) : '—');
  const link = linkOf(deps.appUrl, o);
  const facts = {
    data: o.data,
    customerName: customer?.name ?? customerId ?? '—',
    executiveName: nameOf(executiveId),
    actorName: nameOf(o.actorId),
    link,
    eventType: o.type,
    time: o.time,
    tenantId: o.tenantId,
  };
  const templates = effectiveTemplates(settings?.templates ?? []);
  const addresses = effectiveAddresses(settings?.addresses ?? []);
  let inbox = 0;
  let mails = 0;
  for (const rule of rules) {
    const template = templates.find((t) => t.key === rule.template);
    if (!template) {
      // Checked when the rule was stored; a template removed since is logged, the other rules still run.
      deps.logger.error({ rule: rule.id, template: rule.template }, 'notification rule names a missing template');
      continue;
    }
    const message = render(template, facts);
    const { recipients, unresolved } = resolveRecipients(rule.recipients, { staff, addresses, actorId: o.actorId, executiveId });
    if (unresolved.length) deps.logger.warn({ rule: rule.id, eventId: o.id, unresolved }, 'some recipients of a notification rule named nobody');
    const at = new Date();
    if (rule.channels.includes('IN_APP')) {
      for (const r of recipients.filter((x) => x.userId)) {
        await insertOnce(deps.notifications, {
          _id: `${o.id}:${rule.id}:${r.userId}`,
          tenantId: o.tenantId,
          userId: r.userId!,
          ruleId: rule.id,
          eventType: o.type,
          eventId: o.id,
          title: message.subject,
          body: message.text,
          link,
          customerId,
          createdAt: at,
          readAt: null,
        });
        inbox++;
      }
    }
    if (rule.channels.includes('EMAIL')) {
      const { to, cc, skipped } = await mailRecipients(deps, o.tenantId, rule, recipients);
      await insertOnce(deps.mail, {
        _id: `${o.id}:${rule.id}`,
        tenantId: o.tenantId,
        ruleId: rule.id,
        eventType: o.type,
        eventId: o.id,
        to,
        cc,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: [],
        documents: rule.attach ? [documentRefOf(rule.attach, o.data)].filter((d): d is DocumentRef => d !== null) : [],
        status: to.length + cc.length ? 'PENDING' : 'SKIPPED',
        attempts: 0,
        nextAttemptAt: to.length + cc.length ? at : null,
        lockedUntil: null,
        lastError: to.length + cc.length ? null : 'no recipient with a valid address',
        lastResponseCode: null,
        skipped: [...skipped, ...unresolved.map((u) => ({ who: u.spec, reason: u.reason }))],
        messageId: null,
        createdAt: at,
        sentAt: null,
      });
      mails++;
    }
  }
  if (mails) deps.queued();
  return { rules: rules.map((r) => r.id), inbox, mails };
}

/** To and Cc of a rule's e-mail: people who opted out of a non-mandatory rule and bad addresses are left out, with the reason. */
async function mailRecipients(deps: DispatchDeps, tenantId: string, rule: NotificationRule, recipients: Recipient[]) {
  const skipped: { who: string; reason: string }[] = [];
  const people = recipients.filter((r) => r.userId).map((r) => `${tenantId}:${r.userId}`);
  const prefs = rule.mandatory || !people.length ? [] : await deps.preferences.find({ _id: { $in: people } }).lean();
  const optedOut = new Set(prefs.filter((p) => p.emailOptOut.includes(rule.id)).map((p) => p.userId));
  const to: string[] = [];
  const cc: string[] = [];
  for (const r of recipients) {
    const who = r.userId ?? r.name;
    if (r.userId && optedOut.has(r.userId)) skipped.push({ who, reason: 'opted out of this message' });
    else if (!r.email) skipped.push({ who, reason: r.emailProblem ?? 'no e-mail address' });
    else if (!to.includes(r.email) && !cc.includes(r.email)) (r.copy ? cc : to).push(r.email);
  }
  // Copies only (every main recipient left out): the first copy becomes the main recipient.
  if (!to.length && cc.length) to.push(cc.shift()!);
  return { to, cc, skipped };
}

async function insertOnce<T extends { _id: string }>(model: { create: (doc: T) => Promise<unknown> }, doc: T): Promise<void> {
  try {
    await model.create(doc);
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
  }
}
