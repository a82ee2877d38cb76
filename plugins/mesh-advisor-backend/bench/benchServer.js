// The backend under test for bench/backend.bench.js: bench/server.js in a
// child process, its sweeps triggered and waited for over HTTP.
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { SERVICES, PORT, TOKEN } = require('./benchSettings');

async function waitForSweep(started, services = SERVICES, after) {
  for (;;) {
    const res = await fetch(
      `http://127.0.0.1:${PORT}/api/mesh-advisor/summary`,
      { headers: { authorization: `Bearer ${TOKEN}` } },
    ).catch(() => undefined);
    if (res?.ok) {
      const body = await res.json();
      if (
        body.lastSweep?.outcome === 'succeeded' &&
        body.total >= services &&
        (!after || Date.parse(body.lastSweep.startedAt) > after)
      ) {
        return {
          ms:
            Date.parse(body.lastSweep.finishedAt) -
            Date.parse(body.lastSweep.startedAt),
          wall: Date.now() - started,
        };
      }
      if (body.lastSweep?.outcome === 'failed')
        throw new Error(`sweep failed: ${body.lastSweep.message}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
}

/**
 * Forks bench/server.js with the config and BENCH_SERVICES, its output going
 * to the log file: `ready` resolves once it listens, `died` rejects (naming
 * it `label`) if it exits before `stop`; `ask` sends it a command (see
 * bench/server.js) and resolves with its answer. Also used by
 * replicas.bench.js.
 */
function forkServer({ log, configFile, services, label }) {
  const out = fs.openSync(log, 'w');
  const child = fork(
    path.join(__dirname, 'server.js'),
    ['--config', configFile],
    {
      env: { ...process.env, BENCH_SERVICES: String(services) },
      stdio: ['ignore', out, out, 'ipc'],
    },
  );
  fs.closeSync(out);
  const exited = new Promise(resolve => child.once('exit', resolve));
  // Rejects if the backend exits before it is stopped.
  const died = exited.then(code => {
    throw new Error(`${label} exited (${code}); its log: ${log}`);
  });
  died.catch(() => undefined);
  const ready = Promise.race([
    // (the TypeScript loader sends the parent messages of its own too)
    new Promise(resolve =>
      child.on('message', m => m === 'ready' && resolve()),
    ),
    died,
  ]);
  const stop = () => {
    child.kill('SIGTERM');
    return exited;
  };
  /** Sends a command (bench/server.js) and resolves with its answer. */
  const ask = message =>
    new Promise(resolve => {
      const on = m => {
        if (m?.cmd === message.cmd) {
          child.off('message', on);
          resolve(m);
        }
      };
      child.on('message', on);
      child.send(message);
    });
  return { ready, died, stop, log, ask };
}

/** The backend under test, on PORT, its log in the temp directory. */
function startServer(name, configFile, services = SERVICES) {
  return forkServer({
    log: path.join(os.tmpdir(), `mesh-advisor-bench-${name}.log`),
    configFile,
    services,
    label: 'the backend',
  });
}

const api = (route, init = {}) =>
  fetch(`http://127.0.0.1:${PORT}/api/mesh-advisor${route}`, {
    ...init,
    headers: { authorization: `Bearer ${TOKEN}`, ...init.headers },
  });

/** Triggers the sweep through the scheduler's endpoint and waits for it. */
async function sweepAgain(services) {
  const after = Date.now();
  const res = await api(
    '/.backstage/scheduler/v1/tasks/mesh-advisor-sweep/trigger',
    { method: 'POST' },
  );
  if (!res.ok) throw new Error(`trigger: ${res.status}`);
  return waitForSweep(after, services, after - 1);
}

module.exports = { waitForSweep, forkServer, startServer, api, sweepAgain };
