// Types of backendApi.mjs for the TypeScript that imports it (the e2e tests).

/** What GET /api/mesh-advisor/summary answers, as far as the scripts read it. */
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

/** A started backend: the waits give up once it has exited. */
type Watched = { exited: boolean; logFile: string };

export const DEFAULT_BASE_URL: string;

export function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
  options?: { intervalMs?: number; backend?: Watched; hint?: string },
): Promise<T>;

export class BackendApi {
  readonly baseUrl: string;
  constructor(baseUrl?: string);
  token(): Promise<string>;
  request(method: string, path: string, body?: unknown): Promise<Response>;
  json<T>(path: string): Promise<T>;
  ready(): Promise<boolean>;
  serviceCount(): Promise<number>;
  summary(): Promise<Summary>;
  triggerSweep(): Promise<boolean>;
}

export function waitForReady(
  api: BackendApi,
  options: { timeoutMs: number; backend?: Watched },
): Promise<void>;

export function waitForSweep(
  api: BackendApi,
  options: {
    services: number;
    timeoutMs: number;
    intervalMs?: number;
    retriggerMs?: number;
    staleSweepMs?: number;
    hint?: string;
    backend?: Watched;
    log?: (msg: string) => void;
  },
): Promise<Summary>;
