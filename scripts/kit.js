'use strict';
// The compiled kit's token and role modules, for the plain-JS scripts (token, policy matrix). Only
// these: the kit's index would also load the Mongo and Kafka clients.
const path = require('node:path');

class KitNotBuilt extends Error {}

function loadKit() {
  const dist = path.join(__dirname, '..', 'services', 'common', 'dist');
  try {
    return {
      ...require(path.join(dist, 'auth', 'roles.js')),
      ...require(path.join(dist, 'auth', 'jwt.js')),
      ...require(path.join(dist, 'config', 'env.js')),
    };
  } catch (err) {
    if (err && err.code === 'MODULE_NOT_FOUND') throw new KitNotBuilt('the shared kit is not built yet; run `npm run build` first');
    throw err;
  }
}

module.exports = { loadKit, KitNotBuilt };
