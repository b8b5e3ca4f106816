import type { EventHandler, Handlers, Logger } from '@vinculo/common';
import type { CustomerRepository } from '../store/customer.repository';
import type { EligibilityRepository } from '../store/eligibility.repository';
import { equipmentReturnChanged } from '../application/eligibility';

export { equipmentImpedimentId } from '../application/eligibility';

/** postsale.EquipmentReturnChanged → the impediments registry (application/eligibility.ts). */
export function equipmentReturnReactions(customers: CustomerRepository, eligibility: EligibilityRepository, logger: Logger): Handlers {
  const changed: EventHandler<'postsale.EquipmentReturnChanged'> = async (e) => {
    if (!(await equipmentReturnChanged({ customers, eligibility }, e.tenantId, e.data, new Date(e.time)))) {
      logger.warn({ eventId: e.id, customerId: e.data.customerId, tenantId: e.tenantId }, 'equipment return of a customer this tenant does not have; ignored');
    }
  };
  return { 'postsale.EquipmentReturnChanged': changed };
}
