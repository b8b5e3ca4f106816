import type { CustomerDirectory } from '@vinculo/common';
import type { BillingAccountModel } from '../store/billing-account.model';

export interface ResolverDeps {
  accounts: BillingAccountModel;
  directory: CustomerDirectory;
  published: () => void;
}
