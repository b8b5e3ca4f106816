import type { AttachmentReadModel, CoverageReadModel, CustomerDirectory, StaffAccessReadModel, TenantPolicyReadModel } from '@vinculo/common';
import type { SalesOrderRepository } from '../store/sales-order.repository';
import type { SaleProjectRepository } from '../store/sale-project.repository';
import type { DigitalSaleRepository } from '../store/digital-sale.repository';
import type { CatalogRepository } from '../store/catalog.repository';
import type { SalesTargetRepository } from '../store/target.repository';
import type { NewNeedRepository } from '../store/new-need.repository';
import type { CustomerReads } from '../store/customers';
import type { BillingReadModel, EligibilityReadModel, IdentityReadModel } from '../events/read-models';

/** The stores and read models sales' use cases work on (wired in subgraph.ts). */
export interface SalesDeps {
  orders: SalesOrderRepository;
  projects: SaleProjectRepository;
  digital: DigitalSaleRepository;
  catalog: CatalogRepository;
  targets: SalesTargetRepository;
  needs: NewNeedRepository;
  directory: CustomerDirectory;
  customers: CustomerReads;
  tenantPolicy: TenantPolicyReadModel;
  coverage: CoverageReadModel;
  eligibility: EligibilityReadModel;
  identities: IdentityReadModel;
  billing: BillingReadModel;
  staff: StaffAccessReadModel;
  /** Customers' files known here (customers.AttachmentStored): requirement documents presented as files. */
  attachments: AttachmentReadModel;
  /** Wakes the outbox relay after a write that carried events. */
  published: () => void;
}
