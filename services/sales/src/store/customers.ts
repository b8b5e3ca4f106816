import { findOneById, type CustomerDirectory } from '@vinculo/common';

/** What sales reads of its customer directory (customers.CustomerRegistered / …Changed) beyond `require`. */
export function customerReads(directory: CustomerDirectory) {
  return {
    /** The executive who holds the customer in portfolio, or null (a prospect nobody holds yet). */
    portfolioOwner: async (tenantId: string, customerId: string): Promise<string | null> =>
      (await findOneById(directory.model, tenantId, customerId, { executiveId: 1 }))?.executiveId ?? null,
    /** The customer's name for a document (the id when sales has not heard of it). */
    nameOf: async (tenantId: string, customerId: string): Promise<string> => (await findOneById(directory.model, tenantId, customerId))?.name ?? customerId,
  };
}
export type CustomerReads = ReturnType<typeof customerReads>;
