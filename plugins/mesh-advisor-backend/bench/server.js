// The backend under test, run by backend.bench.js in a child process of its
// own (its own event loop), started with `--config <bench config>`:
// createBackend from @backstage/backend-defaults with the real Mesh Advisor
// plugin, Backstage's auth, request logging and error handling, and an
// in-memory catalog service holding BENCH_SERVICES synthetic services.
// Tells the parent `ready` over IPC once listening.
require('@backstage/cli/config/nodeTransform.cjs');
const { createBackend } = require('@backstage/backend-defaults');
const { createServiceFactory } = require('@backstage/backend-plugin-api');
const {
  InMemoryCatalogClient,
} = require('@backstage/catalog-client/testUtils');
const { catalogServiceRef } = require('@backstage/plugin-catalog-node');
const { meshAdvisorPlugin } = require('../src/plugin');
const { syntheticCatalog } = require('./catalog');

async function main() {
  const entities = syntheticCatalog(Number(process.env.BENCH_SERVICES));
  const backend = createBackend();
  backend.add(meshAdvisorPlugin);
  backend.add(
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => new InMemoryCatalogClient({ entities }),
    }),
  );
  await backend.start();
  // createBackend stops the backend and exits on SIGTERM; the parent sends it
  // when done, and a parent that died takes its child along.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.send?.('ready');
}

main().catch(e => {
  // eslint-disable-next-line no-console
  console.error(e);
  process.exit(1);
});
