import { authorize, money } from '@vinculo/common';
import type { InvoiceDeliveryResolvers, InvoiceLineResolvers, InvoiceResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import type { InvoiceDoc } from '../store/invoice.model';
import { policy } from '../policy';
import { invoiceKindOf } from '../domain/receivable-invoice';
import type { RequestContext } from '@vinculo/common';

/** What is paid on an invoice lives in its account's ledger. */
async function paidOf(deps: ResolverDeps, ctx: RequestContext, i: InvoiceDoc): Promise<number> {
  const account = await deps.reads.account(ctx, i.billingAccountId);
  return account?.invoices.find((l) => l.invoiceId === i._id)?.paidMinor ?? 0;
}

export const Invoice = (deps: ResolverDeps): InvoiceResolvers => ({
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return deps.reads.invoice(ctx, ref.id);
  },
  id: (i) => i._id,
  kind: (i) => invoiceKindOf(i),
  billingAccount: async (i, _a, ctx) => {
    const a = await deps.reads.account(ctx, i.billingAccountId);
    if (!a) throw new Error(`account ${i.billingAccountId} of invoice ${i._id} missing`);
    return a;
  },
  customer: (i) => ({ id: i.customerId }),
  total: (i) => money(i.totalMinor, i.currency),
  paid: async (i, _a, ctx) => money(await paidOf(deps, ctx, i), i.currency),
  outstanding: async (i, _a, ctx) => money(i.totalMinor - (await paidOf(deps, ctx, i)), i.currency),
  status: async (i, _a, ctx) => ((await paidOf(deps, ctx, i)) >= i.totalMinor ? 'PAID' : 'OPEN'),
  lines: (i) => i.lines.map((l) => ({ ...l, currency: i.currency })),
  externalId: (i) => i.externalId ?? null,
  // A handful per invoice: batched per request, oldest first.
  deliveries: (i, _a, ctx) => deps.reads.deliveriesOfInvoice(ctx, i._id),
});

export const InvoiceDelivery = (): InvoiceDeliveryResolvers => ({
  id: (d) => d._id,
  note: (d) => d.note ?? null,
});

export const InvoiceLine = (): InvoiceLineResolvers => ({
  amount: (l) => money(l.amountMinor, l.currency),
});
