import { DateScalar, DateTimeScalar } from '@vinculo/common';
import type { MutationResolvers, QueryResolvers, Resolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { customer } from './Query/customer';
import { customersQuery } from './Query/customers';
import { tenant } from './Query/tenant';
import { businessClock } from './Query/businessClock';
import { advanceBusinessClock } from './Mutation/advanceBusinessClock';
import { employee } from './Query/employee';
import { me, Me } from './Query/me';
import { employeesQuery } from './Query/employees';
import { monthlyPlan } from './Query/monthlyPlan';
import { visit } from './Query/visit';
import { visitsWeek } from './Query/visitsWeek';
import { registerCustomer } from './Mutation/registerCustomer';
import { assignPortfolio } from './Mutation/assignPortfolio';
import { updateCustomerProfile } from './Mutation/updateCustomerProfile';
import { addContact } from './Mutation/addContact';
import { updateContact } from './Mutation/updateContact';
import { removeContact } from './Mutation/removeContact';
import { setPrimaryContact } from './Mutation/setPrimaryContact';
import { addAddress } from './Mutation/addAddress';
import { removeAddress } from './Mutation/removeAddress';
import { configureTenant } from './Mutation/configureTenant';
import { updateTenantPolicy } from './Mutation/updateTenantPolicy';
import { registerEmployee } from './Mutation/registerEmployee';
import { changeEmployeeRoles } from './Mutation/changeEmployeeRoles';
import { assignTeamLead } from './Mutation/assignTeamLead';
import { deactivateEmployee } from './Mutation/deactivateEmployee';
import { planMonth } from './Mutation/planMonth';
import { scheduleVisit } from './Mutation/scheduleVisit';
import { rescheduleVisit } from './Mutation/rescheduleVisit';
import { recordVisitOutcome } from './Mutation/recordVisitOutcome';
import { cancelVisit } from './Mutation/cancelVisit';
import { interaction } from './Query/interaction';
import { loyaltyCallList } from './Query/loyaltyCallList';
import { loyaltyCallReport } from './Query/loyaltyCallReport';
import { churnAnalysis } from './Query/churnAnalysis';
import { markImpediment } from './Mutation/markImpediment';
import { clearImpediment } from './Mutation/clearImpediment';
import { recordInteraction } from './Mutation/recordInteraction';
import { recordLoyaltyCall } from './Mutation/recordLoyaltyCall';
import { Interaction } from './Interaction';
import { TimelineItem, TimelineLink, TimelineOutcome } from './Timeline';
import { Customer } from './Customer';
import { Contact } from './Contact';
import { PortfolioAssignment } from './PortfolioAssignment';
import { Tenant, TenantPolicy } from './Tenant';
import { Employee } from './Employee';
import { MonthlyPlan } from './MonthlyPlan';
import { Visit } from './Visit';
import { reconciliation } from './Query/reconciliation';
import { Reconciliation } from './Reconciliation';
import { apiKeyResolvers } from '../api-keys/resolvers';
import { customerAttachments } from '../attachments/resolvers';
import { changesQueries } from './changes';

export function createResolvers(deps: ResolverDeps): Resolvers {
  const keys = apiKeyResolvers(deps.apiKeys);
  // Typed as complete: a root field of the schema without its resolver fails the build.
  const Query: Required<QueryResolvers> = {
    ...changesQueries(deps),
    customer: customer(deps),
    customers: customersQuery(deps),
    tenant: tenant(deps),
    businessClock: businessClock(deps),
    employee: employee(deps),
    me: me(),
    employees: employeesQuery(deps),
    monthlyPlan: monthlyPlan(deps),
    visit: visit(deps),
    visitsWeek: visitsWeek(deps),
    interaction: interaction(deps),
    loyaltyCallList: loyaltyCallList(deps),
    loyaltyCallReport: loyaltyCallReport(deps),
    churnAnalysis: churnAnalysis(deps),
    reconciliation: reconciliation(deps),
    ...keys.Query,
  };
  const Mutation: Required<MutationResolvers> = {
    registerCustomer: registerCustomer(deps),
    assignPortfolio: assignPortfolio(deps),
    updateCustomerProfile: updateCustomerProfile(deps),
    addContact: addContact(deps),
    updateContact: updateContact(deps),
    removeContact: removeContact(deps),
    setPrimaryContact: setPrimaryContact(deps),
    addAddress: addAddress(deps),
    removeAddress: removeAddress(deps),
    configureTenant: configureTenant(deps),
    updateTenantPolicy: updateTenantPolicy(deps),
    advanceBusinessClock: advanceBusinessClock(deps),
    registerEmployee: registerEmployee(deps),
    changeEmployeeRoles: changeEmployeeRoles(deps),
    assignTeamLead: assignTeamLead(deps),
    deactivateEmployee: deactivateEmployee(deps),
    planMonth: planMonth(deps),
    scheduleVisit: scheduleVisit(deps),
    rescheduleVisit: rescheduleVisit(deps),
    recordVisitOutcome: recordVisitOutcome(deps),
    cancelVisit: cancelVisit(deps),
    markImpediment: markImpediment(deps),
    clearImpediment: clearImpediment(deps),
    recordInteraction: recordInteraction(deps),
    recordLoyaltyCall: recordLoyaltyCall(deps),
    ...keys.Mutation,
  };
  return {
    DateTime: DateTimeScalar,
    Date: DateScalar,
    Query,
    Mutation,
    Customer: { ...Customer(deps), ...customerAttachments(deps.attachments) },
    Contact: Contact(deps),
    PortfolioAssignment: PortfolioAssignment(deps),
    Tenant: Tenant(deps),
    TenantPolicy,
    Employee: Employee(deps),
    Me: Me(deps),
    MonthlyPlan: MonthlyPlan(deps),
    Visit: Visit(deps),
    Interaction: Interaction(deps),
    TimelineItem: TimelineItem(deps),
    TimelineLink: TimelineLink(deps),
    TimelineOutcome: TimelineOutcome(),
    Impediment: { active: (i) => !i.clearedAt },
    Reconciliation: Reconciliation(deps),
    ApiKey: keys.ApiKey,
  };
}
