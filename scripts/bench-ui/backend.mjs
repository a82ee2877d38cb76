// The backend under test: started in its own process group, asked through its API, always stopped.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {
  ROOT,
  YARN,
  BASE,
  SERVICES,
  TIMEOUT_MIN,
  require,
  log,
  sleep,
  fmt,
} from './common.mjs';

let backend; // the backend's ChildProcess, leader of its own process group

export function portFree(port) {
  return new Promise(resolve => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)));
  });
}

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

export function startBackend(configFile, logFile) {
  const out = fs.openSync(logFile, 'w');
  const configs = ['--config', '../../app-config.yaml', '--config', configFile];
  let transform;
  try {
    transform = require.resolve('@backstage/cli-node/config/nodeTransform.cjs');
  } catch {
    transform = undefined;
  }
  // `yarn workspace backend start` restarts the backend whenever a source
  // file of the workspace changes, which would throw away minutes of
  // ingestion in a shared checkout. So run what it runs (node with the CLI's
  // TypeScript transform), without the watcher.
  const [cmd, args] = transform
    ? [
        process.execPath,
        [
          '--enable-source-maps',
          '--require',
          transform,
          'src/index',
          ...configs,
        ],
      ]
    : [process.execPath, [YARN, 'workspace', 'backend', 'start', ...configs]];
  backend = spawn(cmd, args, {
    cwd: path.join(ROOT, 'packages/backend'),
    env: {
      ...process.env,
      NODE_ENV: 'development', // the guest sign-in works in development only
      ESBK_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'),
    },
    detached: true,
    stdio: ['ignore', out, out],
  });
  backend.on('exit', code => {
    if (!stopping) log(`the backend exited (code ${code}); see ${logFile}`);
  });
  log(
    `backend started (pid ${backend.pid}), log: ${path.relative(
      ROOT,
      logFile,
    )}`,
  );
}

let stopping = false;
function killBackend(signal) {
  if (!backend || backend.exitCode !== null || backend.signalCode !== null)
    return;
  try {
    process.kill(-backend.pid, signal);
  } catch {
    // already gone
  }
}
export async function stopBackend() {
  if (!backend || stopping) return;
  stopping = true;
  killBackend('SIGTERM');
  for (
    let i = 0;
    i < 50 && backend.exitCode === null && backend.signalCode === null;
    i++
  ) {
    await sleep(200);
  }
  killBackend('SIGKILL');
  log('backend stopped');
}
process.on('exit', () => killBackend('SIGKILL'));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await stopBackend();
    process.exit(130);
  });
}

export async function token() {
  const res = await fetch(`${BASE}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (!res.ok) throw new Error(`guest sign-in: HTTP ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

export async function api(pathname, method = 'GET') {
  const res = await fetch(`${BASE}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${await token()}` },
  });
  if (!res.ok) throw new Error(`${method} ${pathname}: HTTP ${res.status}`);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

export async function waitForReady() {
  const deadline = Date.now() + 5 * 60_000;
  while (Date.now() < deadline) {
    if (backend.exitCode !== null)
      throw new Error('the backend exited during startup');
    try {
      if ((await fetch(`${BASE}/.backstage/health/v1/readiness`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(1000);
  }
  throw new Error('the backend did not become ready within 5 minutes');
}

/** Until the catalog has every service and the sweep has evaluated them all. */
export async function waitForEvaluations() {
  const deadline = Date.now() + TIMEOUT_MIN * 60_000;
  let triggeredAt = 0;
  let lastLine = 0;
  while (Date.now() < deadline) {
    if (backend.exitCode !== null) throw new Error('the backend exited');
    let catalog = 0;
    let summary;
    try {
      catalog = (
        await api(
          '/api/catalog/entities/by-query?filter=kind=component,spec.type=service&limit=1',
        )
      ).totalItems;
      summary = await api('/api/mesh-advisor/summary');
    } catch (e) {
      log(`(not answering yet: ${e.message})`);
      await sleep(5000);
      continue;
    }
    const sweep = summary.lastSweep;
    const sweeping = sweep && !sweep.finishedAt;
    if (
      summary.total >= SERVICES &&
      !sweeping &&
      summary.platform?.recommendation
    ) {
      log(
        `catalog ${fmt(catalog)} services · evaluated ${fmt(
          summary.total,
        )} · platform pick ${summary.platform.recommendation.name}`,
      );
      return summary;
    }
    if (Date.now() - lastLine > 10_000) {
      lastLine = Date.now();
      log(
        `catalog ${fmt(catalog)} / ${fmt(SERVICES)} services · evaluated ${fmt(
          summary.total,
        )}` +
          (sweeping
            ? ` · sweep running since ${Math.round(
                (Date.now() - Date.parse(sweep.startedAt)) / 1000,
              )}s`
            : ''),
      );
    }
    // Once the catalog is complete, sweep (again, if an earlier sweep saw less).
    if (catalog >= SERVICES && !sweeping && Date.now() - triggeredAt > 30_000) {
      log('catalog complete: triggering the Mesh Advisor sweep');
      await api(
        '/api/mesh-advisor/.backstage/scheduler/v1/tasks/mesh-advisor-sweep/trigger',
        'POST',
      );
      triggeredAt = Date.now();
    }
    await sleep(3000);
  }
  throw new Error(
    `the ${fmt(
      SERVICES,
    )} services were not evaluated within ${TIMEOUT_MIN} minutes`,
  );
}
