import { type EventData, type EventEnvelope, findOneById, localDay, newEnvelope, permanent } from '@vinculo/common';
import type { PostSaleDeps } from './deps';
import { systemActor } from './events';
import { applyProductStep, change } from './product-steps';

/** techsupport.WorkOrderClosed as a migration reads it. */
export type MigrationClosedData = EventData<'techsupport.WorkOrderClosed'>;

/** The product step a migration work order applies (one per order: a redelivered event has one effect). */
export const migrationStepKey = (workOrderId: string) => `migration:${workOrderId}`;

/**
 * techsupport.WorkOrderClosed of a fiber MIGRATION (§3 K.12–15): closed resolved, the installed product
 * moves to the technology and serving node the migration names, from the day the order closed. Its plan
 * and fee stay (the migration improves the service on the same commercial plan; a plan change is a §3 B
 * request priced from the catalog), so billing does not change: postsale.InstalledProductChanged MIGRATED,
 * not a SubscriptionChanged. Closed without a solution, or unfounded, nothing changed in the field.
 */
export async function onMigrationClosed(deps: PostSaleDeps, e: EventEnvelope<MigrationClosedData>): Promise<void> {
  const d = e.data;
  if (d.type !== 'MIGRATION' || d.outcome !== 'CLOSED_RESOLVED' || !d.installedProductId || !d.migration) return;
  const product = await findOneById(deps.products, e.tenantId, d.installedProductId);
  // Techsupport only knows products post-sale announced: one post-sale never had is a wrong reference no retry mends.
  if (!product)
    throw permanent(new Error(`migration work order ${d.workOrderId} names installed product ${d.installedProductId}, which post-sale does not have`));
  // Withdrawn meanwhile: there is no service left to move.
  if (product.status === 'WITHDRAWN' || product.applied.includes(migrationStepKey(d.workOrderId))) return;
  const tenant = await deps.tenantPolicy.policyFor(e.tenantId);
  const at = new Date(d.closedAt);
  const effectiveDate = localDay(at, tenant.timeZone);
  const { technology } = d.migration;
  const nodeId = d.migration.nodeId ?? product.nodeId;
  const note = `fiber migration, work order ${d.workOrderId}`;
  const event = newEnvelope('postsale', systemActor(e.tenantId), {
    type: 'postsale.InstalledProductChanged',
    subject: product._id,
    data: {
      installedProductId: product._id,
      customerId: product.customerId,
      change: 'MIGRATED',
      from: product.technology,
      to: technology,
      effectiveDate,
      requestId: null,
      supplementaryServices: product.supplementaryServices,
    },
  });
  await applyProductStep(
    deps.products,
    product,
    migrationStepKey(d.workOrderId),
    {
      $set: { technology, nodeId },
      $push: { changes: change({ kind: 'MIGRATED', from: product.technology, to: technology, effectiveDate, requestId: null, by: 'system', at, note }) },
    },
    [event],
  );
  deps.published();
}
