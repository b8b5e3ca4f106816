import { STAFF } from '@vinculo/common';
import { policyMismatches } from '@vinculo/common/testing';
import { policy } from '../src/policy';

test('sales: every role gets exactly the actions the policy table gives it', () => {
  expect(policyMismatches(policy, {
    readReconciliation: ['ADMIN', 'COMMERCIAL_DIRECTOR'],
    readSales: [...STAFF, 'PARTNER'],
    placeSalesOrder: ['COMMERCIAL_CLERK', 'DIGITAL_SALES_AGENT', 'SALES_TEAM_LEAD', 'ADMIN'],
    manageCatalog: ['COMMERCIAL_DIRECTOR', 'ADMIN'],
    draftSaleProject: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'],
    approveSaleProject: ['SALES_TEAM_LEAD'],
    checkFeasibility: ['COMMERCIAL_CLERK', 'ACCOUNT_EXECUTIVE'],
    workSaleProject: ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'],
    enterSalesOrder: ['COMMERCIAL_CLERK'],
    recordQualityCall: ['ACCOUNT_EXECUTIVE'],
    digitalSale: ['DIGITAL_SALES_AGENT'],
    enterDigitalSaleOrder: ['DIGITAL_SALES_AGENT', 'COMMERCIAL_CLERK'],
    setSalesTarget: ['SALES_TEAM_LEAD', 'COMMERCIAL_DIRECTOR'],
    readReports: ['ACCOUNT_EXECUTIVE', 'DIGITAL_SALES_AGENT', 'SALES_TEAM_LEAD', 'COMMERCIAL_DIRECTOR', 'ADMIN'],
    readTeamReports: ['SALES_TEAM_LEAD', 'COMMERCIAL_DIRECTOR', 'ADMIN'],
  })).toEqual([]);
});
