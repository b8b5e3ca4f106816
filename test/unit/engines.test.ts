/**
 * The pure parts of the local engines launcher (infra/local/engines/): argument parsing, ports from
 * the environment, Kafka and Mongo configuration, log tails, the Java version check, and the
 * cross-process lock (on a temporary folder).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/* eslint-disable @typescript-eslint/no-require-imports */
const { parseArgs } = require('../../infra/local/engines/cli') as { parseArgs: (argv: string[]) => { command: string | null; profile: string } };
const { portFromEnv, resolvePlan } = require('../../infra/local/engines/plan') as {
  portFromEnv: (name: string, fallback: number, env?: Record<string, string | undefined>) => number;
  resolvePlan: (
    profile: string,
    env?: Record<string, string | undefined>,
  ) => { profile: string; mongoUri: string | null; kafkaBrokers: string[] | null; mongoPort: number; kafkaPort: number };
};
const kafka = require('../../infra/local/engines/kafka') as {
  instanceSuffix: (profile: string, key: string, port: number) => string;
  kafkaHome: (profile: string, port: number) => { base: string; dir: string; dataDir: string; serverLog: string; outLog: string };
  kafkaServerProperties: (o: { port: number; controllerPort: number; dataDir: string }) => string;
  kafkaLog4jProperties: (serverLog: string) => string;
  newClusterId: (random?: () => Buffer) => string;
};
const { mongoArgs } = require('../../infra/local/engines/mongo') as {
  mongoArgs: (o: { port: number; backend: string; h2File: string; oplog: boolean }) => string[];
};
const { usefulTail } = require('../../infra/local/engines/util') as { usefulTail: (text: string, lines?: number) => string };
const { javaMajor } = require('../../infra/local/engines/tools') as { javaMajor: (text: string | null) => number | null };
const { withLock } = require('../../infra/local/engines/lock') as {
  withLock: <T>(name: string, timeoutMs: number, fn: () => Promise<T>, o?: { dir?: string }) => Promise<T>;
};
const entry = require('../../infra/local/engines') as {
  ensureEngines: unknown;
  fetchEngines: unknown;
  probeKafka: unknown;
  probeMongo: unknown;
  PROFILES: Record<string, unknown>;
  paths: Record<string, string>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

describe('engines CLI arguments', () => {
  test('command and profile in either form; dev by default; help flags', () => {
    expect(parseArgs(['up'])).toEqual({ command: 'up', profile: 'dev' });
    expect(parseArgs(['up', '--profile', 'test'])).toEqual({ command: 'up', profile: 'test' });
    expect(parseArgs(['--profile=test', 'status'])).toEqual({ command: 'status', profile: 'test' });
    expect(parseArgs(['-h']).command).toBe('help');
    expect(parseArgs([])).toEqual({ command: null, profile: 'dev' });
  });
  test('an unknown argument or profile is an error naming it', () => {
    expect(() => parseArgs(['up', '--verbose'])).toThrow(/unknown argument --verbose/);
    expect(() => parseArgs(['up', 'down'])).toThrow(/unknown argument down/);
    expect(() => parseArgs(['up', '--profile', 'prod'])).toThrow(/unknown profile prod/);
  });
});

describe('engines plan: ports and clusters from the environment', () => {
  test('profile defaults, overridden per worktree by VINCULO_*_PORT', () => {
    expect(resolvePlan('test', {})).toEqual({ profile: 'test', mongoUri: null, kafkaBrokers: null, mongoPort: 27127, kafkaPort: 19192 });
    expect(resolvePlan('dev', { VINCULO_MONGO_PORT: '27341', VINCULO_KAFKA_PORT: '19341' })).toMatchObject({ mongoPort: 27341, kafkaPort: 19341 });
  });
  test('real clusters: MONGODB_URI as is, KAFKA_BROKERS split and trimmed', () => {
    expect(resolvePlan('dev', { MONGODB_URI: 'mongodb://db:27017', KAFKA_BROKERS: ' a:9092, b:9092 ,' })).toMatchObject({
      mongoUri: 'mongodb://db:27017',
      kafkaBrokers: ['a:9092', 'b:9092'],
    });
  });
  test('an invalid port is an error, not a silent default; an unknown profile too', () => {
    expect(portFromEnv('P', 1, { P: '' })).toBe(1);
    for (const bad of ['0', '65535', 'abc', '12.5']) expect(() => portFromEnv('P', 1, { P: bad })).toThrow(`P=${bad} is not a valid port`);
    expect(() => resolvePlan('prod', {})).toThrow(/unknown profile/);
  });
});

describe('engines: Kafka and Mongo configuration', () => {
  test('KRaft single node on the port, controller on port+1, log dir as given, replication 1', () => {
    const props = Object.fromEntries(
      kafka
        .kafkaServerProperties({ port: 19341, controllerPort: 19342, dataDir: '/tmp/k/data' })
        .trim()
        .split('\n')
        .map((l) => l.split(/=(.*)/s).slice(0, 2)),
    );
    expect(props).toMatchObject({
      'process.roles': 'broker,controller',
      'controller.quorum.voters': '1@127.0.0.1:19342',
      listeners: 'PLAINTEXT://127.0.0.1:19341,CONTROLLER://127.0.0.1:19342',
      'advertised.listeners': 'PLAINTEXT://127.0.0.1:19341',
      'log.dirs': '/tmp/k/data',
      'default.replication.factor': '1',
      'offsets.topic.replication.factor': '1',
      'group.initial.rebalance.delay.ms': '0',
    });
  });
  test('log4j writes to the server log file, never stdout', () => {
    const text = kafka.kafkaLog4jProperties('/tmp/k/server.log');
    expect(text).toContain('log4j.appender.file.File=/tmp/k/server.log');
    expect(text).not.toMatch(/ConsoleAppender/);
  });
  test('a non-default port is its own instance (own files); the test profile gets a fresh dir per start', () => {
    expect(kafka.instanceSuffix('dev', 'kafkaPort', 19092)).toBe('');
    expect(kafka.instanceSuffix('dev', 'kafkaPort', 19341)).toBe('-19341');
    expect(path.basename(kafka.kafkaHome('dev', 19341).dir)).toBe('kafka-19341');
    expect(path.basename(kafka.kafkaHome('test', 19341).dir)).toMatch(/^kafka-19341-\d+$/);
    const home = kafka.kafkaHome('dev', 19092);
    expect([path.basename(home.dir), path.relative(home.dir, home.dataDir)]).toEqual(['kafka', 'data']);
  });
  test('a cluster id is 22 base64url characters and never starts with "-"', () => {
    const dash = Buffer.from('-'.repeat(22), 'base64url');
    let calls = 0;
    const id = kafka.newClusterId(() => (++calls === 1 ? dash : Buffer.alloc(16, 7)));
    expect(calls).toBe(2);
    expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    expect(kafka.newClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
  test('Mongo arguments: h2 file only for the h2 backend, oplog only when asked', () => {
    expect(mongoArgs({ port: 27341, backend: 'memory', h2File: '/x.h2', oplog: false })).toEqual([
      '--host',
      '127.0.0.1',
      '--port',
      '27341',
      '--backend',
      'memory',
    ]);
    expect(mongoArgs({ port: 27027, backend: 'h2', h2File: '/x.h2', oplog: true })).toEqual([
      '--host',
      '127.0.0.1',
      '--port',
      '27027',
      '--backend',
      'h2',
      '--file',
      '/x.h2',
      '--oplog',
    ]);
  });
});

describe('engines: prerequisites and logs', () => {
  test('the Java major version is read from `java -version`', () => {
    expect(javaMajor('openjdk version "17.0.9" 2023-10-17')).toBe(17);
    expect(javaMajor('java version "1.8.0_381"')).toBe(1);
    expect(javaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(javaMajor(null)).toBeNull();
  });
  test('a log tail drops Java stack frames so the exception messages stay in view', () => {
    const log = [
      'start',
      'java.lang.IllegalStateException: port taken',
      '\tat a.B.c(B.java:1)',
      '\tat a.B.d(B.java:2)',
      '\t... 12 more',
      'Caused by: java.net.BindException',
      'end',
      '',
    ].join('\n');
    expect(usefulTail(log, 3)).toBe(['java.lang.IllegalStateException: port taken', 'Caused by: java.net.BindException', 'end'].join('\n'));
  });
});

describe('engines: the cross-process lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vinculo-locks-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('holds the lock file with our pid while fn runs and removes it after, also when fn throws', async () => {
    const seen = await withLock('fetch', 1000, async () => readFileSync(path.join(dir, 'fetch.lock'), 'utf8'), { dir });
    expect(seen).toBe(String(process.pid));
    expect(existsSync(path.join(dir, 'fetch.lock'))).toBe(false);
    await expect(
      withLock(
        'fetch',
        1000,
        async () => {
          throw new Error('boom');
        },
        { dir },
      ),
    ).rejects.toThrow('boom');
    expect(existsSync(path.join(dir, 'fetch.lock'))).toBe(false);
  });
  test('callers in one process run one after the other', async () => {
    const order: string[] = [];
    const job = (name: string) =>
      withLock(
        'kafka-19341',
        5000,
        async () => {
          order.push(`${name} in`);
          await new Promise((r) => setTimeout(r, 50));
          order.push(`${name} out`);
        },
        { dir },
      );
    await Promise.all([job('a'), job('b')]);
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out']);
  });
  test('a lock left by a dead process is taken over; one held by a live other process times out', async () => {
    writeFileSync(path.join(dir, 'mongo-1.lock'), '999999999'); // no such pid
    await expect(withLock('mongo-1', 1000, async () => 'ran', { dir })).resolves.toBe('ran');
    writeFileSync(path.join(dir, 'mongo-2.lock'), String(process.ppid)); // alive, not us
    await expect(withLock('mongo-2', 300, async () => 'ran', { dir })).rejects.toThrow(/timed out waiting for lock .* held by pid/);
    expect(readFileSync(path.join(dir, 'mongo-2.lock'), 'utf8')).toBe(String(process.ppid)); // not ours to remove
  });
});

test('infra/local/engines.js keeps its public surface (start.js, the test setup, the drill and bench use it)', () => {
  expect(typeof entry.ensureEngines).toBe('function');
  expect(typeof entry.fetchEngines).toBe('function');
  expect(typeof entry.probeKafka).toBe('function');
  expect(typeof entry.probeMongo).toBe('function');
  expect(Object.keys(entry.PROFILES)).toEqual(['dev', 'test']);
  expect(entry.paths.root).toBe(path.resolve(__dirname, '../..'));
  expect(entry.paths.engines).toBe(path.resolve(__dirname, '../../.cache/engines'));
});
