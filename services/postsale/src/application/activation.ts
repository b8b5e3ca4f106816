import { idFromEvent, insertOnce, localDay, type EventData, type EventEnvelope } from '@vinculo/common';
import type { PostSaleDeps } from './deps';
import type { InstalledProductDoc } from '../store/installed-product.model';
import { familyOf, serviceNumberFor, SINGLE_ITEM_ID } from '../domain/installed-product';
import { addMonths } from '../domain/dates';
import { productRegisteredEvent, subscriptionChangedEvent, systemActor } from './events';
import { change } from './product-steps';
import { freshServiceState } from './product-hold';

/** sales.SalesOrderActivated (schemas/events). */
export type SalesOrderActivatedData = EventData<'sales.SalesOrderActivated'>;

/** The id of the subscription of one order item: the same order and item always give the same product. */
export const subscriptionIdFor = (tenantId: string, orderId: string, itemId: string): string => idFromEvent('inp', `${tenantId}:${orderId}:${itemId}`);

/**
 * sales.SalesOrderActivated: one installed product (subscription) per item, or one of planCode when
 * the order lists none; each publishes InstalledProductRegistered and SubscriptionChanged ACTIVATED.
 * Ids derive from order + item, so a redelivered event creates nothing new.
 */
export async function onSalesOrderActivated(deps: PostSaleDeps, e: EventEnvelope<SalesOrderActivatedData>): Promise<void> {
  const d = e.data;
  const tenant = await deps.tenantPolicy.policyFor(e.tenantId);
  const at = new Date(d.activatedAt);
  const installationDate = localDay(at, tenant.timeZone);
  const items = d.items ?? [{ itemId: SINGLE_ITEM_ID, planCode: d.planCode, family: 'OTHER', monthlyFeeMinor: 0 }];
  const who = systemActor(e.tenantId);
  for (const item of items) {
    const id = subscriptionIdFor(e.tenantId, d.orderId, item.itemId);
    if (await deps.products.exists({ _id: id, tenantId: e.tenantId })) continue;
    const serviceNumber = item.serviceNumber?.replace(/[\s().-]/g, '').toUpperCase() || serviceNumberFor(id);
    // A number already used in the tenant (re-sold line) must not block the subscription: derive one.
    const taken = await deps.products.exists({ tenantId: e.tenantId, serviceNumber });
    const product: Omit<InstalledProductDoc, 'version'> = {
      _id: id,
      tenantId: e.tenantId,
      customerId: d.customerId,
      orderId: d.orderId,
      itemId: item.itemId,
      planCode: item.planCode.trim().toUpperCase(),
      family: familyOf(item.family),
      technology: item.technology ?? d.technology ?? null,
      nodeId: d.nodeId ?? null,
      speedMbps: item.speedMbps ?? null,
      serviceNumber: taken ? serviceNumberFor(id) : serviceNumber,
      installationAddress: d.installationAddress ?? 'Not given by the sales order',
      neighbourhood: null,
      monthlyFeeMinor: item.monthlyFeeMinor,
      currency: d.currency ?? tenant.currency,
      installationDate,
      minimumPermanenceEnd: item.minimumPermanenceMonths ? addMonths(installationDate, item.minimumPermanenceMonths) : null,
      supplementaryServices: [...new Set(item.supplementaryServices ?? [])].sort(),
      ...freshServiceState(),
      registeredBy: 'system',
      installedAt: at,
      history: [{ from: null, to: 'ACTIVE', by: 'system', at, note: `sales order ${d.orderId}` }],
      changes: [
        change({
          kind: 'ACTIVATED',
          from: null,
          to: 'ACTIVE',
          effectiveDate: installationDate,
          requestId: null,
          by: 'system',
          at,
          note: `sales order ${d.orderId}`,
        }),
      ],
      outbox: [],
    };
    const withEvents = () => ({
      ...product,
      outbox: [productRegisteredEvent(who, product), subscriptionChangedEvent(who, product, 'ACTIVATED', installationDate)],
    });
    let inserted = await insertOnce(deps.products, withEvents());
    if (!inserted && !(await deps.products.exists({ _id: id, tenantId: e.tenantId }))) {
      // The duplicate was the service number (the same line numbered meanwhile by another product), not
      // this subscription: it is entered under its derived number rather than lost.
      product.serviceNumber = serviceNumberFor(id);
      inserted = await insertOnce(deps.products, withEvents());
    }
    if (inserted) deps.published();
  }
}
