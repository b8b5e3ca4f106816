import type { CustomerDoc } from '../store/customer.model';
import type { EmployeeDoc } from '../store/employee.model';
import type { VisitDoc } from '../store/visit.model';
import type { TenantView } from '../store/tenant.repository';
import { primaryOf } from '../domain/contact';

/** Data of customers.CustomerUpdated: the profile after the change. */
export function customerUpdatedData(c: CustomerDoc, changed: 'PROFILE' | 'CONTACTS' | 'ADDRESSES') {
  const primary = primaryOf(c.contacts ?? []);
  return {
    customerId: c._id,
    changed,
    name: c.name,
    tradeName: c.tradeName ?? null,
    activityType: c.activityType ?? null,
    segment: c.segment ?? null,
    market: c.market ?? null,
    category: c.category ?? null,
    primaryContact: primary ? { name: primary.name, phone: primary.phone, whatsapp: primary.whatsapp, email: primary.email } : null,
  };
}

/** Data of the customers.Employee* events: the employee after the change. */
export function employeeData(e: Pick<EmployeeDoc, 'employeeId' | 'name' | 'email' | 'roles' | 'teamLeadId' | 'active'>) {
  return { employeeId: e.employeeId, name: e.name, email: e.email, roles: [...e.roles], teamLeadId: e.teamLeadId, active: e.active };
}

/** Data of the customers.Visit* events: the visit after the change. */
export function visitData(
  v: Pick<VisitDoc, '_id' | 'executiveId' | 'customerId' | 'prospectCompany' | 'startsAt' | 'endsAt' | 'status' | 'outcome'>,
  note: string | null = null,
) {
  return {
    visitId: v._id,
    executiveId: v.executiveId,
    customerId: v.customerId,
    prospectCompany: v.prospectCompany,
    startsAt: v.startsAt.toISOString(),
    endsAt: v.endsAt.toISOString(),
    status: v.status,
    outcome: v.outcome,
    note,
  };
}

/** Data of customers.TenantPolicyChanged: the tenant's full snapshot after the change. */
/** The tenant's letterhead logo as customers.TenantPolicyChanged carries it. */
export interface TenantLogo {
  attachmentId: string;
  /** The types a LOGO may have (documents/kinds.ts ALLOWED_TYPES), the contract's enum. */
  contentType: 'image/png' | 'image/jpeg';
  base64: string;
}

export function tenantPolicyData(
  t: Pick<TenantView, 'name' | 'currency' | 'country' | 'timeZone' | 'policy' | 'taxId' | 'address'> & { logo?: TenantLogo | null },
  tenantVersion: number,
) {
  // taxId, address and logo (the letterhead) are optional in the v1 contract: sent only when set.
  return {
    tenantVersion,
    name: t.name,
    currency: t.currency,
    country: t.country,
    timeZone: t.timeZone,
    policy: t.policy,
    ...(t.taxId ? { taxId: t.taxId } : {}),
    ...(t.address ? { address: t.address } : {}),
    ...(t.logo ? { logo: t.logo } : {}),
  };
}
