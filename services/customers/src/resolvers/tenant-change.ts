import { badInput, newEnvelope, type FileStore, type Principal, type TenantPolicy } from '@vinculo/common';
import type { TenantLogo } from '../events/snapshots';
import type { TenantView } from '../store/tenant.repository';
import type { TenantProfile } from '../domain/tenant';
import type { ResolverDeps } from './deps';
import { checkVersion } from '../domain/tenant';
import { tenantPolicyData } from '../events/snapshots';

/**
 * Write the tenant's next state if the caller saw its current version, publishing
 * customers.TenantPolicyChanged with the full snapshot for the other subgraphs' read models.
 */
export async function saveTenantChange(
  { tenants, files }: ResolverDeps,
  principal: Principal,
  current: TenantView,
  expectedVersion: number,
  change: TenantProfile & { policy: TenantPolicy },
): Promise<TenantView> {
  checkVersion(current.version, expectedVersion);
  // The letterhead is kept unless the change names it (a policy change does not).
  const next = { taxId: current.taxId ?? null, address: current.address ?? null, logoAttachmentId: current.logoAttachmentId ?? null, ...change };
  // The logo travels in the snapshot (small: LOGO files are capped), so every subgraph can print it.
  const logo = next.logoAttachmentId ? await logoOf(files, current.tenantId, next.logoAttachmentId) : null;
  const event = newEnvelope('customers', principal, {
    type: 'customers.TenantPolicyChanged',
    subject: current.tenantId,
    data: tenantPolicyData({ ...next, logo }, current.version + 1),
  });
  return tenants.save(current, next, principal.userId, [event]);
}

/** The tenant's logo file as the snapshot carries it; NOT_FOUND / BAD_USER_INPUT when it is not a LOGO of the tenant. */
export async function logoOf(files: FileStore, tenantId: string, attachmentId: string): Promise<TenantLogo> {
  const file = await files.get(tenantId, attachmentId);
  if (file.kind !== 'LOGO') throw badInput(`attachment ${attachmentId} is a ${file.kind} file, not a LOGO`, 'logoAttachmentId');
  return { attachmentId, contentType: file.contentType, base64: (await files.read(tenantId, attachmentId)).toString('base64') };
}
