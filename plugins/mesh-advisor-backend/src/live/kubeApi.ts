import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { KubeList } from './kubeObjects';

/**
 * A cluster as Backstage's Kubernetes plugin describes it (a subset of
 * `ClusterDetails` from `@backstage/plugin-kubernetes-node`, so its suppliers'
 * clusters fit as they are).
 * @public
 */
export type LiveCluster = {
  name: string;
  title?: string;
  url: string;
  authMetadata?: Record<string, string>;
  skipTLSVerify?: boolean;
  caData?: string;
  caFile?: string;
};

/** A failed list call; the message is safe to store and show (no URL, no token). */
export class KubeApiError extends Error {
  constructor(message: string, readonly status: number | null) {
    super(message);
    this.name = 'KubeApiError';
  }
}

/** Counts the requests a pass makes, for the logs and the benchmark. */
export type RequestStats = { requests: number };

const agents = new Map<string, http.Agent>();

function caOf(cluster: LiveCluster): Buffer | undefined {
  if (cluster.caData) return Buffer.from(cluster.caData, 'base64');
  if (cluster.caFile) return readFileSync(cluster.caFile);
  return undefined;
}

// One keep-alive agent per cluster and TLS setting, as the Kubernetes
// backend's KubernetesConnection keeps them.
function agentFor(cluster: LiveCluster): http.Agent {
  const secure = cluster.url.startsWith('https:');
  const key = `${cluster.url}|${cluster.skipTLSVerify ?? false}|${
    cluster.caData ?? ''
  }|${cluster.caFile ?? ''}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = secure
      ? new https.Agent({
          keepAlive: true,
          rejectUnauthorized: !cluster.skipTLSVerify,
          ca: caOf(cluster),
        })
      : new http.Agent({ keepAlive: true });
    agents.set(key, agent);
  }
  return agent;
}

function getJson(
  cluster: LiveCluster,
  url: URL,
  timeoutMs: number,
): Promise<unknown> {
  const token = cluster.authMetadata?.serviceAccountToken;
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      {
        method: 'GET',
        agent: agentFor(cluster),
        headers: {
          Accept: 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        timeout: timeoutMs,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status !== 200) {
            reject(
              new KubeApiError(
                `the Kubernetes API answered ${status} for ${url.pathname}`,
                status,
              ),
            );
            return;
          }
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            reject(
              new KubeApiError(`unreadable answer for ${url.pathname}`, status),
            );
          }
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(new KubeApiError(`no answer within ${timeoutMs} ms`, null)),
    );
    req.on('error', e =>
      reject(
        e instanceof KubeApiError
          ? e
          : new KubeApiError(
              `unreachable (${
                (e as NodeJS.ErrnoException).code ?? 'connection failed'
              })`,
              null,
            ),
      ),
    );
    req.end();
  });
}

/**
 * Lists every object of a collection (`/api/v1/pods`, …) across all
 * namespaces, page by page (`limit` / `continue`). A continue token that
 * expired while paging (410 Gone) starts the list over once, as client-go's
 * pager does when the server cannot serve the consistent snapshot any more.
 */
export async function listAll<T>(
  cluster: LiveCluster,
  path: string,
  options: { pageSize: number; timeoutMs: number; stats?: RequestStats },
): Promise<T[]> {
  const base = cluster.url.endsWith('/') ? cluster.url : `${cluster.url}/`;
  for (let attempt = 0; ; attempt++) {
    const items: T[] = [];
    let token: string | undefined;
    try {
      do {
        const url = new URL(path.replace(/^\//, ''), base);
        url.searchParams.set('limit', String(options.pageSize));
        if (token) url.searchParams.set('continue', token);
        if (options.stats) options.stats.requests++;
        const page = (await getJson(
          cluster,
          url,
          options.timeoutMs,
        )) as KubeList<T>;
        if (!Array.isArray(page?.items)) {
          throw new KubeApiError(`no items in the answer for ${path}`, 200);
        }
        for (const item of page.items) items.push(item);
        token = page.metadata?.continue || undefined;
      } while (token);
      return items;
    } catch (e) {
      if (attempt === 0 && e instanceof KubeApiError && e.status === 410)
        continue;
      throw e;
    }
  }
}
