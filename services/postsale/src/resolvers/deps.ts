import type { CustomerDirectory } from '@vinculo/common';
import type { InstalledProductModel } from '../store/installed-product.model';

export interface ResolverDeps {
  products: InstalledProductModel;
  directory: CustomerDirectory;
  published: () => void;
}
