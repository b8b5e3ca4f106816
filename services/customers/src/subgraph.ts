import { subgraphResolvers, type SubgraphSpec } from '@vinculo/common';
import { customerModel } from './store/customer.model';
import { customerRepository } from './store/customer.repository';
import { tenantModel } from './store/tenant.model';
import { tenantRepository } from './store/tenant.repository';
import { employeeModel } from './store/employee.model';
import { employeeRepository } from './store/employee.repository';
import { monthlyPlanModel } from './store/monthly-plan.model';
import { monthlyPlanRepository } from './store/monthly-plan.repository';
import { visitModel } from './store/visit.model';
import { visitRepository } from './store/visit.repository';
import { visitAgendaModel } from './store/visit-agenda.model';
import { visitAgenda } from './store/visit-agenda';
import { createResolvers } from './resolvers';

/**
 * The customers & portfolio subgraph (port 4001): owns Tenant (and its policy), Customer, Contact,
 * Employee, the portfolio, monthly plans and the visit schedule.
 */
export const customersSubgraph: SubgraphSpec = {
  name: 'customers',
  defaultPort: 4001,
  wire: ({ conn, published }) => {
    const customers = customerModel(conn);
    const tenants = tenantModel(conn);
    const employees = employeeModel(conn);
    const plans = monthlyPlanModel(conn);
    const visits = visitModel(conn);
    const agendas = visitAgendaModel(conn);
    return {
      outboxModels: [customers, tenants, employees, plans, visits],
      resolvers: subgraphResolvers(
        createResolvers({
          customers: customerRepository(customers, published),
          tenants: tenantRepository(tenants, published),
          employees: employeeRepository(employees, published),
          plans: monthlyPlanRepository(plans, published),
          visits: visitRepository(visits, published),
          agenda: visitAgenda(agendas, visits),
        }),
      ),
    };
  },
};
