import { fileStore, internalApiToken, sizeLimits, subgraphResolvers, type SubgraphSpec } from '@vinculo/common';
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
import { visitAgenda } from './application/visit-agenda';
import { eligibilityModel } from './store/eligibility.model';
import { eligibilityRepository } from './store/eligibility.repository';
import { interactionModel } from './store/interaction.model';
import { interactionRepository } from './store/interaction.repository';
import { timelineModel } from './store/timeline.model';
import { timelineRepository } from './store/timeline.repository';
import { statusReactions } from './events/status-reactions';
import { standingReactions } from './events/standing-consumer';
import { equipmentReturnReactions } from './events/equipment-return';
import { contractTypes, timelineProjector, withTimeline } from './events/timeline-projector';
import { customersReconciliationStore } from './store/reconciliation';
import { createResolvers } from './resolvers';
import { apiKeyModel } from './store/api-key.model';
import { apiKeyRepository } from './store/api-key.repository';
import { mountApiKeyCheck } from './api-keys/check-endpoint';
import { businessClockModel, businessClockStore } from './store/business-clock.model';
import { ATTACHMENT_BUCKET, attachmentModel } from './attachments/attachment.model';
import { mountAttachments } from './attachments/upload-endpoint';
import { typeDefs } from './__generated__/type-defs';

/**
 * The customers & portfolio subgraph (port 4001): owns Tenant (and its policy), Customer, Contact,
 * Employee, the portfolio, monthly plans, the visit schedule, eligibility, interactions and the
 * customer timeline (projected from every subgraph's events), loyalty calls and churn analysis.
 */
export const customersSubgraph: SubgraphSpec = {
  name: 'customers',
  typeDefs,
  defaultPort: 4001,
  wire: (deps) => {
    const { conn, published, logger, contracts, source, env } = deps;
    const apiKeys = apiKeyRepository(apiKeyModel(conn));
    // Without the internal credential (production, unset) the gateway cannot check keys: no endpoint.
    const internalToken = internalApiToken(source);
    const customers = customerModel(conn);
    const tenants = tenantModel(conn);
    const employees = employeeModel(conn);
    const plans = monthlyPlanModel(conn);
    const visits = visitModel(conn);
    const agendas = visitAgendaModel(conn);
    const eligibility = eligibilityModel(conn);
    const interactions = interactionModel(conn);
    const timeline = timelineModel(conn);
    const clocks = businessClockModel(conn);
    const attachments = attachmentModel(conn);
    const files = fileStore(conn, ATTACHMENT_BUCKET);
    const limits = sizeLimits(source);
    const customerRepo = customerRepository(customers, published);
    const eligibilityRepo = eligibilityRepository(eligibility, published);
    const handlers = withTimeline(
      contractTypes(contracts.types()),
      [
        statusReactions(customerRepo, logger),
        standingReactions(customerRepo, eligibilityRepo, logger),
        equipmentReturnReactions(customerRepo, eligibilityRepo, logger),
      ],
      timelineProjector(timeline),
    );
    return {
      outboxModels: [customers, tenants, employees, plans, visits, eligibility, interactions, clocks, attachments],
      consumes: { handlers },
      resolvers: subgraphResolvers(
        createResolvers({
          customers: customerRepo,
          tenants: tenantRepository(tenants, published),
          employees: employeeRepository(employees, published),
          plans: monthlyPlanRepository(plans, published),
          visits: visitRepository(visits, published),
          agenda: visitAgenda(agendas, visits),
          eligibility: eligibilityRepo,
          interactions: interactionRepository(interactions, published),
          timeline: timelineRepository(timeline),
          reconciliation: customersReconciliationStore(conn, customers),
          apiKeys,
          // Advancing is refused in production: business time is the wall clock there.
          businessClock: businessClockStore(clocks, { production: env.NODE_ENV === 'production', published }),
          attachments,
          files,
        }),
      ),
      mount: (app, ctx) => {
        if (internalToken) mountApiKeyCheck(app, apiKeys, internalToken, logger);
        mountAttachments(app, { store: files, attachments, customers: customerRepo, limits, published: deps.published }, ctx);
      },
    };
  },
};
