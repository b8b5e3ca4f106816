import { DateTimeScalar } from '@vinculo/common';
import type { MutationResolvers, QueryResolvers, Resolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { markNotificationsRead, myNotificationPreferences, myNotifications, myUnreadNotificationCount, setNotificationPreferences } from './inbox';
import { namedAddresses, notificationCatalog, notificationRuleRecipients, notificationRules, setNamedAddress, setNotificationRule } from './config';
import { outgoingMail } from './mail';
import { reportSchedules, setReportSchedule } from './schedules';
import { webhookResolvers, type WebhookResolverDeps } from './webhooks';

/** The resolver map (the webhook configuration in resolvers/webhooks.ts). A root field without its resolver fails tsc. */
export function createResolvers(deps: ResolverDeps, hooksDeps: WebhookResolverDeps): Resolvers {
  const hooks = webhookResolvers(hooksDeps);
  const Query: Required<QueryResolvers> = {
    myNotifications: myNotifications(deps),
    myUnreadNotificationCount: myUnreadNotificationCount(deps),
    myNotificationPreferences: myNotificationPreferences(deps),
    notificationRules: notificationRules(deps),
    namedAddresses: namedAddresses(deps),
    outgoingMail: outgoingMail(deps),
    notificationCatalog: notificationCatalog(),
    notificationRuleRecipients: notificationRuleRecipients(deps),
    reportSchedules: reportSchedules(deps),
    ...hooks.Query,
  };
  const Mutation: Required<MutationResolvers> = {
    markNotificationsRead: markNotificationsRead(deps),
    setNotificationRule: setNotificationRule(deps),
    setNamedAddress: setNamedAddress(deps),
    setNotificationPreferences: setNotificationPreferences(deps),
    setReportSchedule: setReportSchedule(deps),
    ...hooks.Mutation,
  };
  return {
    DateTime: DateTimeScalar,
    Query,
    Mutation,
    WebhookEndpoint: hooks.WebhookEndpoint,
    WebhookDelivery: hooks.WebhookDelivery,
    Notification: { id: (n) => n._id },
    OutgoingMail: {
      id: (m) => m._id,
      attachments: (m) => m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: Buffer.from(a.content, 'base64').length })),
    },
    Recipient: {
      kind: (r) => r.kind,
      role: (r) => (r.kind === 'ROLE' ? r.role : null),
      name: (r) => (r.kind === 'NAMED' ? r.name : null),
      copy: (r) => r.copy ?? false,
    },
    NotificationRule: { when: (r) => r.when ?? null, attach: (r) => r.attach ?? null },
    NamedAddress: { role: (a) => a.role ?? null, employeeId: (a) => a.employeeId ?? null, email: (a) => a.email ?? null },
  };
}
