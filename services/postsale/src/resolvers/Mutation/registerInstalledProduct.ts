import { authorize, badInput, conflict, isDuplicateKey, localDay, newId, toMinorUnits, businessNow } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import type { InstalledProductDoc } from '../../store/installed-product.model';
import { policy } from '../../policy';
import { decideInstallation } from '../../domain/installed-product';
import { addMonths } from '../../domain/dates';
import { productRegisteredEvent, subscriptionChangedEvent } from '../../application/events';
import { change } from '../../application/product-steps';
import { freshServiceState } from '../../application/product-hold';

/** Register a product installed outside a sales order (legacy lines, migrations); it starts ACTIVE and billing starts. */
export const registerInstalledProduct =
  ({ products, directory, tenantPolicy, published }: ResolverDeps): NonNullable<MutationResolvers['registerInstalledProduct']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'registerInstalledProduct', principal);
    const installation = decideInstallation(input);
    const months = input.minimumPermanenceMonths ?? 0;
    if (!Number.isInteger(months) || months < 0 || months > 120) throw badInput('minimumPermanenceMonths must be 0 to 120', 'minimumPermanenceMonths');
    await directory.require(principal.tenantId, input.customerId);
    const tenant = await tenantPolicy.policyFor(principal.tenantId);
    const monthlyFeeMinor = input.monthlyFee ? toMinorUnits(input.monthlyFee, tenant.currency) : 0;
    if (monthlyFeeMinor < 0) throw badInput('monthlyFee must not be negative', 'monthlyFee');
    const id = newId('inp');
    const now = businessNow(principal.tenantId);
    const installationDate = localDay(now, tenant.timeZone);
    const doc: Omit<InstalledProductDoc, 'version'> = {
      _id: id,
      tenantId: principal.tenantId,
      customerId: input.customerId,
      orderId: null,
      itemId: null,
      ...installation,
      technology: input.technology ?? null,
      nodeId: null,
      speedMbps: null,
      neighbourhood: null,
      monthlyFeeMinor,
      currency: tenant.currency,
      installationDate,
      minimumPermanenceEnd: months ? addMonths(installationDate, months) : null,
      supplementaryServices: [],
      ...freshServiceState(),
      registeredBy: principal.userId,
      installedAt: now,
      history: [{ from: null, to: installation.status, by: principal.userId, at: now, note: null }],
      changes: [change({ kind: 'ACTIVATED', from: null, to: 'ACTIVE', effectiveDate: installationDate, requestId: null, by: principal.userId, at: now })],
      outbox: [],
    };
    doc.outbox = [productRegisteredEvent(principal, doc), subscriptionChangedEvent(principal, doc, 'ACTIVATED', installationDate)];
    try {
      const created = await products.create(doc);
      published();
      return { installedProduct: created.toObject() };
    } catch (err) {
      if (isDuplicateKey(err)) {
        throw conflict(`An installed product with service number ${installation.serviceNumber} already exists`, { field: 'serviceNumber' });
      }
      throw err;
    }
  };
