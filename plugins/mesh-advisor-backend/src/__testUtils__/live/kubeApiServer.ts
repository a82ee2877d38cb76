import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  DaemonSetLike,
  NamespaceLike,
  PodLike,
} from '../../live/kubeObjects';

/** What one fake cluster holds. */
export type ClusterObjects = {
  pods: PodLike[];
  namespaces: NamespaceLike[];
  daemonSets: DaemonSetLike[];
};

/** A running loopback Kubernetes API for one cluster. */
export type KubeApiTestServer = {
  url: string;
  token: string;
  /** paths (with query) of every request served, in order */
  requests: string[];
  /** replaces the objects; outstanding continue tokens then expire (410), as on a real API server after compaction */
  update(objects: ClusterObjects): void;
  close(): Promise<void>;
};

const KINDS: Record<
  string,
  { list: string; version: string; of: keyof ClusterObjects }
> = {
  '/api/v1/pods': { list: 'PodList', version: 'v1', of: 'pods' },
  '/api/v1/namespaces': {
    list: 'NamespaceList',
    version: 'v1',
    of: 'namespaces',
  },
  '/apis/apps/v1/daemonsets': {
    list: 'DaemonSetList',
    version: 'apps/v1',
    of: 'daemonSets',
  },
};

function status(
  res: http.ServerResponse,
  code: number,
  reason: string,
  message: string,
) {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      code,
    }),
  );
}

/**
 * A Kubernetes API server for tests, on 127.0.0.1 only: serves the
 * cluster-wide list endpoints the live reader uses in the API's shapes
 * (`kind: PodList`, `metadata.resourceVersion`, `metadata.continue`), pages by
 * `limit` with opaque `continue` tokens, requires the bearer token
 * (401 Status otherwise), answers 410 Expired for a token from an older
 * resourceVersion and 404 for anything else.
 */
export async function startKubeApiServer(
  initial: ClusterObjects,
  token = 'test-service-account-token',
  port = 0,
): Promise<KubeApiTestServer> {
  let objects = initial;
  let resourceVersion = 1000;
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${url.pathname}${url.search}`);
    if (req.headers.authorization !== `Bearer ${token}`) {
      status(res, 401, 'Unauthorized', 'Unauthorized');
      return;
    }
    const kind = KINDS[url.pathname];
    if (!kind || req.method !== 'GET') {
      status(
        res,
        404,
        'NotFound',
        `the server could not find the requested resource`,
      );
      return;
    }
    const items = objects[kind.of] as Array<{ metadata: unknown }>;
    const limit =
      Number(url.searchParams.get('limit') ?? '0') || items.length || 1;
    let offset = 0;
    const cont = url.searchParams.get('continue');
    if (cont) {
      let parsed: { rv?: number; start?: number } = {};
      try {
        parsed = JSON.parse(Buffer.from(cont, 'base64url').toString('utf8'));
      } catch {
        status(res, 400, 'BadRequest', 'continue key is not valid');
        return;
      }
      if (parsed.rv !== resourceVersion || typeof parsed.start !== 'number') {
        status(
          res,
          410,
          'Expired',
          'The provided continue parameter is too old to display a consistent list result.',
        );
        return;
      }
      offset = parsed.start;
    }
    const page = items.slice(offset, offset + limit);
    const next =
      offset + limit < items.length
        ? Buffer.from(
            JSON.stringify({ rv: resourceVersion, start: offset + limit }),
          ).toString('base64url')
        : undefined;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        kind: kind.list,
        apiVersion: kind.version,
        metadata: {
          resourceVersion: String(resourceVersion),
          ...(next
            ? {
                continue: next,
                remainingItemCount: items.length - offset - limit,
              }
            : {}),
        },
        items: page,
      }),
    );
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    token,
    requests,
    update(next) {
      objects = next;
      resourceVersion++;
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
