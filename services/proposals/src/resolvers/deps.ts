import type { CustomerDirectory, EventFault, TenantPolicyReadModel } from '@vinculo/common';
import type { LeadModel } from '../store/lead.model';
import type { OpportunityModel } from '../store/opportunity.model';
import type { ProposalsDocumentDeps } from './documents';

export interface ResolverDeps {
  leads: LeadModel;
  opportunities: OpportunityModel;
  directory: CustomerDirectory;
  tenantPolicy: TenantPolicyReadModel;
  /** The tenant's open event faults (reconciliation report). */
  faults: (tenantId: string) => Promise<EventFault[]>;
  published: () => void;
  /** Generated documents: business cases and proposal versions. */
  docs: ProposalsDocumentDeps;
}
