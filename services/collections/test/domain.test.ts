import { domainErrorOf } from '@vinculo/common/testing';
import { ACCOUNT_NUMBER, accountNumberFrom, decideOpening, orderAccountId, productAccountId } from '../src/domain/billing-account';

describe('decideOpening', () => {
  it('accepts an ISO 4217 currency; a new account is UP_TO_DATE', () => {
    expect(decideOpening({ currency: 'BOB' })).toEqual({ currency: 'BOB', standing: 'UP_TO_DATE' });
  });

  it('normalises case and surrounding spaces', () => {
    expect(decideOpening({ currency: ' usd ' })).toEqual({ currency: 'USD', standing: 'UP_TO_DATE' });
  });

  it.each([
    ['an empty currency', ''],
    ['two letters', 'BO'],
    ['four letters', 'BOBS'],
    ['digits', '068'],
    ['a symbol', 'Bs.'],
    ['three letters that are no ISO 4217 code', 'ABC'],
  ])('rejects %s', (_case, currency) => {
    const err = domainErrorOf(() => decideOpening({ currency }));
    expect(err.kind).toBe('invalid_input');
    expect(err.details.field).toBe('currency');
  });
});

describe('accountNumberFrom', () => {
  it('encodes 40 bits as BA- and 8 Crockford base-32 characters', () => {
    expect(accountNumberFrom(new Uint8Array([0, 0, 0, 0, 0]))).toBe('BA-00000000');
    expect(accountNumberFrom(new Uint8Array([255, 255, 255, 255, 255]))).toBe('BA-ZZZZZZZZ');
    expect(accountNumberFrom(new Uint8Array([0, 0, 0, 0, 33]))).toBe('BA-00000011');
  });

  it('never uses the ambiguous letters I, L, O or U', () => {
    for (let i = 0; i < 200; i++) {
      const n = accountNumberFrom(Uint8Array.from({ length: 5 }, (_, j) => (i * 37 + j * 101) % 256));
      expect(n).toMatch(ACCOUNT_NUMBER);
    }
  });

  it('is deterministic for the same entropy and differs for different entropy', () => {
    const a = new Uint8Array([1, 2, 3, 4, 5]);
    expect(accountNumberFrom(a)).toBe(accountNumberFrom(Uint8Array.from(a)));
    expect(accountNumberFrom(a)).not.toBe(accountNumberFrom(new Uint8Array([1, 2, 3, 4, 6])));
  });

  it('refuses fewer than 5 bytes of entropy', () => {
    expect(() => accountNumberFrom(new Uint8Array(4))).toThrow(RangeError);
  });
});

describe('productAccountId (which account bills a mirrored product)', () => {
  it("a product that names its order bills to that order's account, not to the customer's oldest", () => {
    expect(productAccountId('t1', 'so-2', 'bac_oldest')).toBe(orderAccountId('t1', 'so-2'));
    expect(productAccountId('t1', 'so-2', null)).toBe(orderAccountId('t1', 'so-2'));
  });

  it("a product whose order is not known yet bills to the customer's oldest account, or to none", () => {
    expect(productAccountId('t1', null, 'bac_oldest')).toBe('bac_oldest');
    expect(productAccountId('t1', null, null)).toBeNull();
  });

  it("the order's account id is the one sales.SalesOrderActivated opens: one per order and tenant", () => {
    expect(orderAccountId('t1', 'so-1')).toBe(orderAccountId('t1', 'so-1'));
    expect(orderAccountId('t1', 'so-1')).not.toBe(orderAccountId('t1', 'so-2'));
    expect(orderAccountId('t1', 'so-1')).not.toBe(orderAccountId('t2', 'so-1'));
    expect(orderAccountId('t1', 'so-1')).toMatch(/^bac_/);
  });
});
