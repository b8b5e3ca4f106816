import { authorize, childConnection, money } from '@vinculo/common';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import type { BillingAccountDoc } from '../store/billing-account.model';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';
import { balanceOf } from '../domain/ledger';
import { ledgerOf } from '../application/account-ledger';

export const Customer = (deps: ResolverDeps): CustomerResolvers => ({
  billingAccounts: (customer, args, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return childConnection<BillingAccountDoc>(
      ctx,
      { name: 'Customer.billingAccounts', model: deps.accounts, parentField: 'customerId', sortField: 'openedAt' },
      customer.id,
      args,
    );
  },
  collectionsStanding: async (customer, _args, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return (await deps.reads.accountsOfCustomer(ctx, customer.id)).some((a) => a.standing === 'OVERDUE') ? 'OVERDUE' : 'UP_TO_DATE';
  },
  billingBalance: async (customer, _args, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    const sums = new Map<string, number>();
    for (const a of await deps.reads.accountsOfCustomer(ctx, customer.id)) sums.set(a.currency, (sums.get(a.currency) ?? 0) + balanceOf(ledgerOf(a)));
    return [...sums].map(([currency, v]) => money(v, currency));
  },
});
