'use strict';
module.exports = async function globalTeardown() {
  const { engines, stack } = globalThis.__VINCULO__ ?? {};
  await stack?.stop();
  await engines?.stop();
};
