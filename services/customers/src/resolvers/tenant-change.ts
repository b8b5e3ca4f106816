import { newEnvelope, type Principal, type TenantPolicy } from '@vinculo/common';
import type { TenantView } from '../store/tenant.repository';
import type { TenantProfile } from '../domain/tenant';
import type { ResolverDeps } from './deps';
import { checkVersion } from '../domain/tenant';
import { tenantPolicyData } from '../events/snapshots';

/**
 * Write the tenant's next state if the caller saw its current version, publishing
 * customers.TenantPolicyChanged with the full snapshot for the other subgraphs' read models.
 */
export function saveTenantChange(
  { tenants }: ResolverDeps,
  principal: Principal,
  current: TenantView,
  expectedVersion: number,
  next: TenantProfile & { policy: TenantPolicy },
): Promise<TenantView> {
  checkVersion(current.version, expectedVersion);
  const event = newEnvelope('customers', principal, {
    type: 'customers.TenantPolicyChanged',
    subject: current.tenantId,
    data: tenantPolicyData(next, current.version + 1),
  });
  return tenants.save(current, next, principal.userId, [event]);
}
