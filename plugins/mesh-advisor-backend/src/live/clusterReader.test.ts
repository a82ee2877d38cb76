import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { LiveClusterReader } from './clusterReader';
import { clustersFromConfig } from './clusters';
import { listAll } from './kubeApi';
import { serviceActual } from './serviceActual';
import {
  authCluster,
  eastCluster,
  westCluster,
} from '../__testUtils__/live/fixtureClusters';
import {
  KubeApiTestServer,
  startKubeApiServer,
} from '../__testUtils__/live/kubeApiServer';
import { workloadSelector } from './workloadSelector';
import { service } from '../__testUtils__/live/entities';

describe('LiveClusterReader against loopback Kubernetes API servers', () => {
  let east: KubeApiTestServer;
  let west: KubeApiTestServer;
  let auth: KubeApiTestServer;
  let reader: LiveClusterReader;
  let ignoredLocators: string[] = [];

  beforeAll(async () => {
    [east, west, auth] = await Promise.all([
      startKubeApiServer(eastCluster()),
      startKubeApiServer(westCluster()),
      startKubeApiServer(authCluster()),
    ]);
    // The same config the Kubernetes backend reads; `down` listens nowhere.
    const cluster = (name: string, s: KubeApiTestServer) => ({
      name,
      url: s.url,
      authProvider: 'serviceAccount',
      serviceAccountToken: s.token,
    });
    const config = new ConfigReader({
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              cluster('east', east),
              cluster('west', west),
              cluster('auth', auth),
              {
                name: 'down',
                url: 'http://127.0.0.1:9',
                authProvider: 'serviceAccount',
                serviceAccountToken: 'x',
              },
            ],
          },
          { type: 'catalog' },
        ],
      },
    });
    const { clusters, unsupported } = clustersFromConfig(config);
    ignoredLocators = unsupported;
    reader = new LiveClusterReader({
      supplier: { getClusters: async () => clusters },
      logger: mockServices.logger.mock(),
      pageSize: 4,
      timeoutMs: 2000,
    });
  });

  afterAll(async () => {
    await Promise.all(
      [east, west, auth].map(s => s?.close().catch(() => undefined)),
    );
  });

  const actual = (
    pass: Awaited<ReturnType<LiveClusterReader['read']>>,
    id: string,
    annotations: Record<string, string> = {},
  ) => {
    const entity = service(id, {
      'backstage.io/kubernetes-id': id,
      ...annotations,
    });
    return serviceActual({
      entityRef: `component:default/${id}`,
      selector: workloadSelector(entity),
      clusters: pass.views,
      evaluation: null,
      decided: null,
      observedAt: new Date(),
    });
  };

  it('takes the config locator from kubernetes.clusterLocatorMethods and names the ones it leaves to a supplier', () => {
    expect(ignoredLocators).toEqual(['catalog']);
  });

  it('reads each cluster with paginated cluster-wide lists, and reports the unreachable one', async () => {
    const pass = await reader.read();
    // pageSize 4: every list follows its continue tokens to the end
    const pods = east.requests.filter(r => r.startsWith('/api/v1/pods'));
    expect(pods[0]).toBe('/api/v1/pods?limit=4');
    expect(pods.length).toBe(Math.ceil(eastCluster().pods.length / 4));
    expect(pods.slice(1).every(r => r.includes('continue='))).toBe(true);
    expect(east.requests.some(r => r.includes('/namespaces/'))).toBe(false);

    const byName = Object.fromEntries(pass.states.map(s => [s.name, s]));
    expect(byName.east).toMatchObject({
      reachable: true,
      stale: false,
      cni: 'calico',
      ztunnel: true,
      cniEvidence: 'kube-system/calico-node',
    });
    expect(byName.west).toMatchObject({
      reachable: true,
      cni: 'cilium',
      ciliumEnvoy: true,
      ciliumMutualAuth: false,
    });
    expect(byName.auth).toMatchObject({
      cni: 'cilium',
      ciliumMutualAuth: true,
    });
    expect(byName.down).toMatchObject({
      reachable: false,
      stale: true,
      readAt: null,
      pods: 0,
    });
    expect(byName.down.error).toMatch(/unreachable \(ECONNREFUSED\)/);
    expect(pass.requests).toBe(
      east.requests.length + west.requests.length + auth.requests.length + 3,
    );
  });

  it('detects what the upstream samples run', async () => {
    const pass = await reader.read();
    expect(actual(pass, 'hello-web')).toMatchObject({
      mesh: 'istio-sidecar',
      pods: 2,
      versions: ['istio-sidecar 1.27.1'],
    });
    expect(actual(pass, 'hello-web').evidence[0].evidence[0].rule).toBe(
      'istio-native-sidecar',
    );
    expect(actual(pass, 'checkout').evidence[0].evidence[0].rule).toBe(
      'istio-sidecar-container',
    );
    expect(actual(pass, 'details')).toMatchObject({
      mesh: 'istio-ambient',
      waypoints: [],
      namespaceLabels: ['ambient: istio.io/dataplane-mode=ambient'],
    });
    expect(actual(pass, 'reviews')).toMatchObject({
      mesh: 'istio-ambient',
      pods: 3,
      waypoints: ['bookinfo-reviews'],
    });
    expect(actual(pass, 'ratings')).toMatchObject({
      mesh: 'none',
      pods: 2,
      meshedShare: 0,
    });
    expect(actual(pass, 'vote-bot')).toMatchObject({
      mesh: 'linkerd',
      versions: ['linkerd edge-25.8.1'],
    });
    expect(actual(pass, 'vote-bot').evidence[0].evidence[0].rule).toBe(
      'linkerd-native-sidecar',
    );
    expect(actual(pass, 'nginx-edge').evidence[0].evidence[0].rule).toBe(
      'linkerd-proxy-container',
    );
    expect(actual(pass, 'payments')).toMatchObject({
      pods: 4,
      meshedPods: 2,
      meshedShare: 0.5,
      drift: 'partially-meshed',
    });
    expect(actual(pass, 'ledger')).toMatchObject({ mesh: 'cilium', pods: 3 });
    expect(actual(pass, 'nowhere')).toMatchObject({
      drift: 'unknown',
      pods: 0,
    });
  });

  it('keeps the last known state of a cluster that goes away, marked stale', async () => {
    await reader.read();
    await west.close();
    const pass = await reader.read();
    const westState = pass.states.find(s => s.name === 'west')!;
    expect(westState).toMatchObject({
      reachable: false,
      stale: true,
      cni: 'cilium',
      pods: westCluster().pods.length,
    });
    expect(westState.readAt).not.toBeNull();
    expect(actual(pass, 'vote-bot')).toMatchObject({
      mesh: 'linkerd',
      stale: true,
    });
    expect(actual(pass, 'hello-web').stale).toBe(false);
  });
});

