/*
 * Talking to the backend directly (no browser): a guest token, the catalog,
 * the Mesh Advisor summary, and the sweep trigger. Used by the global setup
 * to wait until the app has something to show.
 */

export type Summary = {
  total: number;
  byMesh: Record<string, number>;
  lastSweep: {
    startedAt: string;
    finishedAt: string | null;
    outcome: string;
    services: number;
  } | null;
  platform: { recommendation: { mesh: string; name: string } | null } | null;
};

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

export class Backend {
  constructor(private readonly baseURL: string) {}

  /** A Backstage token for the guest user, fresh for every call. */
  async token(): Promise<string> {
    const res = await fetch(`${this.baseURL}/api/auth/guest/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    if (!res.ok) throw new Error(`guest sign-in: HTTP ${res.status}`);
    const body = (await res.json()) as {
      backstageIdentity: { token: string };
    };
    return body.backstageIdentity.token;
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Response> {
    return fetch(`${this.baseURL}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.token()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async json<T>(path: string): Promise<T> {
    const res = await this.request('GET', path);
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  }

  async ready(): Promise<boolean> {
    try {
      const res = await fetch(`${this.baseURL}/.backstage/health/v1/readiness`);
      return res.ok;
    } catch {
      return false;
    }
  }

  async hasEntity(ref: string): Promise<boolean> {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    const res = await this.request(
      'GET',
      `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
    );
    return res.ok;
  }

  /** How many Components of type service the catalog holds. */
  async serviceCount(): Promise<number> {
    const page = await this.json<{ totalItems: number }>(
      '/api/catalog/entities/by-query?filter=kind=component,spec.type=service&limit=1',
    );
    return page.totalItems;
  }

  summary(): Promise<Summary> {
    return this.json<Summary>('/api/mesh-advisor/summary');
  }

  /** Runs the Mesh Advisor sweep now (the scheduler's trigger endpoint). */
  async triggerSweep(): Promise<boolean> {
    const res = await this.request(
      'POST',
      '/api/mesh-advisor/.backstage/scheduler/v1/tasks/mesh-advisor-sweep/trigger',
    );
    return res.ok;
  }
}

/** Polls `check` every `intervalMs` until it returns a value, or throws. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
  intervalMs = 1000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    await sleep(intervalMs);
  }
  throw new Error(
    `Timed out after ${timeoutMs / 1000}s waiting for ${what}${
      lastError ? ` (last error: ${lastError})` : ''
    }`,
  );
}
