import { filterShape, shapesOfCall, supportingIndex, type DeclaredIndex } from '../src/mongo/query-shapes';

const ix = (...keys: [string, number][]): DeclaredIndex => ({ key: keys });
const shape = (filter: Record<string, unknown>, sort: Record<string, number> = {}) => shapesOfCall('c', 'find', [filter, { sort }])[0]!;

describe('query shapes: what a filter asks, without its values', () => {
  test('equality, $in, ranges and other operators', () => {
    expect(filterShape({ tenantId: 't', status: { $in: ['A'] }, at: { $gte: 1, $lt: 2 }, name: { $regex: 'x' }, gone: null })).toEqual({
      tenantId: 'eq',
      status: 'in',
      at: 'range',
      name: 'other',
      gone: 'eq',
    });
  });
  test('$and joins its parts; a keyset cursor $or is a range on the field every branch bounds', () => {
    expect(filterShape({ $and: [{ tenantId: 't' }, { $or: [{ updatedAt: { $gt: 1 } }, { updatedAt: 1, _id: { $gt: 'a' } }] }] })).toEqual({
      tenantId: 'eq',
      updatedAt: 'range',
    });
    expect(filterShape({ tenantId: 't', $or: [{ a: { $regex: 'x' } }, { b: { $regex: 'x' } }] })).toEqual({ tenantId: 'eq', $or: 'other' });
  });
  test('sort, aggregate $match/$sort and bulk writes are read from the driver call', () => {
    expect(shapesOfCall('c', 'find', [{ a: 1 }, { sort: { b: -1 } }])[0]).toMatchObject({ filter: { a: 'eq' }, sort: [['b', -1]] });
    expect(shapesOfCall('c', 'aggregate', [[{ $match: { a: 1 } }, { $sort: { b: 1 } }]])[0]).toMatchObject({ filter: { a: 'eq' }, sort: [['b', 1]] });
    expect(shapesOfCall('c', 'bulkWrite', [[{ insertOne: { document: {} } }, { updateOne: { filter: { _id: 'x' }, update: {} } }]])).toHaveLength(1);
    expect(shapesOfCall('c', 'insertOne', [{}])).toEqual([]);
  });
});

describe('supportingIndex: an index MongoDB can seek and read in order', () => {
  test('an `_id` lookup is always served', () => {
    expect(supportingIndex(shape({ _id: 'x', tenantId: 't' }), [])).not.toBeNull();
  });
  test('the equality prefix then the sort keys: served; an index that leaves the sort to memory: not served', () => {
    const s = shape({ tenantId: 't', status: 'A' }, { placedAt: 1, _id: 1 });
    expect(supportingIndex(s, [ix(['tenantId', 1], ['status', 1], ['placedAt', 1], ['_id', 1])])).not.toBeNull();
    expect(supportingIndex(s, [ix(['tenantId', 1], ['status', 1], ['placedAt', -1], ['_id', -1])])).not.toBeNull(); // read backwards
    expect(supportingIndex(s, [ix(['tenantId', 1], ['placedAt', 1], ['_id', 1])])).not.toBeNull(); // in order, status filtered as read
    expect(supportingIndex(s, [ix(['tenantId', 1], ['status', 1], ['_id', 1])])).toBeNull(); // would sort the matches in memory
    expect(supportingIndex(s, [ix(['tenantId', 1], ['status', 1], ['placedAt', 1], ['_id', -1])])).toBeNull(); // mixed directions
  });
  test('a unique index ends the order: tie-breakers after its last key need no index', () => {
    const s = shape({ tenantId: 't' }, { code: 1, _id: 1 });
    expect(
      supportingIndex(s, [
        {
          key: [
            ['tenantId', 1],
            ['code', 1],
          ],
          unique: true,
        },
      ]),
    ).not.toBeNull();
    expect(
      supportingIndex(s, [
        {
          key: [
            ['tenantId', 1],
            ['code', 1],
          ],
        },
      ]),
    ).toBeNull();
  });
  test('an index whose first key the filter does not name cannot seek', () => {
    expect(supportingIndex(shape({ customerId: 'c' }), [ix(['tenantId', 1], ['customerId', 1])])).toBeNull();
    expect(supportingIndex(shape({ tenantId: 't', customerId: 'c' }), [ix(['tenantId', 1], ['customerId', 1])])).not.toBeNull();
  });
  test('a range first key seeks (the outbox relay on `outbox.id`), an unfiltered whole-collection read does not', () => {
    expect(supportingIndex(shape({ 'outbox.id': { $exists: true }, outboxQuarantinedAt: null }), [ix(['outbox.id', 1])])).not.toBeNull();
    expect(supportingIndex(shape({}), [ix(['tenantId', 1])])).toBeNull();
  });
});
