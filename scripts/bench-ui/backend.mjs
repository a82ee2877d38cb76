// The backend under test, through scripts/lib/backend{Process,Api}.mjs: the app build it
// serves, its start with the bench's config, the wait for the evaluations.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BackendApi, waitForReady, waitForSweep } from '../lib/backendApi.mjs';
import { startBackend } from '../lib/backendProcess.mjs';
import {
  ROOT,
  YARN,
  BASE,
  SERVICES,
  TIMEOUT_MIN,
  log,
  fmt,
} from './common.mjs';

/** The guest's client of the backend under test. */
export const api = new BackendApi(BASE);
let backend; // the started backend, stopped by stopBackend (always)

export function buildAppIfMissing() {
  if (fs.existsSync(path.join(ROOT, 'packages/app/dist/index.html'))) {
    log('packages/app/dist exists: using that build of the app');
    return;
  }
  log('packages/app/dist is missing: building the app (takes a few minutes) …');
  const r = spawnSync(process.execPath, [YARN, 'workspace', 'app', 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('yarn workspace app build failed');
}

/** Starts the backend with the bench's config layered over app-config.yaml; resolves once it is ready. */
export async function startBenchBackend(configFile, logFile) {
  backend = startBackend({
    configs: ['../../app-config.yaml', configFile],
    logFile,
    log,
  });
  await waitForReady(api, { timeoutMs: 5 * 60_000, backend });
}

export async function stopBackend() {
  await backend?.stop();
}

/** Until the catalog has every service and the sweep has evaluated them all. */
export async function waitForEvaluations() {
  const summary = await waitForSweep(api, {
    services: SERVICES,
    timeoutMs: TIMEOUT_MIN * 60_000,
    intervalMs: 3000,
    retriggerMs: 30_000,
    backend,
    log,
    hint: `BENCH_TIMEOUT_MIN (now ${TIMEOUT_MIN}) allows longer; the backend log (${backend.logFile}) shows the sweep's progress and errors`,
  });
  log(
    `evaluated ${fmt(summary.total)} · platform pick ${
      summary.platform.recommendation.name
    }`,
  );
  return summary;
}
