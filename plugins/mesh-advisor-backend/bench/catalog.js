// bench:backend's synthetic catalog: the backend profile of the benchmarks'
// one generator (the common package's bench/syntheticCatalog.js).
const { CAPABILITIES } = require('@mesh-advisor/plugin-mesh-advisor-common');
// The one generator of the three benchmarks; a bench file, so not among
// what the common package publishes.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
const synthetic = require('@mesh-advisor/plugin-mesh-advisor-common/bench/syntheticCatalog');

const options = { capabilities: CAPABILITIES };

/** n synthetic services, the same on every run (fixed seeds). */
function syntheticCatalog(n) {
  return [...synthetic.syntheticServices('backend', n, options)];
}

/** Synthetic service i, the same on every run (its own fixed seed). */
function syntheticService(i) {
  return synthetic.syntheticService('backend', i, options);
}

module.exports = { syntheticCatalog, syntheticService };
