import { changesField } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import { policy } from '../../policy';
import type { ResolverDeps } from '../deps';

/** The reporting extraction lists of this subgraph (issue #15): entities by (updatedAt, id), resumable (kit: reporting/changes). */
export const changesQueries = (
  deps: ResolverDeps,
): Required<Pick<QueryResolvers, 'salesOrderChanges' | 'saleProjectChanges' | 'digitalSaleRequestChanges'>> => ({
  salesOrderChanges: changesField(policy, deps.orders.model),
  saleProjectChanges: changesField(policy, deps.projects.model),
  digitalSaleRequestChanges: changesField(policy, deps.digital.model),
});
