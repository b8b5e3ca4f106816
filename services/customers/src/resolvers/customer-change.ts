import { newEnvelope, type Principal } from '@vinculo/common';
import type { CustomerDoc } from '../store/customer.model';
import type { ResolverDeps } from './deps';
import { customerUpdatedData } from '../events/snapshots';

/**
 * Write a change of a customer's profile, contacts or addresses together with its
 * customers.CustomerUpdated event (the profile after the change), under the customer's version.
 */
export function saveCustomerChange(
  { customers }: ResolverDeps,
  principal: Principal,
  current: CustomerDoc,
  set: Partial<CustomerDoc>,
  changed: 'PROFILE' | 'CONTACTS' | 'ADDRESSES',
): Promise<CustomerDoc> {
  const event = newEnvelope('customers', principal, {
    type: 'customers.CustomerUpdated',
    subject: current._id,
    data: customerUpdatedData({ ...current, ...set }, changed),
  });
  return customers.change(current, { $set: set }, [event]);
}
