import { DateTimeScalar } from '@vinculo/common';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { markNotificationsRead, myNotificationPreferences, myNotifications, myUnreadNotificationCount, setNotificationPreferences } from './inbox';
import { namedAddresses, notificationCatalog, notificationRuleRecipients, notificationRules, setNamedAddress, setNotificationRule } from './config';
import { outgoingMail } from './mail';
import { reportSchedules, setReportSchedule } from './schedules';

export function createResolvers(deps: ResolverDeps): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: {
      myNotifications: myNotifications(deps),
      myUnreadNotificationCount: myUnreadNotificationCount(deps),
      myNotificationPreferences: myNotificationPreferences(deps),
      notificationRules: notificationRules(deps),
      namedAddresses: namedAddresses(deps),
      outgoingMail: outgoingMail(deps),
      notificationCatalog: notificationCatalog(),
      notificationRuleRecipients: notificationRuleRecipients(deps),
      reportSchedules: reportSchedules(deps),
    },
    Mutation: {
      markNotificationsRead: markNotificationsRead(deps),
      setNotificationRule: setNotificationRule(deps),
      setNamedAddress: setNamedAddress(deps),
      setNotificationPreferences: setNotificationPreferences(deps),
      setReportSchedule: setReportSchedule(deps),
    },
    Notification: { id: (n) => n._id },
    OutgoingMail: { id: (m) => m._id, attachments: (m) => m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: Buffer.from(a.content, 'base64').length })) },
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
