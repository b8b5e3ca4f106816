/**
 * The digital channel (seed 001) up to the order entered, as the agent works it: a WhatsApp request →
 * impediments cleared (R-DIG-1) → capacity (R-DIG-2) → requirements → order entered with the ETA.
 * Shared by the e2e tests that need a digital sale.
 */
import { waitFor } from '@vinculo/common/testing';
import { execute, ok } from './untyped-answers';
import { ReceiveDigitalSaleRequirementsDocument } from '@vinculo/client';
import { okOnceFilesKnown, uploadRequirements } from './files';

type Vars = Record<string, unknown>;

export const DIGITAL_REQUEST = `id status version satisfaction salesOrder { id status version } history { from to note }`;
const dm = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { digitalSaleRequest { ${DIGITAL_REQUEST} } } }`;
const RECEIVE = dm('receiveDigitalSaleRequest', 'ReceiveDigitalSaleRequestInput');
const IMPEDIMENTS = dm('checkDigitalSaleImpediments', 'DigitalActInput');
const CAPACITY = dm('checkDigitalSaleCapacity', 'CheckDigitalSaleCapacityInput');
const ENTER = `mutation($i: EnterDigitalSaleOrderInput!) { enterDigitalSaleOrder(input: $i) { digitalSaleRequest { ${DIGITAL_REQUEST} } salesOrder { id status version } } }`;
export const SATISFACTION = dm('recordDigitalSatisfactionCall', 'RecordDigitalSatisfactionCallInput');

export const digitalStep = async (token: string, m: string, field: string, i: Vars) => (await ok(token, m, { i }))[field].digitalSaleRequest;

let seq = 7300000 + Math.floor(Math.random() * 1_000_000);

export interface DigitalSale {
  plan: { planCode: string; monthlyFee: string; installationCost: string };
  address: string;
  location: { latitude: number; longitude: number };
  name?: string;
}

/**
 * 001 steps 1–11 for a new person. A capacity check made before sales heard of the coverage closes
 * its request NOT_FEASIBLE for good, so each try is a fresh request until one is FEASIBLE.
 */
export async function digitalOrderEntered(s: { agent: string; clerk: string }, sale: DigitalSale) {
  const card = String(++seq);
  const customerId = (
    await ok(s.clerk, `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`, {
      i: { kind: 'PERSON', name: sale.name ?? 'Marcela Rojas', identityCard: card },
    })
  ).registerCustomer.customer.id as string;
  let r = await waitFor(
    'a feasible request (sales knows the customer and the coverage)',
    async () => {
      const received = await digitalStep(s.agent, RECEIVE, 'receiveDigitalSaleRequest', {
        channel: 'WHATSAPP',
        identityCard: card,
        planCode: sale.plan.planCode,
      });
      const cleared = await execute<any>(IMPEDIMENTS, { i: { requestId: received.id, expectedVersion: received.version } }, { token: s.agent });
      if (cleared.errors) return undefined; // the card or its eligibility still on their way (NOT_FOUND / R-DIG-1 STILL_ARRIVING)
      const c = cleared.data!.checkDigitalSaleImpediments.digitalSaleRequest;
      const fed = await digitalStep(s.agent, CAPACITY, 'checkDigitalSaleCapacity', {
        requestId: c.id,
        expectedVersion: c.version,
        installationAddress: sale.address,
        location: sale.location,
      });
      return fed.status === 'FEASIBLE' ? fed : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
  // §2 step 4: the requirements arrive as files (the agent uploads them); each counts only once sales knows it.
  const files = await uploadRequirements(s.agent, customerId, ['IDENTITY_CARD', 'REQUEST_LETTER']);
  r = (await okOnceFilesKnown(s.agent, ReceiveDigitalSaleRequirementsDocument, { input: { requestId: r.id, expectedVersion: r.version, attachments: files } }))
    .receiveDigitalSaleRequirements.digitalSaleRequest;
  const entered = (await ok(s.agent, ENTER, { i: { requestId: r.id, expectedVersion: r.version, lines: [sale.plan] } })).enterDigitalSaleOrder;
  expect(entered.salesOrder.status).toBe('ENTERED');
  return { customerId, request: entered.digitalSaleRequest, order: entered.salesOrder };
}
