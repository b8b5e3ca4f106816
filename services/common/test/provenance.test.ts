/** Event provenance (issue #14 "Events"): a source owns its topic and its type prefix. */
import { provenanceProblem, sourceOfTopic, topicOf } from '@vinculo/common';

describe('event provenance', () => {
  const event = (source: unknown, type: unknown) => ({ source, type });

  test('an event on its source topic with its source prefix is consistent', () => {
    expect(provenanceProblem(topicOf('customers'), event('customers', 'customers.EmployeeDeactivated'))).toBeNull();
    expect(provenanceProblem('vinculo.techsupport.events', event('techsupport', 'techsupport.WorkOrderClosed'))).toBeNull();
  });

  test('a source that does not own the topic is refused', () => {
    expect(provenanceProblem(topicOf('sales'), event('customers', 'customers.EmployeeDeactivated'))).toBe(
      'source "customers" does not own topic vinculo.sales.events (owner: sales)',
    );
  });

  test('a type whose prefix is not its source is refused', () => {
    expect(provenanceProblem(topicOf('sales'), event('sales', 'customers.EmployeeDeactivated'))).toBe(
      'type "customers.EmployeeDeactivated" is not a "sales." event',
    );
    expect(provenanceProblem(topicOf('sales'), event('sales', 'sales.'))).toMatch(/is not a "sales\." event/);
    expect(provenanceProblem(topicOf('sales'), event('sales', 'salesX.Thing'))).toMatch(/is not a "sales\." event/);
  });

  test('no source, or a topic nobody owns, is refused', () => {
    expect(provenanceProblem(topicOf('sales'), event(undefined, 'sales.X'))).toBe('event has no source');
    expect(provenanceProblem('vinculo.sales.dlq', event('sales', 'sales.X'))).toBe('topic vinculo.sales.dlq has no owning source');
    expect(sourceOfTopic('vinculo.sales.dlq')).toBeNull();
    expect(sourceOfTopic(topicOf('collections'))).toBe('collections');
  });

  test('an explicit owner replaces the naming convention', () => {
    expect(provenanceProblem('test.topic', event('customers', 'customers.X'), 'customers')).toBeNull();
    expect(provenanceProblem('test.topic', event('sales', 'sales.X'), 'customers')).toMatch(/does not own topic test\.topic/);
  });
});
