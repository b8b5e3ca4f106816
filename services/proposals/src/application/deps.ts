import type { CustomerDirectory, TenantPolicyReadModel } from '@vinculo/common';
import type { LeadModel } from '../store/lead.model';
import type { OpportunityModel } from '../store/opportunity.model';

/** The stores and read models proposals' use cases work on. */
export interface ProposalsDeps {
  leads: LeadModel;
  opportunities: OpportunityModel;
  directory: CustomerDirectory;
  tenantPolicy: TenantPolicyReadModel;
  /** Wakes the outbox relay after a write that carried events. */
  published: () => void;
}
