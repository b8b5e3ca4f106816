import { definePolicy, STAFF } from '@vinculo/common';

/**
 * Who may do what in the notifications subgraph. A person reads and marks only their own inbox and
 * preferences (staff; machines have no inbox); the tenant's rules, addresses and delivery log are ADMIN's, and so are its partner webhooks.
 */
export const policy = definePolicy({
  readOwnNotifications: STAFF,
  configureNotifications: ['ADMIN'],
  readDeliveryLog: ['ADMIN'],
  configureWebhooks: ['ADMIN'],
});
export type NotificationsAction = keyof typeof policy;
