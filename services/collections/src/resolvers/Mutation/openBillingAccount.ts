import { randomBytes } from 'node:crypto';
import { authorize, businessNow, isDuplicateKey, newEnvelope, newId } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { accountNumberFrom, decideOpening } from '../../domain/billing-account';

/** Account numbers are random (40 bits): a collision in the tenant is retried with a fresh number. */
const NUMBER_ATTEMPTS = 3;

export const openBillingAccount =
  ({ accounts, directory, published }: ResolverDeps): MutationResolvers['openBillingAccount'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'openBillingAccount', principal);
    const opening = decideOpening(input);
    await directory.require(principal.tenantId, input.customerId);
    const id = newId('bac');
    const now = businessNow(principal.tenantId);
    for (let attempt = 1; ; attempt++) {
      const accountNumber = accountNumberFrom(randomBytes(5));
      const event = newEnvelope('collections', principal, {
        type: 'collections.BillingAccountOpened',
        subject: id,
        data: { billingAccountId: id, customerId: input.customerId, accountNumber, currency: opening.currency, standing: opening.standing },
      });
      try {
        const created = await accounts.create({
          _id: id,
          tenantId: principal.tenantId,
          customerId: input.customerId,
          accountNumber,
          ...opening,
          openedBy: principal.userId,
          openedAt: now,
          standingSince: now,
          history: [{ from: null, to: opening.standing, by: principal.userId, at: now, note: null }],
          outbox: [event],
        });
        published();
        return { billingAccount: created.toObject() };
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= NUMBER_ATTEMPTS) throw err;
      }
    }
  };
