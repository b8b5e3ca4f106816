import type { CustomerDirectory } from '@vinculo/common';
import type { LeadModel } from '../store/lead.model';

export interface ResolverDeps {
  leads: LeadModel;
  directory: CustomerDirectory;
  published: () => void;
}
