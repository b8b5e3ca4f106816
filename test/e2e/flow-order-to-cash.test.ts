/**
 * The whole chain across subgraphs, with every event produced by the real service that owns it (no
 * event is published by the test): see ./support/order-to-cash for each step and what it asserts —
 * network import → sale → INSTALLATION work order → activation → subscriptions + billing account →
 * withdrawal → EQUIPMENT_RETRIEVAL work order → product WITHDRAWN, billed product WITHDRAWN, customer CHURNED.
 */
import { testStack, uniqueTenant } from '@vinculo/common/testing';
import { actorsOf, sellToActivation, withdraw } from './support/order-to-cash';

beforeAll(() => {
  testStack();
});

describe('order to cash across subgraphs (every event from its real producer)', () => {
  test('network import → sale → installation work order → activation → subscriptions + billing account → withdrawal → equipment retrieval', async () => {
    const actors = await actorsOf(uniqueTenant('o2c'));
    const sold = await sellToActivation(actors);
    // Withdrawal (H) in postsale → techsupport's EQUIPMENT_RETRIEVAL work order → closed → postsale goes on.
    await withdraw({ ...actors, customerId: sold.customerId, installedProductId: sold.subscriptionId });
  });
});
