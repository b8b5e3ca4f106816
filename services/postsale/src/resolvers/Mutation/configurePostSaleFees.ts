import { authorize, badInput, toMinorUnits } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { settingsView } from '../Query/postSaleSettings';

/** ADMIN sets procedure fees of the tenant (an upsert of the given types; the others keep theirs). */
export const configurePostSaleFees =
  (deps: ResolverDeps): MutationResolvers['configurePostSaleFees'] =>
  async (_p, { input }, { principal }) => {
    authorize(policy, 'configurePostSaleFees', principal);
    if (input.fees.length === 0) throw badInput('give at least one fee', 'fees');
    const { currency } = await deps.tenantPolicy.policyFor(principal.tenantId);
    const set: Record<string, number> = {};
    for (const f of input.fees) {
      const minor = toMinorUnits(f.fee, currency);
      if (minor < 0) throw badInput('a fee must not be negative', 'fee');
      set[`feesMinor.${f.type}`] = minor;
    }
    await deps.settings.updateOne({ _id: principal.tenantId }, { $set: { ...set, updatedBy: principal.userId, updatedAt: new Date() } }, { upsert: true });
    return settingsView(deps, principal.tenantId);
  };
