import { badInput } from '@vinculo/common';

export type SalesOrderStatus = 'PLACED' | 'INSTALLED' | 'ACTIVATED' | 'CANCELLED';

export interface OrderInput {
  planCode: string;
  installationAddress: string;
}

const PLAN_CODE = /^[A-Z0-9][A-Z0-9_-]{1,31}$/;

/** Validate an order as entered by the clerk; a new order starts PLACED. */
export function decideOrder(input: OrderInput): { planCode: string; installationAddress: string; status: SalesOrderStatus } {
  const planCode = input.planCode.trim().toUpperCase();
  if (!PLAN_CODE.test(planCode)) throw badInput('planCode must be 2 to 32 letters, digits, - or _', 'planCode');
  const installationAddress = input.installationAddress.trim().replace(/\s+/g, ' ');
  if (installationAddress.length < 5 || installationAddress.length > 300) {
    throw badInput('installationAddress must have 5 to 300 characters', 'installationAddress');
  }
  return { planCode, installationAddress, status: 'PLACED' };
}
