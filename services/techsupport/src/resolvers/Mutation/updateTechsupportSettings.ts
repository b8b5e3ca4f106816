import { authorize, DomainError } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { applySettingsChange } from '../../domain/settings';
import { settingsFor, type SettingsDoc } from '../../store/settings.model';
import { isDuplicateKey } from '@vinculo/common';

/** ADMIN: the tenant's technical-support settings, versioned (a stale expectedVersion → CONFLICT). */
export const updateTechsupportSettings =
  (deps: ResolverDeps): MutationResolvers['updateTechsupportSettings'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'updateSettings', principal);
    const tenantId = principal.tenantId;
    const [current, tenant] = await Promise.all([settingsFor(deps.settings, tenantId), deps.tenantPolicy.policyFor(tenantId)]);
    const stale = () => new DomainError('stale_version', `the settings are at version ${current.version}, not ${input.expectedVersion}; reload and retry`);
    if (current.version !== input.expectedVersion) throw stale();
    const next = applySettingsChange(current, input, tenant.currency);
    const set = { slaHours: next.slaHours, atRiskPercent: next.atRiskPercent, includedCableM: next.includedCableM, excessCablePerMeterMinor: next.excessCablePerMeterMinor, updatedBy: principal.userId, updatedAt: new Date() };
    try {
      const doc = await deps.settings.findOneAndUpdate({ _id: tenantId, version: current.version }, { $set: { ...set, version: current.version + 1 } }, { upsert: current.version === 0, new: true }).lean<SettingsDoc>();
      if (!doc) throw stale();
      return doc;
    } catch (err) {
      if (isDuplicateKey(err)) throw stale();
      throw err;
    }
  };
