import type { CustomerDirectory, TenantPolicyReadModel } from '@vinculo/common';
import type { LeadModel } from '../store/lead.model';
import type { OpportunityModel } from '../store/opportunity.model';

export interface ResolverDeps {
  leads: LeadModel;
  opportunities: OpportunityModel;
  directory: CustomerDirectory;
  tenantPolicy: TenantPolicyReadModel;
  published: () => void;
}
