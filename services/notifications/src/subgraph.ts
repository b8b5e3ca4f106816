import {
  type AnyEventHandler,
  businessNow,
  createTokenVerifier,
  customerDirectory,
  type EventHandler,
  type EventType,
  handlersFor,
  intSettings,
  loadSubgraphHardening,
  mergeHandlers,
  subgraphResolvers,
  type SubgraphSpec,
  tenantPolicyReadModel,
} from '@vinculo/common';
import { notificationModel } from './store/notification.model';
import { mailModel } from './store/mail.model';
import { preferencesModel, settingsModel } from './store/settings.model';
import { workOrderSla } from './store/work-order.model';
import { dispatch, occurrenceOf, type DispatchDeps } from './application/dispatch';
import { startMailer, type Mailer } from './application/mailer';
import { eventFieldCatalog } from './application/catalog';
import { workOrderSlaAlerts } from './application/sla';
import { deadlineAlerts } from './application/deadlines';
import { proposalsWeeklyReport } from './application/reports';
import { scheduledReports } from './application/scheduled-reports';
import { ownerGraph } from './application/owner-graph';
import { fetchDocument } from './application/documents';
import { reportRunModel } from './store/report-run.model';
import { opportunityStages } from './store/opportunity.model';
import { deadlines as deadlineStore } from './store/deadline.model';
import { mountStream } from './events/stream';
import { createResolvers } from './resolvers';
import { webhookDeliveryModel } from './store/webhook-delivery.model';
import { webhookEndpointModel } from './store/webhook-endpoint.model';
import { publicContracts, startWebhookSender, webhookHandlers, webhooksEnv } from './application/webhooks';
import { typeDefs } from './__generated__/type-defs';

/**
 * This subgraph's own settings: SMTP_URL (smtp:// or smtps://, credentials in the URL; the local
 * stack's mail server by default), MAIL_FROM, APP_URL (links in messages), MAIL_POLL_MS,
 * MAIL_RETRY_INITIAL_MS, STREAM_POLL_MS (how often an SSE stream reads new notifications), GATEWAY_URL
 * (where scheduled reports and attached documents are read from their owners; the local gateway by default). Invalid values stop the start with every problem listed.
 */
export function notificationsEnv(source: NodeJS.ProcessEnv) {
  const settings = intSettings(source);
  const { problems } = settings;
  const int = settings.int.bind(settings);
  const env = {
    SMTP_URL: source.SMTP_URL || 'smtp://127.0.0.1:4008',
    MAIL_FROM: source.MAIL_FROM || 'Vínculo <notificaciones@vinculo.local>',
    APP_URL: source.APP_URL || 'http://127.0.0.1:4000',
    MAIL_POLL_MS: int('MAIL_POLL_MS', 1000, 50, 60_000),
    MAIL_RETRY_INITIAL_MS: int('MAIL_RETRY_INITIAL_MS', 5000, 10, 600_000),
    STREAM_POLL_MS: int('STREAM_POLL_MS', 1000, 100, 60_000),
    GATEWAY_URL: source.GATEWAY_URL || 'http://127.0.0.1:4000/graphql',
  };
  if (!/^smtps?:\/\/[^\s]+$/.test(env.SMTP_URL)) problems.push('SMTP_URL: must be smtp://… or smtps://…');
  if (!/^https?:\/\/[^\s]+$/.test(env.APP_URL)) problems.push('APP_URL: must be an http(s) URL');
  if (!/^https?:\/\/[^\s]+$/.test(env.GATEWAY_URL)) problems.push('GATEWAY_URL: must be an http(s) URL');
  if (source.NODE_ENV === 'production' && !source.SMTP_URL) problems.push('SMTP_URL: required in production (the relay e-mail goes through)');
  settings.done();
  return env;
}

/**
 * The notifications subgraph (port 4007): reads every other subgraph's events (read-only) and decides
 * who must know, by the tenant's rules; keeps the inbox, the e-mail outbox (sent over SMTP with retries)
 * and the SLA sweep. Read models: staff (customers.Employee*), customers, open work orders.
 */
