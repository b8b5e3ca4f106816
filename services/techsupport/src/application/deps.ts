import type { CustomerDirectory, FileStore, TenantPolicySnapshot, Principal } from '@vinculo/common';
import type { WorkOrderModel } from '../store/work-order.model';
import type { NetworkNodeModel } from '../store/node.model';
import type { DamageTicketModel } from '../store/ticket.model';
import type { PreventiveReviewModel } from '../store/review.model';
import type { CalendarSlotModel, SupportVisitModel } from '../store/visit.model';
import type { SettingsModel } from '../store/settings.model';
import type { InstalledProducts } from '../store/products.model';

/** Everything the application services and resolvers use. */
export interface Deps {
  workOrders: WorkOrderModel;
  nodes: NetworkNodeModel;
  tickets: DamageTicketModel;
  reviews: PreventiveReviewModel;
  visits: SupportVisitModel;
  slots: CalendarSlotModel;
  settings: SettingsModel;
  products: InstalledProducts;
  directory: CustomerDirectory;
  tenantPolicy: { policyFor(tenantId: string): Promise<TenantPolicySnapshot> };
  published: () => void;
  /** The tenant's uploaded QGIS exports (POST /attachments, kind NETWORK_IMPORT), read by importNetworkNodes. */
  networkFiles: FileStore;
}

/** Who acts: a caller, or the system reacting to an event. */
export type Actor = Pick<Principal, 'tenantId' | 'userId' | 'roles'> | { tenantId: string; actor: { userId: 'system'; role: 'SYSTEM' } };
export const byOf = (who: Actor): string => ('actor' in who ? who.actor.userId : who.userId);
