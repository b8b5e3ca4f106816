import type { TechsupportSettingsResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { money } from '@vinculo/common';
import { WORK_ORDER_TYPES } from '../domain/work-order';
import { currencyOnce } from './read';

export const TechsupportSettings = (deps: ResolverDeps): TechsupportSettingsResolvers => ({
  slaHours: (s) => WORK_ORDER_TYPES.map((type) => ({ type, hours: s.slaHours?.[type] ?? null })),
  defaultDeadlineDays: async (_s, _a, ctx) => (await deps.tenantPolicy.policyFor(ctx.principal.tenantId)).policy.workOrderDeadlineDays,
  excessCablePerMeter: async (s, _a, ctx) => money(s.excessCablePerMeterMinor, (await currencyOnce(deps, ctx))!),
});
