import { DomainError, isDuplicateKey, type Principal } from '@vinculo/common';
import { applySettingsChange } from '../domain/settings';
import { settingsFor, type SettingsDoc } from '../store/settings.model';
import type { Deps } from './deps';

/**
 * ADMIN: the tenant's technical-support settings, versioned (a stale expectedVersion → CONFLICT). The
 * settings are one document per tenant without an outbox (nothing is published), so the versioned
 * write is the settings' own conditional upsert rather than the command pipeline.
 */
export async function updateSettings(
  deps: Deps,
  who: Principal,
  input: Parameters<typeof applySettingsChange>[1] & { expectedVersion: number },
): Promise<SettingsDoc> {
  const tenantId = who.tenantId;
  const [current, tenant] = await Promise.all([settingsFor(deps.settings, tenantId), deps.tenantPolicy.policyFor(tenantId)]);
  const stale = () => new DomainError('stale_version', `the settings are at version ${current.version}, not ${input.expectedVersion}; reload and retry`);
  if (current.version !== input.expectedVersion) throw stale();
  const next = applySettingsChange(current, input, tenant.currency);
  const set = {
    slaHours: next.slaHours,
    atRiskPercent: next.atRiskPercent,
    includedCableM: next.includedCableM,
    excessCablePerMeterMinor: next.excessCablePerMeterMinor,
    updatedBy: who.userId,
    updatedAt: new Date(),
  };
  try {
    const doc = await deps.settings
      .findOneAndUpdate(
        { _id: tenantId, version: current.version },
        { $set: { ...set, version: current.version + 1 } },
        { upsert: current.version === 0, new: true },
      )
      .lean<SettingsDoc>();
    if (!doc) throw stale();
    return doc;
  } catch (err) {
    if (isDuplicateKey(err)) throw stale();
    throw err;
  }
}
