'use strict';
/** Which engines to start on which ports, from the profile and the environment (pure). */

const { PROFILES } = require('./config');

/** A port from `env[name]`, else `fallback`; an invalid value is an error, not a silent default. */
function portFromEnv(name, fallback, env = process.env) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65534) throw new Error(`${name}=${raw} is not a valid port`);
  return port;
}

function resolvePlan(profile, env = process.env) {
  if (!PROFILES[profile]) throw new Error(`unknown profile ${JSON.stringify(profile)}: use 'dev' or 'test'`);
  const brokersEnv = (env.KAFKA_BROKERS || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    profile,
    mongoUri: env.MONGODB_URI || null,
    kafkaBrokers: brokersEnv.length ? brokersEnv : null,
    mongoPort: portFromEnv('VINCULO_MONGO_PORT', PROFILES[profile].mongoPort, env),
    kafkaPort: portFromEnv('VINCULO_KAFKA_PORT', PROFILES[profile].kafkaPort, env),
  };
}

module.exports = { portFromEnv, resolvePlan };
