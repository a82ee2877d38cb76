// The example backend as a process, for the scripts that start one (bench:ui):
// started in a process group of its own, always stopped. backendApi.mjs
// waits for it and talks to it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const YARN = path.join(ROOT, '.yarn/releases/yarn-4.13.0.cjs');
const sleep = ms => new Promise(r => setTimeout(r, ms));

/** Whether nothing listens on `port`; resolves to a boolean. */
export function portFree(port) {
  return new Promise(resolve => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)));
  });
}

/**
 * Starts packages/backend in a process group of its own, its output in
 * `logFile`, and kills the group when this process exits (unless released).
 *
 * It runs what `yarn workspace backend start` runs (node with the CLI's
 * TypeScript transform) without the file watcher, which restarts the backend
 * whenever a source file changes and would throw away minutes of ingestion in
 * a shared checkout.
 *
 * @param {{ configs: string[], logFile: string, log?: (msg: string) => void }} options
 *   `configs`: app-config files, relative to packages/backend or absolute.
 */
export function startBackend({ configs, logFile, log = () => {} }) {
  const out = fs.openSync(logFile, 'w');
  const configArgs = configs.flatMap(c => ['--config', c]);
  let transform;
  try {
    transform = createRequire(path.join(ROOT, 'package.json')).resolve(
      '@backstage/cli-node/config/nodeTransform.cjs',
    );
  } catch {
    transform = undefined; // an older CLI: fall back to its start command
  }
  const args = transform
    ? ['--enable-source-maps', '--require', transform, 'src/index']
    : [YARN, 'workspace', 'backend', 'start'];
  const child = spawn(process.execPath, [...args, ...configArgs], {
    cwd: path.join(ROOT, 'packages/backend'),
    env: {
      ...process.env,
      NODE_ENV: 'development', // the guest sign-in works in development only
      ESBK_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'),
    },
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  let stopping = false;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const kill = signal => {
    if (exited()) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  child.on('exit', code => {
    if (!stopping) log(`the backend exited (code ${code}); see ${logFile}`);
  });
  const killOnExit = () => kill('SIGKILL');
  process.on('exit', killOnExit);
  log(
    `backend started (pid ${child.pid}), log: ${path.relative(ROOT, logFile)}`,
  );
  return {
    pid: child.pid,
    logFile,
    get exited() {
      return exited();
    },
    /** SIGTERM to the group, SIGKILL after 10 s. */
    async stop() {
      if (stopping) return;
      stopping = true;
      kill('SIGTERM');
      for (let i = 0; i < 50 && !exited(); i++) await sleep(200);
      kill('SIGKILL');
      log('backend stopped');
    },
    /** Leaves the backend running after this process exits. */
    release() {
      process.off('exit', killOnExit);
      child.unref();
    },
  };
}