describe('paging edge cases', () => {
  it('starts a list over when its continue token expires (410), and refuses a wrong token (401)', async () => {
    const server = await startKubeApiServer(eastCluster());
    try {
      const cluster = {
        name: 'e',
        url: server.url,
        authMetadata: { serviceAccountToken: server.token },
      };
      // Expire every token once: the objects change right after the first page.
      const origPush = server.requests.push.bind(server.requests);
      let changed = false;
      server.requests.push = (...items: string[]) => {
        const n = origPush(...items);
        if (!changed && server.requests.length === 2) {
          changed = true;
          server.update(eastCluster());
        }
        return n;
      };
      const pods = await listAll(cluster, '/api/v1/pods', {
        pageSize: 3,
        timeoutMs: 2000,
      });
      expect(pods.length).toBe(eastCluster().pods.length);
      expect(
        server.requests.filter(r => r === '/api/v1/pods?limit=3').length,
      ).toBe(2);

      await expect(
        listAll(
          { ...cluster, authMetadata: { serviceAccountToken: 'wrong' } },
          '/api/v1/pods',
          { pageSize: 3, timeoutMs: 2000 },
        ),
      ).rejects.toThrow('the Kubernetes API answered 401 for /api/v1/pods');
    } finally {
      await server.close();
    }
  });
});
