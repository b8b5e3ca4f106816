import { badInput } from '@vinculo/common';

export const PRODUCT_FAMILIES = ['FIXED_LINE', 'INTERNET', 'PAY_TV', 'DUO', 'MULTI', 'HSPA', 'OTHER'] as const;
export type ProductFamily = (typeof PRODUCT_FAMILIES)[number];
export type InstalledProductStatus = 'ACTIVE' | 'SUSPENDED' | 'WITHDRAWN';

export interface InstallationInput {
  planCode: string;
  family: string;
  serviceNumber: string;
  installationAddress: string;
}

export interface Installation {
  planCode: string;
  family: ProductFamily;
  serviceNumber: string;
  installationAddress: string;
  status: InstalledProductStatus;
}

const PLAN_CODE = /^[A-Z0-9][A-Z0-9_-]{1,31}$/;
/** A line number or a service code: what the customer quotes on the phone, so separators are dropped. */
const SERVICE_NUMBER = /^[A-Z0-9]{4,32}$/;

const isFamily = (family: string): family is ProductFamily => (PRODUCT_FAMILIES as readonly string[]).includes(family);

/**
 * Validate a product installed for a customer; it starts ACTIVE. The service number is stored
 * without spaces, hyphens, dots or parentheses so that "2-345 678" and "2345678" are the same line.
 */
export function decideInstallation(input: InstallationInput): Installation {
  const planCode = input.planCode.trim().toUpperCase();
  if (!PLAN_CODE.test(planCode)) throw badInput('planCode must be 2 to 32 letters, digits, - or _', 'planCode');
  if (!isFamily(input.family)) throw badInput(`family must be one of ${PRODUCT_FAMILIES.join(', ')}`, 'family');
  const serviceNumber = input.serviceNumber.replace(/[\s().-]/g, '').toUpperCase();
  if (!SERVICE_NUMBER.test(serviceNumber)) {
    throw badInput('serviceNumber must be 4 to 32 letters or digits (spaces, -, . and parentheses are ignored)', 'serviceNumber');
  }
  const installationAddress = input.installationAddress.trim().replace(/\s+/g, ' ');
  if (installationAddress.length < 5 || installationAddress.length > 300) {
    throw badInput('installationAddress must have 5 to 300 characters', 'installationAddress');
  }
  return { planCode, family: input.family, serviceNumber, installationAddress, status: 'ACTIVE' };
}

/** A family name as sales sends it ("internet", "PAY_TV"…); an unknown one is OTHER. */
export function familyOf(value: string): ProductFamily {
  const f = value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  return isFamily(f) ? f : 'OTHER';
}

/** The line or service number of a product sales did not number: derived from its id, so stable across redeliveries. */
/** The item id of the one subscription an activated order that lists no items creates (sales.SalesOrderActivated without items). */
export const SINGLE_ITEM_ID = 'main';

export const serviceNumberFor = (installedProductId: string): string =>
  `SN${installedProductId
    .replace(/[^a-zA-Z0-9]/g, '')
    .slice(-14)
    .toUpperCase()}`;
