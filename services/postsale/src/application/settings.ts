import { badInput, type Principal, toMinorUnits } from '@vinculo/common';
import type { RequestType } from '../domain/request';
import { setFees } from '../store/settings.model';
import type { PostSaleDeps } from './deps';

/** ADMIN sets procedure fees of the tenant (an upsert of the given types; the others keep theirs). */
export async function configureFees(deps: PostSaleDeps, who: Principal, fees: readonly { type: RequestType; fee: string }[]): Promise<void> {
  if (fees.length === 0) throw badInput('give at least one fee', 'fees');
  const { currency } = await deps.tenantPolicy.policyFor(who.tenantId);
  const set: Partial<Record<RequestType, number>> = {};
  for (const f of fees) {
    const minor = toMinorUnits(f.fee, currency);
    if (minor < 0) throw badInput('a fee must not be negative', 'fee');
    set[f.type] = minor;
  }
  await setFees(deps.settings, who.tenantId, set, who.userId);
}
