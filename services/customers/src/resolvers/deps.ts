import type { CustomerRepository } from '../store/customer.repository';

/** What the resolvers of this subgraph need. */
export interface ResolverDeps {
  customers: CustomerRepository;
}
