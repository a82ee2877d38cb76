#!/usr/bin/env node
// Starts the example backend in the background and returns once it is ready,
// for the browser tests (scripts/test; by hand, e2e/README.md): exit 0 with
// the backend's process group id on stdout (stop it with `kill -- -PID`), or
// exit 1 with the reason, the backend stopped.
//
// Usage: node scripts/start-backend.mjs [--log FILE] [--wait SECONDS] CONFIG…
//   CONFIG: app-config files, relative to this folder; --log default
//   backend.log, --wait default 180.
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  BackendApi,
  DEFAULT_BASE_URL,
  waitForReady,
} from './lib/backendApi.mjs';
import { portFree, startBackend } from './lib/backendProcess.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    log: { type: 'string', default: 'backend.log' },
    wait: { type: 'string', default: '180' },
  },
});
const log = msg => console.error(`[start-backend] ${msg}`);
const port = Number(new URL(DEFAULT_BASE_URL).port);
if (!(await portFree(port))) {
  log(
    `port ${port} is busy: stop what runs there (another backend?) and run this again`,
  );
  process.exit(1);
}
const backend = startBackend({
  configs: positionals.map(c => path.resolve(c)),
  logFile: path.resolve(values.log),
  log,
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await backend.stop();
    process.exit(130);
  });
}
try {
  await waitForReady(new BackendApi(DEFAULT_BASE_URL), {
    timeoutMs: Number(values.wait) * 1000,
    backend,
  });
} catch (e) {
  log(e.message);
  await backend.stop();
  process.exit(1);
}
log(`backend ready at ${DEFAULT_BASE_URL}`);
backend.release();
console.log(backend.pid);
