'use strict';
/**
 * Demo data for three tenants like the seeds' organisations, written through the gateway like any
 * client would and built only through the real flows: each tenant has one customer in every life stage
 * (infra/local/demo/tenants.js) and its business clock advanced so the first month is billed
 * (infra/local/demo/story.js). Idempotent: a tenant that already has customers is left as it is.
 */
const { TENANTS } = require('./demo/tenants');
const { tellStory } = require('./demo/story');

/**
 * Seeds every demo tenant. `tenantSuffix` makes private copies of the tenants (tests run the same story
 * in their own tenants on the shared test stack).
 */
async function seed(url, secret, log = (m) => console.error(`[seed] ${m}`), { tenantSuffix = '' } = {}) {
  const results = {};
  for (const t of TENANTS) {
    const tenant = { ...t, id: `${t.id}${tenantSuffix}` };
    const r = await tellStory(url, secret, tenant, log);
    if (!r.seeded) log(`${tenant.id}: already seeded`);
    results[tenant.id] = r;
  }
  return results;
}

module.exports = { seed, TENANTS };
