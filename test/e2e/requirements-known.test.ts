/**
 * Requirements known in advance (issue 15, item 4): post-sale says what each request type needs from a
 * customer before receiving it, from the same table the check uses; the call detail asks what seed 002 G
 * asks (own carrier: the request letter only; partner carrier: nothing).
 */
import { tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';

let seq = 9800000;
const REQS = `query($c: ID!, $t: PostSaleRequestType!, $k: Carrier) { postSaleRequirements(customerId: $c, type: $t, carrier: $k) { type customerKind documents } }`;

describe('post-sale requirements known in advance', () => {
  test('a business request needs its four documents, said before receiving it; a call detail needs the letter (own carrier) or nothing (partner)', async () => {
    const tenant = uniqueTenant('reqs');
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-1' });
    const customerId = (
      await ok(clerk, `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`, {
        i: { kind: 'BUSINESS', name: 'Requisitos SRL', taxId: String(++seq) },
      })
    ).registerCustomer.customer.id as string;
    const ask = (type: string, carrier?: string) =>
      waitFor('post-sale to know the customer', async () => {
        const res = await execute<any>(REQS, { c: customerId, t: type, k: carrier ?? null }, { token: clerk });
        if (res.errors?.[0]?.extensions?.code === 'NOT_FOUND') return undefined;
        if (res.errors) throw new Error(JSON.stringify(res.errors));
        return res.data!.postSaleRequirements;
      });
    expect(await ask('SUSPENSION')).toEqual({
      type: 'SUSPENSION',
      customerKind: 'BUSINESS',
      documents: ['REQUEST_LETTER', 'ID_DOCUMENT', 'TAX_ID', 'POWER_OF_ATTORNEY'],
    });
    expect((await ask('CALL_DETAIL', 'OWN')).documents).toEqual(['REQUEST_LETTER']);
    expect((await ask('CALL_DETAIL', 'PARTNER')).documents).toEqual([]);
    expect((await ask('PQR')).documents).toEqual([]);
  });
});
