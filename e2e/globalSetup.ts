import type { FullConfig } from '@playwright/test';
import { waitForReady, waitForSweep } from '../scripts/lib/backendApi.mjs';
import { Backend, waitFor } from './backend';

/** Entities the specs use: they must be in the catalog before any test. */
const NEEDED = [
  // the guest's catalog user makes it a member of platform-team (ownership)
  'user:development/guest',
  'group:default/platform-team',
  'component:default/payments-api',
  'component:default/erp-bridge',
  'component:default/identity-service',
];

const BACKEND_LOG =
  'see the backend log (scripts/test keeps it in node_modules/.cache/mesh-advisor-test/backend.log)';

/**
 * Waits until the app has something to show: the backend is ready, the
 * catalog has ingested the example entities, and the Mesh Advisor sweep has
 * evaluated every service (scripts/lib/backendApi.mjs triggers the sweep when
 * the first one ran before the catalog was filled).
 */
export default async function globalSetup(config: FullConfig) {
  const baseURL =
    (config.projects[0]?.use.baseURL as string | undefined) ??
    'http://localhost:7007';
  const backend = new Backend(baseURL);
  const started = Date.now();
  const log = (msg: string) =>
    // eslint-disable-next-line no-console
    console.log(
      `[e2e setup +${Math.round((Date.now() - started) / 1000)}s] ${msg}`,
    );

  await waitForReady(backend, { timeoutMs: 180_000 });

  for (const ref of NEEDED) {
    await waitFor(
      `${ref} in the catalog`,
      () => backend.hasEntity(ref),
      120_000,
      {
        hint: `Is data/examples loaded (app-config.e2e.yaml)? ${BACKEND_LOG}`,
      },
    );
  }
  // The catalog processes the example files in stages: wait until the number
  // of services stops growing.
  let previous = -1;
  let stableFor = 0;
  const services = await waitFor(
    'the number of services in the catalog to settle',
    async () => {
      const count = await backend.serviceCount();
      stableFor = count === previous ? stableFor + 1 : 0;
      previous = count;
      return stableFor >= 3 && count > 0 ? count : undefined;
    },
    120_000,
    { hint: BACKEND_LOG },
  );
  log(`catalog has ${services} services`);

  const summary = await waitForSweep(backend, {
    services,
    timeoutMs: 180_000,
    // the example catalog's sweep takes seconds: one still running after a
    // minute failed without saying so
    staleSweepMs: 60_000,
    hint: `The sweep's errors are in the backend log: ${BACKEND_LOG}`,
    log,
  });
  log(
    `${summary.total} services evaluated; platform recommendation ${summary.platform?.recommendation?.name}`,
  );
}
