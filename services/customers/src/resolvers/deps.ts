import type { CustomerRepository } from '../store/customer.repository';
import type { TenantRepository } from '../store/tenant.repository';
import type { EmployeeRepository } from '../store/employee.repository';
import type { MonthlyPlanRepository } from '../store/monthly-plan.repository';
import type { VisitRepository } from '../store/visit.repository';
import type { VisitAgenda } from '../application/visit-agenda';
import type { EligibilityRepository } from '../store/eligibility.repository';
import type { InteractionRepository } from '../store/interaction.repository';
import type { TimelineRepository } from '../store/timeline.repository';
import type { CustomersReconciliationStore } from '../store/reconciliation';
import type { ApiKeyRepository } from '../store/api-key.repository';
import type { BusinessClockStore } from '../store/business-clock.model';
import type { AttachmentModel } from '../attachments/attachment.model';
import type { FileStore } from '@vinculo/common';

/** What the resolvers of this subgraph need. */
export interface ResolverDeps {
  customers: CustomerRepository;
  tenants: TenantRepository;
  employees: EmployeeRepository;
  plans: MonthlyPlanRepository;
  visits: VisitRepository;
  agenda: VisitAgenda;
  eligibility: EligibilityRepository;
  interactions: InteractionRepository;
  timeline: TimelineRepository;
  reconciliation: CustomersReconciliationStore;
  apiKeys: ApiKeyRepository;
  businessClock: BusinessClockStore;
  attachments: AttachmentModel;
  /** The attachments' bytes (GridFS): the tenant's logo is read from here into its snapshot. */
  files: FileStore;
}
