import type { FullConfig } from '@playwright/test';
import { Backend, Summary, waitFor } from './backend';

/** Entities the specs use: they must be in the catalog before any test. */
const NEEDED = [
  // the guest's catalog user makes it a member of platform-team (ownership)
  'user:development/guest',
  'group:default/platform-team',
  'component:default/payments-api',
  'component:default/erp-bridge',
  'component:default/identity-service',
];

/**
 * Waits until the app has something to show: the backend is ready, the
 * catalog has ingested the example entities, and the Mesh Advisor sweep has
 * evaluated every service.
 *
 * The backend's first sweep runs about a second after start, usually before
 * the catalog has processed the example files; the next one is minutes
 * away. So when the stored evaluations do not cover the catalog yet, the
 * sweep is triggered through the scheduler's endpoint.
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

  await waitFor('the backend to be ready', () => backend.ready(), 180_000);

  for (const ref of NEEDED) {
    await waitFor(
      `${ref} in the catalog`,
      () => backend.hasEntity(ref),
      120_000,
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
  );
  log(`catalog has ${services} services`);

  let lastTrigger = 0;
  let last: Summary | undefined;
  const summary = await waitFor(
    `the Mesh Advisor sweep to evaluate ${services} services`,
    async () => {
      const s = await backend.summary();
      last = s;
      // A sweep that has not finished after a minute failed without saying so.
      const sweeping =
        s.lastSweep &&
        !s.lastSweep.finishedAt &&
        Date.now() - Date.parse(s.lastSweep.startedAt) < 60_000;
      if (s.total >= services && s.platform?.recommendation && !sweeping) {
        return s;
      }
      if (!sweeping && Date.now() - lastTrigger > 15_000) {
        log(`${s.total} of ${services} services evaluated: triggering a sweep`);
        if (await backend.triggerSweep()) lastTrigger = Date.now();
      }
      return undefined;
    },
    180_000,
  ).catch(e => {
    throw new Error(
      `${e.message}; last sweep: ${JSON.stringify(
        last?.lastSweep,
      )} (see the backend log)`,
    );
  });
  log(
    `${summary.total} services evaluated; platform recommendation ${summary.platform?.recommendation?.name}`,
  );
}
