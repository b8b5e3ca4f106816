import type { CustomerDirectory } from '@vinculo/common';
import type { WorkOrderModel } from '../store/work-order.model';

export interface ResolverDeps {
  workOrders: WorkOrderModel;
  directory: CustomerDirectory;
  published: () => void;
}
