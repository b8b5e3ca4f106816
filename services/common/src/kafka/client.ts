import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type LogEntry, type Admin, type SASLOptions, type KafkaConfig } from 'kafkajs';
import type { Logger } from '../log/logger';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** How a process authenticates to the brokers and protects the connection (README "How to deploy it"). */
export interface KafkaSecurity {
  ssl?: KafkaConfig['ssl'];
  sasl?: SASLOptions;
}

/** The KAFKA_SASL_* / KAFKA_SSL* settings (checked together by parseEnv) as kafkajs options. */
export function kafkaSecurityOf(env: {
  KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512' | undefined;
  KAFKA_SASL_USERNAME?: string | undefined;
  KAFKA_SASL_PASSWORD?: string | undefined;
  KAFKA_SSL?: boolean | undefined;
  KAFKA_SSL_CA_FILE?: string | undefined;
}): KafkaSecurity {
  const security: KafkaSecurity = {};
  if (env.KAFKA_SSL) {
    // Certificates are always verified; a private CA is added, never verification turned off.
    security.ssl = env.KAFKA_SSL_CA_FILE ? { rejectUnauthorized: true, ca: [readFileSync(env.KAFKA_SSL_CA_FILE, 'utf8')] } : true;
  }
  if (env.KAFKA_SASL_MECHANISM && env.KAFKA_SASL_USERNAME && env.KAFKA_SASL_PASSWORD) {
    const credentials = { username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD };
    security.sasl =
      env.KAFKA_SASL_MECHANISM === 'plain'
        ? { mechanism: 'plain', ...credentials }
        : env.KAFKA_SASL_MECHANISM === 'scram-sha-256'
          ? { mechanism: 'scram-sha-256', ...credentials }
          : { mechanism: 'scram-sha-512', ...credentials };
  }
  return security;
}

/** A kafkajs client whose logs go to the service logger (info and below at debug, to keep logs lean). */
export function createKafka(clientId: string, brokers: string[], logger: Logger, security: KafkaSecurity = {}): Kafka {
  // We key every message by aggregate id, so the v2 default partitioner's notice is noise.
  process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
  const child = logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId,
    brokers,
    ...(security.ssl ? { ssl: security.ssl } : {}),
    ...(security.sasl ? { sasl: security.sasl } : {}),
    connectionTimeout: 5_000,
    retry: { initialRetryTime: 200, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        const lvl = LEVELS[level] ?? 'info';
        // kafkajs reports expected rebalances and retries as errors; keep them out of error alerts.
        child[lvl === 'error' ? 'warn' : lvl](extra, message);
      },
  });
}

/**
 * Create the topics a process needs, if missing (real clusters often disable auto-creation), and
 * wait until every partition has a leader: several services start at once, and a topic another
 * one has just created may not be served yet.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], numPartitions = 3, timeoutMs = 60_000): Promise<void> {
  const admin: Admin = kafka.admin();
  await admin.connect();
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = topics.filter((t) => !existing.has(t));
        // kafkajs treats "already exists" (another process won the race) as success. Leaders are
        // awaited below: right after creation KRaft may still answer "unknown topic" for a moment.
        if (missing.length) {
          await admin.createTopics({ waitForLeaders: false, topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: -1 })) });
        }
        const { topics: meta } = await admin.fetchTopicMetadata({ topics });
        if (meta.length === topics.length && meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
      if (Date.now() > deadline) throw new Error(`topics without a leader after ${timeoutMs} ms: ${topics.join(', ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await admin.disconnect();
  }
}
