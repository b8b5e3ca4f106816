import { authorize, newEnvelope, newId } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideRegistration } from '../../domain/customer';

export const registerCustomer =
  ({ customers }: ResolverDeps): MutationResolvers['registerCustomer'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'registerCustomer', principal);
    const registration = decideRegistration(input);
    const id = newId('cus');
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
    const { documentKey, ...rest } = registration;
    const customer = await customers.insert(
      {
        _id: id,
        tenantId: principal.tenantId,
        ...rest,
        documentKey,
        nameKey: registration.name.toLowerCase(),
        executiveId: null,
        portfolioHistory: [],
        createdBy: principal.userId,
      },
      [event],
    );
    return { customer };
  };
