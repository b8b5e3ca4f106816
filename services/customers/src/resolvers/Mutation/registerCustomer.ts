import { authorize, newEnvelope, newId, businessNow } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideRegistration } from '../../domain/customer';

export const registerCustomer =
  ({ customers, tenants }: ResolverDeps): MutationResolvers['registerCustomer'] =>
  async (_parent, { input }, ctx) => {
    const { principal } = ctx;
    authorize(policy, 'registerCustomer', principal);
    const { country } = await tenants.current(ctx);
    const registration = decideRegistration(input, country);
    const id = newId('cus');
    const now = businessNow(principal.tenantId);
    const event = newEnvelope('customers', principal, {
      type: 'customers.CustomerRegistered',
      subject: id,
      data: {
        customerId: id,
        kind: registration.kind,
        name: registration.name,
        taxId: registration.taxId,
        identityCard: registration.identityCard,
        status: registration.status,
      },
    });
    const customer = await customers.insert(
      {
        _id: id,
        tenantId: principal.tenantId,
        ...registration,
        nameKey: registration.name.toLowerCase(),
        tradeNameKey: registration.tradeName?.toLowerCase() ?? null,
        history: [{ from: null, to: registration.status, by: principal.userId, at: now, note: null }],
        contacts: [],
        phoneKeys: [],
        addresses: [],
        executiveId: null,
        portfolioHistory: [],
        createdBy: principal.userId,
      },
      [event],
    );
    return { customer };
  };
