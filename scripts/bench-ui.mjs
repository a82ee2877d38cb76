#!/usr/bin/env node
// UI benchmark of Mesh Advisor with many services (yarn bench:ui).
//
// 1. Generates a synthetic catalog (default 10,000 Components of type service
//    with varied mesh-advisor.io annotations, owned by a few teams, in a few
//    systems) and an app-config for it under node_modules/.cache/mesh-advisor-bench.
// 2. Builds the app if packages/app/dist is missing, starts the backend with
//    that config on :7007 (SQLite in memory, production bundle of the app),
//    and waits until the catalog has ingested every service and the Mesh
//    Advisor sweep has evaluated them (GET /api/mesh-advisor/summary).
// 3. Measures in Chromium: (a) navigation to /mesh-advisor until the overview
//    is usable, (b) a filter change until the table shows the filtered rows,
//    and (c) the gzipped size of the code the plugin adds to the app.
// 4. Prints the figures against the targets, stops the backend (always).
//
// Exits 0 when the measurements were taken (PASS or MISS); 1 when the run
// itself broke. Environment: BENCH_SERVICES (default 10000),
// BENCH_TIMEOUT_MIN (waiting for ingestion + sweep, default 45),
// CHROMIUM_PATH (default /usr/bin/chromium).
//
// The parts live in scripts/bench-ui/: catalog, backend, measureUi, measureBundle, report.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, CACHE, PORT, elapsed, log, fmt } from './bench-ui/common.mjs';
import { writeCatalog, writeConfig } from './bench-ui/catalog.mjs';
import { portFree } from './lib/backendProcess.mjs';
import {
  buildAppIfMissing,
  startBenchBackend,
  stopBackend,
  waitForEvaluations,
} from './bench-ui/backend.mjs';
import { measureUi } from './bench-ui/measureUi.mjs';
import { kb, measureBundle } from './bench-ui/measureBundle.mjs';
import { report } from './bench-ui/report.mjs';

async function main() {
  fs.mkdirSync(CACHE, { recursive: true });
  if (!(await portFree(PORT))) {
    throw new Error(
      `port ${PORT} is busy: stop what runs there (another backend?) and run this again`,
    );
  }
  const catalogFile = path.join(CACHE, 'catalog.yaml');
  const configFile = path.join(CACHE, 'app-config.bench.yaml');
  const setup = writeCatalog(catalogFile);
  writeConfig(configFile, catalogFile);
  log(
    `catalog: ${fmt(setup.services)} services, ${setup.groups} groups, ${
      setup.systems
    } systems → ${path.relative(ROOT, catalogFile)} (${kb(
      fs.statSync(catalogFile).size,
    )} KB)`,
  );

  buildAppIfMissing();
  await startBenchBackend(configFile, path.join(CACHE, 'backend.log'));
  log(
    'backend ready; waiting for the catalog to ingest and the sweep to evaluate (may take minutes)',
  );
  const summary = await waitForEvaluations();

  const ui = await measureUi(summary);
  await stopBackend(); // the bundle measurement needs the CPUs, not the backend
  log(
    'measuring the bundle: backstage-cli package build of the plugin and its common package',
  );
  const bundle = await measureBundle();
  report({ ui, bundle, summary, setup });
  fs.writeFileSync(
    path.join(CACHE, 'results.json'),
    JSON.stringify(
      { date: new Date().toISOString(), services: summary.total, ui, bundle },
      null,
      2,
    ),
  );
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await stopBackend();
    process.exit(130);
  });
}

main()
  .then(async () => {
    await stopBackend();
    process.exit(0);
  })
  .catch(async e => {
    console.error(`[bench:ui ${elapsed()}] the run broke: ${e.stack ?? e}`);
    await stopBackend();
    process.exit(1);
  });
