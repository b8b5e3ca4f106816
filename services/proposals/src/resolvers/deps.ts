import type { EventFault } from '@vinculo/common';
import type { ProposalsDeps } from '../application/deps';
import type { ProposalsReads } from '../store/reads';
import type { ProposalsDocumentDeps } from './documents';

export type ResolverDeps = ProposalsDeps & {
  /** The batched reads of resolvers (store/reads.ts). */
  reads: ProposalsReads;
  /** The tenant's open event faults (reconciliation report). */
  faults: (tenantId: string) => Promise<EventFault[]>;
  /** Generated documents: business cases and proposal versions. */
  docs: ProposalsDocumentDeps;
};
