import type { AttachmentReadModel, CoverageReadModel, CustomerDirectory, StaffAccessReadModel, TenantPolicyReadModel } from '@vinculo/common';
import type { SalesOrderModel } from '../store/sales-order.model';
import type { PlanModel, PromotionModel } from '../store/catalog.model';
import type { SaleProjectModel } from '../store/sale-project.model';
import type { DigitalSaleModel } from '../store/digital-sale.model';
import type { SalesTargetModel } from '../store/target.model';
import type { NewNeedModel } from '../store/new-need.model';
import type { SalesReconciliationStore } from '../store/reconciliation';
import type { BillingReadModel, EligibilityReadModel, IdentityReadModel } from '../events/read-models';
import type { SalesDocumentDeps } from './documents';

export interface ResolverDeps {
  orders: SalesOrderModel;
  projects: SaleProjectModel;
  digital: DigitalSaleModel;
  plans: PlanModel;
  promotions: PromotionModel;
  targets: SalesTargetModel;
  needs: NewNeedModel;
  directory: CustomerDirectory;
  tenantPolicy: TenantPolicyReadModel;
  coverage: CoverageReadModel;
  eligibility: EligibilityReadModel;
  identities: IdentityReadModel;
  billing: BillingReadModel;
  staff: StaffAccessReadModel;
  reconciliation: SalesReconciliationStore;
  published: () => void;
  /** Customers' files known here (customers.AttachmentStored): requirement documents presented as files. */
  attachments: AttachmentReadModel;
  /** Generated documents: offer letters and order forms. */
  docs: SalesDocumentDeps;
}
