import { decodeCursor, encodeCursor } from '../src/graphql/pagination';
import { DomainError } from '../src/errors/codes';

const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function refusal(cursor: string): DomainError {
  try {
    decodeCursor(cursor);
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('cursor accepted');
}

describe('decodeCursor', () => {
  it('reads back what encodeCursor wrote', () => {
    expect(decodeCursor(encodeCursor('acme', 'cus_1'))).toEqual(['acme', 'cus_1']);
    expect(decodeCursor(encodeCursor(42, 'cus_2'))).toEqual([42, 'cus_2']);
    const at = new Date('2026-11-24T10:00:00.000Z');
    expect(decodeCursor(encodeCursor(at, 'cus_3'))).toEqual([at, 'cus_3']);
  });

  it.each([
    ['an object', raw({ a: 1 })],
    ['an operator in place of the value', raw([{ v: { $gt: '' } }, 'cus_1'])],
    ['an object id', raw([{ v: 'x' }, { $ne: null }])],
    ['an invalid date', raw([{ d: 'not a date' }, 'cus_1'])],
    ['two boxes', raw([{ v: 'x', d: '2026-01-01' }, 'cus_1'])],
    ['null', raw(null)],
    ['not base64 JSON', '%%%'],
    ['a huge string', 'A'.repeat(10_000)],
  ])('refuses %s as BAD_USER_INPUT on `after`', (_what, cursor) => {
    const err = refusal(cursor);
    expect(err.kind).toBe('invalid_input');
    expect(err.message).toMatch(/after is not a valid cursor/);
  });
});
