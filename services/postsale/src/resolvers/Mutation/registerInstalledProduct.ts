import { authorize, conflict, isDuplicateKey, newEnvelope, newId } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideInstallation } from '../../domain/installed-product';

export const registerInstalledProduct =
  ({ products, directory, published }: ResolverDeps): MutationResolvers['registerInstalledProduct'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'registerInstalledProduct', principal);
    const installation = decideInstallation(input);
    await directory.require(principal.tenantId, input.customerId);
    const id = newId('inp');
    const now = new Date();
    const event = newEnvelope('postsale', principal, {
      type: 'postsale.InstalledProductRegistered',
      subject: id,
      data: {
        installedProductId: id,
        customerId: input.customerId,
        planCode: installation.planCode,
        family: installation.family,
        serviceNumber: installation.serviceNumber,
        installationAddress: installation.installationAddress,
      },
    });
    try {
      const created = await products.create({
        _id: id,
        tenantId: principal.tenantId,
        customerId: input.customerId,
        ...installation,
        registeredBy: principal.userId,
        installedAt: now,
        history: [{ from: null, to: installation.status, by: principal.userId, at: now, note: null }],
        outbox: [event],
      });
      published();
      return { installedProduct: created.toObject() };
    } catch (err) {
      if (isDuplicateKey(err)) {
        throw conflict(`An installed product with service number ${installation.serviceNumber} already exists`, {
          field: 'serviceNumber',
        });
      }
      throw err;
    }
  };