export const notificationsSubgraph: SubgraphSpec = {
  name: 'notifications',
  typeDefs,
  defaultPort: 4007,
  wire: ({ conn, source, logger, contracts, env: serviceEnv, staff }) => {
    const env = notificationsEnv(source);
    const notifications = notificationModel(conn);
    const mail = mailModel(conn);
    const settings = settingsModel(conn);
    const preferences = preferencesModel(conn);
    const directory = customerDirectory(conn);
    const workOrders = workOrderSla(conn);
    const dueDates = deadlineStore(conn);
    const opportunities = opportunityStages(conn);
    // The tenant's time zone (customers.TenantPolicyChanged): a promise is due on the tenant's local day.
    const tenantPolicy = tenantPolicyReadModel(conn);
    const timeZoneOf = async (t: string) => (await tenantPolicy.policyFor(t)).timeZone;
    let mailer: Mailer | undefined;
    const deps: DispatchDeps = { notifications, mail, settings, preferences, staff, directory, appUrl: env.APP_URL, logger, queued: () => mailer?.nudge() };
    // What e-mails show of the other subgraphs (report figures, generated documents) comes through the gateway.
    const owner = ownerGraph({ gatewayUrl: env.GATEWAY_URL, jwt: serviceEnv, logger });
    mailer = startMailer({
      mail,
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      logger,
      pollMs: env.MAIL_POLL_MS,
      retryInitialMs: env.MAIL_RETRY_INITIAL_MS,
      fetchDocument: owner.enabled ? (tenantId, ref) => fetchDocument(owner, tenantId, ref) : undefined,
    });
    // Partner webhooks: every subscribed event is recorded per endpoint, then sent signed with retries.
    const hooks = { endpoints: webhookEndpointModel(conn), deliveries: webhookDeliveryModel(conn), contracts: publicContracts(), env: webhooksEnv(source) };
    const sender = startWebhookSender({ ...hooks, logger, dispatchDeps: deps });
    const webhookFanOut = webhookHandlers(hooks, () => sender.nudge());

    // Every contract event type may be named by a rule (rules are data): one handler decides for all.
    const decide: AnyEventHandler = async (e) => {
      await dispatch(deps, occurrenceOf(e));
    };
    const dispatchers = handlersFor([...eventFieldCatalog().keys()].filter((t) => !t.startsWith('sla.')) as EventType[], decide);
    const sla = workOrderSlaAlerts({ ...deps, workOrders: workOrders.model });
    // An order that arrives already late (the clock was advanced first) alerts at once.
    const lateCheck: EventHandler<'techsupport.WorkOrderCreated' | 'techsupport.WorkOrderProgressed'> = (e) =>
      sla.checkOne(e.tenantId, e.data.workOrderId, businessNow(e.tenantId));
    const slaChecks = { 'techsupport.WorkOrderCreated': lateCheck, 'techsupport.WorkOrderProgressed': lateCheck };
    // Read models first (a work order's due time; the staff is the kit's, updated before these), then the decision.
    const handlers = mergeHandlers(
      mergeHandlers(
        mergeHandlers(
          mergeHandlers(
            mergeHandlers(mergeHandlers(directory.handlers, tenantPolicy.handlers), workOrders.handlers),
            mergeHandlers(dueDates.handlers, opportunities.handlers),
          ),
          slaChecks,
        ),
        dispatchers,
      ),
      webhookFanOut,
    );
    return {
      outboxModels: [],
      resolvers: subgraphResolvers(
        createResolvers({ notifications, mail, settings, preferences, contracts, staff, directory }, { ...hooks, queued: () => sender.nudge() }),
      ),
      consumes: { handlers },
      jobs: [
        sla.job,
        deadlineAlerts({ ...deps, deadlines: dueDates.model, timeZoneOf }),
        proposalsWeeklyReport({ ...deps, opportunities: opportunities.model, timeZoneOf }),
        scheduledReports({ ...deps, owner, runs: reportRunModel(conn), timeZoneOf }),
      ],
      mount: (app) =>
        mountStream(app, {
          notifications,
          logger,
          // The same checks as /graphql: the token, then the staff registry (deactivated, roles removed).
          verifyToken: staff.guard(createTokenVerifier(serviceEnv)),
          credential: loadSubgraphHardening(source).INTERNAL_API_TOKEN,
          pollMs: env.STREAM_POLL_MS,
        }),
    };
  },
};
