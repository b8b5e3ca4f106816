import { openFaults } from '@vinculo/common';
import type { Connection } from 'mongoose';
import type { CustomerModel } from './customer.model';
import type { CustomerStatus } from '../domain/customer';

/** What customers reads for the reconciliation report: its own customers and faults. */
export function customersReconciliationStore(conn: Connection, customers: CustomerModel) {
  return {
    /** The status of each of these customers of the tenant (looked up by _id first, then checked for the tenant). */
    async statusOf(tenantId: string, ids: readonly string[]): Promise<Map<string, CustomerStatus>> {
      if (!ids.length) return new Map();
      const rows = await customers
        .find({ _id: { $in: [...new Set(ids)] } }, { _id: 1, tenantId: 1, status: 1 })
        .lean<{ _id: string; tenantId: string; status: CustomerStatus }[]>();
      return new Map(rows.filter((r) => r.tenantId === tenantId).map((r) => [r._id, r.status]));
    },
    faults: (tenantId: string) => openFaults(conn, tenantId),
  };
}

export type CustomersReconciliationStore = ReturnType<typeof customersReconciliationStore>;
