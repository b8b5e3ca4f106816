import { badInput, type RequestContext } from '@vinculo/common';
import type { CustomerFilter as CustomerFilterInput } from '../__generated__/resolvers-types';
import type { CustomerFilter } from '../store/customer.repository';
import type { ResolverDeps } from './deps';
import { documentSearchKey } from '../domain/documents';
import { phoneDigits } from '../domain/contact';

/** Digits a phone search needs at least (fewer would match half the tenant). */
const MIN_PHONE_DIGITS = 6;

/** The search as the repository runs it: documents in the tenant country's stored form, phone as digits. */
export async function customerFilter({ tenants }: ResolverDeps, ctx: RequestContext, input: CustomerFilterInput | null | undefined): Promise<CustomerFilter> {
  const { taxId, identityCard, phone, ...rest } = input ?? {};
  const filter: CustomerFilter = { ...rest };
  if (taxId || identityCard) {
    const { country } = await tenants.current(ctx);
    if (taxId) filter.taxId = documentSearchKey(taxId, country, 'taxId');
    if (identityCard) filter.identityCard = documentSearchKey(identityCard, country, 'identityCard');
  }
  if (phone) {
    const digits = phoneDigits(phone);
    if (digits.length < MIN_PHONE_DIGITS) throw badInput(`phone needs at least ${MIN_PHONE_DIGITS} digits`, 'phone');
    filter.phoneDigits = digits;
  }
  return filter;
}
