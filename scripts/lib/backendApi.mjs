// The example backend's API for the scripts that need one running (the
// browser tests, bench:ui, scripts/test): wait until it is ready, call it as
// the guest user, wait for the Mesh Advisor sweep. Plain ESM without
// import.meta, so Playwright's loader can require it from the e2e TypeScript
// (types: backendApi.d.mts); backendProcess.mjs starts and stops the backend.

const sleep = ms => new Promise(r => setTimeout(r, ms));
const seconds = ms => `${Math.round(ms / 1000)} s`;

/** Where the example backend listens unless told otherwise. */
export const DEFAULT_BASE_URL = 'http://localhost:7007';

/**
 * Polls `check` every `intervalMs` (default 1 s) until it returns a truthy
 * value, and returns that. An error thrown by `check` counts as "not yet";
 * the last one is named if the wait times out. With `backend`, gives up as
 * soon as that process has exited. `hint` ends the timeout's message: what
 * to do about it.
 *
 * @template T
 * @param {string} what what is awaited, as in "waiting for <what>"
 * @param {() => Promise<T | undefined | false>} check
 * @param {number} timeoutMs
 * @param {{ intervalMs?: number, backend?: { exited: boolean, logFile: string }, hint?: string }} [options]
 * @returns {Promise<T>}
 */
export async function waitFor(what, check, timeoutMs, options = {}) {
  const { intervalMs = 1000, backend, hint } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (backend?.exited) {
      throw new Error(
        `the backend exited while waiting for ${what}: its log ${backend.logFile} says why`,
      );
    }
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    await sleep(intervalMs);
  }
  const cause = lastError
    ? ` (last error: ${lastError.message ?? lastError})`
    : '';
  throw new Error(
    `Timed out after ${seconds(timeoutMs)} waiting for ${what}${cause}${
      hint ? `. ${hint}` : ''
    }`,
  );
}

/**
 * The backend's HTTP API as the guest user: a fresh Backstage token for each
 * request, as the guest provider issues them (development mode only).
 */
export class BackendApi {
  /** @param {string} [baseUrl] */
  constructor(baseUrl = DEFAULT_BASE_URL) {
    this.baseUrl = baseUrl;
  }

  /** A Backstage token for the guest user. */
  async token() {
    const res = await fetch(`${this.baseUrl}/api/auth/guest/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    if (!res.ok) {
      throw new Error(
        `guest sign-in: HTTP ${res.status} (the backend must run with NODE_ENV=development and auth.providers.guest)`,
      );
    }
    return (await res.json()).backstageIdentity.token;
  }

  /** `method path` with the guest's token and `body` as JSON; the raw response. */
  async request(method, pathname, body) {
    return fetch(`${this.baseUrl}${pathname}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.token()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** GET `pathname` as JSON; throws unless the status is 2xx. */
  async json(pathname) {
    const res = await this.request('GET', pathname);
    if (!res.ok) throw new Error(`GET ${pathname}: HTTP ${res.status}`);
    return res.json();
  }

  /** Whether the backend answers its readiness check. */
  async ready() {
    try {
      return (await fetch(`${this.baseUrl}/.backstage/health/v1/readiness`)).ok;
    } catch {
      return false; // not listening yet
    }
  }

  /** How many Components of type service the catalog holds. */
  async serviceCount() {
    const page = await this.json(
      '/api/catalog/entities/by-query?filter=kind=component,spec.type=service&limit=1',
    );
    return page.totalItems;
  }

  /** GET /api/mesh-advisor/summary. */
  summary() {
    return this.json('/api/mesh-advisor/summary');
  }

  /** Runs the Mesh Advisor sweep now (the scheduler's trigger endpoint). */
  async triggerSweep() {
    const res = await this.request(
      'POST',
      '/api/mesh-advisor/.backstage/scheduler/v1/tasks/mesh-advisor-sweep/trigger',
    );
    return res.ok;
  }
}

/**
 * Waits until the backend answers its readiness check.
 *
 * @param {BackendApi} api
 * @param {{ timeoutMs: number, backend?: { exited: boolean, logFile: string } }} options
 */
export async function waitForReady(api, { timeoutMs, backend }) {
  const log = backend ? `its log (${backend.logFile})` : 'its log';
  await waitFor(
    `the backend at ${api.baseUrl} to be ready`,
    () => api.ready(),
    timeoutMs,
    {
      backend,
      hint: `Read ${log} for the error; is another process on its port, or packages/app/dist missing (yarn workspace app build)?`,
    },
  );
}

/**
 * Waits until the Mesh Advisor sweep has evaluated `services` services and
 * picked a platform mesh; returns the summary then.
 *
 * The backend's first sweep runs a second after start, usually before the
 * catalog holds every service, and the next one is hours away: so whenever
 * the catalog holds them all and no sweep runs, the sweep is triggered
 * (again after `retriggerMs`, when an earlier sweep saw fewer). A sweep still
 * unfinished after `staleSweepMs` is taken to have failed silently.
 *
 * @param {BackendApi} api
 * @param {{ services: number, timeoutMs: number, intervalMs?: number,
 *   retriggerMs?: number, staleSweepMs?: number, hint?: string,
 *   backend?: { exited: boolean, logFile: string }, log?: (msg: string) => void }} options
 */
export async function waitForSweep(api, options) {
  const { services, timeoutMs, retriggerMs = 15_000, ...rest } = options;
  const { staleSweepMs = Infinity, log = () => {}, ...waitOptions } = rest;
  const n = count => count.toLocaleString('en-US');
  let triggeredAt = 0;
  let loggedAt = 0;
  let last;
  const evaluated = async () => {
    const catalog = await api.serviceCount();
    const summary = (last = await api.summary());
    const sweep = summary.lastSweep;
    const sweeping =
      sweep &&
      !sweep.finishedAt &&
      Date.now() - Date.parse(sweep.startedAt) < staleSweepMs;
    if (
      !sweeping &&
      summary.total >= services &&
      summary.platform?.recommendation
    ) {
      return summary;
    }
    if (Date.now() - loggedAt >= 10_000) {
      loggedAt = Date.now();
      const running = sweeping
        ? ` · sweep running for ${seconds(
            Date.now() - Date.parse(sweep.startedAt),
          )}`
        : '';
      log(
        `catalog ${n(catalog)} / ${n(services)} services · evaluated ${n(
          summary.total,
        )}${running}`,
      );
    }
    if (
      catalog >= services &&
      !sweeping &&
      Date.now() - triggeredAt > retriggerMs
    ) {
      log(
        `catalog complete, ${n(summary.total)} evaluated: triggering the sweep`,
      );
      if (await api.triggerSweep()) triggeredAt = Date.now();
    }
    return undefined;
  };
  try {
    return await waitFor(
      `the Mesh Advisor sweep to evaluate ${n(services)} services`,
      evaluated,
      timeoutMs,
      waitOptions, // intervalMs, backend, hint
    );
  } catch (e) {
    throw new Error(
      `${e.message}\nLast sweep: ${JSON.stringify(last?.lastSweep)}`,
    );
  }
}
