import type { AttachmentReadModel, CoverageReadModel, CustomerDirectory, TenantPolicyReadModel } from '@vinculo/common';
import type { InstalledProductModel } from '../store/installed-product.model';
import type { PostSaleRequestModel } from '../store/request.model';
import type { PostSaleSettingsModel } from '../store/settings.model';
import type { CustomerStandingReadModel } from '../store/standing.model';
import type { CatalogReadModel } from '../store/catalog.model';

/** The stores and read models post-sale's use cases work on. */
export interface PostSaleDeps {
  products: InstalledProductModel;
  requests: PostSaleRequestModel;
  settings: PostSaleSettingsModel;
  directory: CustomerDirectory;
  tenantPolicy: TenantPolicyReadModel;
  coverage: CoverageReadModel;
  standing: CustomerStandingReadModel;
  catalog: CatalogReadModel;
  published: () => void;
  /** Customers' files known here (customers.AttachmentStored): a requirement brought later needs its file. */
  attachments: AttachmentReadModel;
}
