import { definePolicy, STAFF } from '@vinculo/common';

/**
 * Who may do what in the notifications subgraph. A person reads and marks only their own inbox and
 * preferences (staff; machines have no inbox); the tenant's rules, addresses and delivery log are ADMIN's.
 */
export const policy = definePolicy({
  readOwnNotifications: STAFF,
  configureNotifications: ['ADMIN'],
  readDeliveryLog: ['ADMIN'],
});
export type NotificationsAction = keyof typeof policy;
