import { badInput, newEnvelope, type FileStore, type Principal, type TenantPolicy } from '@vinculo/common';
import type { TenantLogo } from '../events/snapshots';
import type { TenantRepository, TenantView } from '../store/tenant.repository';
import { checkVersion, decideSettingsChange, type TenantProfile, type TenantSettingsPatch } from '../domain/tenant';
import { decidePolicyChange, type PolicyPatch } from '../domain/tenant-policy';
import { tenantPolicyData } from '../events/snapshots';

type TenantStores = { tenants: TenantRepository; files: FileStore };

/**
 * Write the tenant's next state if the caller saw its current version, publishing
 * customers.TenantPolicyChanged with the full snapshot for the other subgraphs' read models. (The
 * tenant document is keyed by the tenant itself and created on its first change: the repository's
 * `save` is its versioned write.)
 */
async function saveTenantChange(
  s: TenantStores,
  principal: Principal,
  current: TenantView,
  expectedVersion: number,
  change: TenantProfile & { policy: TenantPolicy },
): Promise<TenantView> {
  checkVersion(current.version, expectedVersion);
  // The letterhead is kept unless the change names it (a policy change does not).
  const next = { taxId: current.taxId ?? null, address: current.address ?? null, logoAttachmentId: current.logoAttachmentId ?? null, ...change };
  // The logo travels in the snapshot (small: LOGO files are capped), so every subgraph can print it.
  const logo = next.logoAttachmentId ? await logoOf(s.files, current.tenantId, next.logoAttachmentId) : null;
  const event = newEnvelope('customers', principal, {
    type: 'customers.TenantPolicyChanged',
    subject: current.tenantId,
    data: tenantPolicyData({ ...next, logo }, current.version + 1),
  });
  return s.tenants.save(current, next, principal.userId, [event]);
}

/** The tenant's logo file as the snapshot carries it; NOT_FOUND / BAD_USER_INPUT when it is not a LOGO of the tenant. */
export async function logoOf(files: FileStore, tenantId: string, attachmentId: string): Promise<TenantLogo> {
  const file = await files.get(tenantId, attachmentId);
  if (file.kind !== 'LOGO') throw badInput(`attachment ${attachmentId} is a ${file.kind} file, not a LOGO`, 'logoAttachmentId');
  // Uploads of kind LOGO are PNG or JPEG only (checked on upload); the snapshot's contract says so too.
  const { contentType } = file;
  if (contentType !== 'image/png' && contentType !== 'image/jpeg') throw badInput(`attachment ${attachmentId} is not a PNG or JPEG image`, 'logoAttachmentId');
  return { attachmentId, contentType, base64: (await files.read(tenantId, attachmentId)).toString('base64') };
}

/** ADMIN: the tenant's name, currency, country, time zone and letterhead (partial; optimistic expectedVersion). */
export async function configureTenant(s: TenantStores, principal: Principal, input: TenantSettingsPatch & { expectedVersion: number }): Promise<TenantView> {
  const current = await s.tenants.get(principal.tenantId);
  const { expectedVersion, ...patch } = input;
  const { profile, policy } = decideSettingsChange(current, current.policy, patch);
  return saveTenantChange(s, principal, current, expectedVersion, { ...profile, policy });
}

/** ADMIN: the tenant policy's numbers (partial; validated ranges; optimistic expectedVersion). */
export async function updateTenantPolicy(s: TenantStores, principal: Principal, input: PolicyPatch & { expectedVersion: number }): Promise<TenantView> {
  const current = await s.tenants.get(principal.tenantId);
  const { expectedVersion, ...patch } = input;
  const next = decidePolicyChange(current.policy, patch, current.currency);
  const { name, currency, country, timeZone } = current;
  return saveTenantChange(s, principal, current, expectedVersion, { name, currency, country, timeZone, policy: next });
}
