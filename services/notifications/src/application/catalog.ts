import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { schemasDir } from '@vinculo/common';
import { INTERNAL_EVENT_TYPES } from '../domain/rules';
import { ENDPOINT_DISABLED, ENDPOINT_DISABLED_FIELDS } from '../domain/webhooks';

/** The data fields of the alerts this subgraph raises itself (application/sla.ts). */
const INTERNAL_FIELDS: Record<string, string[]> = {
  'sla.WorkOrderAtRisk': ['workOrderId', 'customerId', 'type', 'dueAt'],
  'sla.WorkOrderBreached': ['workOrderId', 'customerId', 'type', 'dueAt'],
  'sla.PaymentPromiseDue': ['promiseId', 'billingAccountId', 'customerId', 'promisedDate', 'amount', 'currency', 'followUpDate'],
  'sla.ProposalDeliveryNear': ['opportunityId', 'customerId', 'version', 'price', 'currency', 'committedDeliveryDate'],
  [ENDPOINT_DISABLED]: ENDPOINT_DISABLED_FIELDS,
  'sla.PqrAtRisk': ['requestId', 'customerId', 'answerDueDate', 'status'],
  'sla.PqrBreached': ['requestId', 'customerId', 'answerDueDate', 'status'],
};

/**
 * Every event type a rule may name, with the data fields it carries: the public contracts of
 * schemas/events (their JSON Schema properties) plus this subgraph's own alerts.
 */
export function eventFieldCatalog(dir = path.join(schemasDir(), 'events')): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of readdirSync(dir)) {
    const m = /^(.+)\.v\d+\.schema\.json$/.exec(file);
    if (!m || m[1]!.startsWith('notifications.')) continue;
    const schema = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { properties?: Record<string, unknown> };
    const fields = new Set([...(out.get(m[1]!) ?? []), ...Object.keys(schema.properties ?? {})]);
    out.set(m[1]!, [...fields]);
  }
  for (const t of INTERNAL_EVENT_TYPES) out.set(t, INTERNAL_FIELDS[t] ?? []);
  return out;
}
