/**
 * JVM flags of the local engines per profile (issue #18, idle memory): `npm start` (dev) runs lean,
 * the test profile keeps the heaps the suite and the scale bench need, and the environment overrides.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { profileJvm, mongoBackendFor, KAFKA_JVM, MONGO_JVM } = require('../../infra/local/engines/config');

/** The value of the last `-Xmx` in a JVM's arguments: the one the JVM uses. */
const heapOf = (args: string[]) => args.filter((a) => a.startsWith('-Xmx')).at(-1);

describe('engine JVM flags per profile', () => {
  test('dev: smaller heaps than the test profile, C1 only, bounded metaspace', () => {
    const kafka = [...KAFKA_JVM, ...profileJvm('dev', 'kafka', {})];
    const mongo = [...MONGO_JVM, ...profileJvm('dev', 'mongo', {})];
    expect(heapOf(kafka)).toBe('-Xmx256m');
    expect(heapOf(mongo)).toBe('-Xmx256m');
    expect(kafka).toContain('-XX:TieredStopAtLevel=1');
    expect(mongo.some((a) => a.startsWith('-XX:MaxMetaspaceSize='))).toBe(true);
  });

  test('test: the base flags unchanged', () => {
    expect(profileJvm('test', 'kafka', {})).toEqual([]);
    expect(heapOf([...KAFKA_JVM, ...profileJvm('test', 'kafka', {})])).toBe('-Xmx512m');
  });

  test('the environment sets the heap in either profile and appends flags last', () => {
    const env = { VINCULO_KAFKA_HEAP: '1g', VINCULO_MONGO_HEAP: '4g', VINCULO_ENGINE_JVM_OPTS: '-XX:+AlwaysPreTouch -Xss1m' };
    expect(heapOf([...KAFKA_JVM, ...profileJvm('dev', 'kafka', env)])).toBe('-Xmx1g');
    expect(heapOf([...MONGO_JVM, ...profileJvm('test', 'mongo', env)])).toBe('-Xmx4g');
    expect(profileJvm('dev', 'mongo', env).slice(-2)).toEqual(['-XX:+AlwaysPreTouch', '-Xss1m']);
  });

  test('Mongo backend: the profile default unless VINCULO_MONGO_BACKEND names another; an unknown name is refused', () => {
    expect([mongoBackendFor('dev', {}), mongoBackendFor('test', {})]).toEqual(['h2', 'memory']);
    expect(mongoBackendFor('test', { VINCULO_MONGO_BACKEND: 'compact' })).toBe('compact');
    expect(mongoBackendFor('dev', { VINCULO_MONGO_BACKEND: 'memory' })).toBe('memory');
    expect(() => mongoBackendFor('test', { VINCULO_MONGO_BACKEND: 'wiredtiger' })).toThrow(/memory, compact, h2/);
  });
});
