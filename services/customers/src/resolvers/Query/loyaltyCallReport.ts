import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decidePlanReader } from '../../domain/monthly-plan';
import { addDays, startOfDay } from '../../domain/calendar';
import { loyaltyReport } from '../../domain/loyalty';

export const loyaltyCallReport =
  ({ tenants, interactions }: ResolverDeps): Required<QueryResolvers>['loyaltyCallReport'] =>
  async (_parent, { executiveId, date }, ctx) => {
    authorize(policy, 'readLoyaltyCalls', ctx.principal);
    decidePlanReader(ctx.principal, executiveId);
    const { timeZone } = await tenants.current(ctx);
    const calls = await interactions.loyaltyCallsBy(ctx.principal.tenantId, executiveId, startOfDay(date, timeZone), startOfDay(addDays(date, 1), timeZone));
    const items = calls.flatMap((interaction) => (interaction.loyalty ? [{ interaction, ...interaction.loyalty }] : []));
    return { executiveId, date, timeZone, ...loyaltyReport(items), items };
  };
