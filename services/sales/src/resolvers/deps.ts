import type { CustomerDirectory } from '@vinculo/common';
import type { SalesOrderModel } from '../store/sales-order.model';

export interface ResolverDeps {
  orders: SalesOrderModel;
  directory: CustomerDirectory;
  published: () => void;
}
