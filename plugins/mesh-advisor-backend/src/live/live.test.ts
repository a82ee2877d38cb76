import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { ActualState } from '@mesh-advisor/plugin-mesh-advisor-common';
import request from 'supertest';
import { meshAdvisorPlugin } from '../plugin';
import { FakeCatalog } from '../__testUtils__/fakeCatalog';
import {
  eastCluster,
  westCluster,
} from '../__testUtils__/live/fixtureClusters';
import {
  KubeApiTestServer,
  startKubeApiServer,
} from '../__testUtils__/live/kubeApiServer';
import { liveEntities } from '../__testUtils__/live/liveCatalog';
import { insertAcceptedDecision } from '../__testUtils__/live/acceptedDecision';
import { fakePermissions } from '../__testUtils__/decisionHarness';

const TEAM = 'user:default/team-member';
const OUTSIDER = 'user:default/outsider';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'live state through the plugin on %s',
  (id: TestDatabaseId) => {
    let east: KubeApiTestServer;
    let west: KubeApiTestServer;

    beforeAll(async () => {
      [east, west] = await Promise.all([
        startKubeApiServer(eastCluster()),
        startKubeApiServer(westCluster()),
      ]);
    });
    afterAll(async () => {
      await Promise.all([east.close(), west.close()]);
    });

    it('reads the clusters configured for the Kubernetes plugin, stores actual state and drift, serves and filters it', async () => {
      const knex = await databases.init(id);
      const catalog = new FakeCatalog(liveEntities());
      const cluster = (name: string, s: KubeApiTestServer) => ({
        name,
        url: s.url,
        authProvider: 'serviceAccount',
        serviceAccountToken: s.token,
      });
      const scheduler = mockServices.scheduler() as any;
      const backend = await startTestBackend({
        features: [
          meshAdvisorPlugin,
          scheduler.factory(),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              kubernetes: {
                serviceLocatorMethod: { type: 'multiTenant' },
                clusterLocatorMethods: [
                  {
                    type: 'config',
                    clusters: [
                      cluster('east', east),
                      cluster('west', west),
                      {
                        name: 'down',
                        url: 'http://127.0.0.1:9',
                        authProvider: 'serviceAccount',
                        serviceAccountToken: 'x',
                      },
                    ],
                  },
                ],
              },
            },
          }),
          catalog.factory(),
          // catalog read: allowed for the default test user, conditional for TEAM, denied for OUTSIDER
          fakePermissions({}, { [TEAM]: 'conditional', [OUTSIDER]: 'deny' })
            .factory,
        ],
      });
      try {
        // decisions accepted before the first pass (the migrations have run once the backend started)
        await insertAcceptedDecision(
          knex,
          'component:default/checkout',
          'linkerd',
        );
        await insertAcceptedDecision(
          knex,
          'component:default/reviews',
          'istio-ambient',
        );
        const api = () => request(backend.server);
        await scheduler.triggerTask('mesh-advisor-sweep');
        const clusters = (
          await api().get('/api/mesh-advisor/live/clusters').expect(200)
        ).body;
        expect(
          clusters.clusters.map((c: any) => [c.name, c.reachable, c.stale]),
        ).toEqual([
          ['east', true, false],
          ['west', true, false],
          ['down', false, true],
        ]);
        // derived from the clusters (app-config sets neither): one Calico, one Cilium cluster
        expect(clusters.platform).toMatchObject({
          cniSource: 'clusters',
          currentMeshSource: 'clusters',
          clusters: 3,
        });
        expect(['calico', 'cilium']).toContain(clusters.platform.cni);
        // one pods, one namespaces and one DaemonSets list per cluster (pages of 500), the unreachable one's attempts included
        expect(clusters.requests).toBe(9);
        expect(clusters.services.drift).toMatchObject({
          'partially-meshed': 1,
          'unmeshed-but-required': 1,
          'blocked-mesh': 1,
          drift: 1,
          'as-decided': 1,
          undecided: 1,
          unknown: 1,
        });

        const actual = async (name: string) =>
          (
            await api()
              .get(
                `/api/mesh-advisor/entities/default/component/${name}/actual`,
              )
              .expect(200)
          ).body as ActualState;
        expect(await actual('checkout')).toMatchObject({
          drift: 'drift',
          mesh: 'istio-sidecar',
          decided: 'linkerd',
          versions: ['istio-sidecar 1.26.4'],
        });
        expect(await actual('reviews')).toMatchObject({
          drift: 'as-decided',
          waypoints: ['bookinfo-reviews'],
        });
        expect(await actual('payments')).toMatchObject({
          drift: 'partially-meshed',
          meshedShare: 0.5,
          clusters: ['west'],
        });

        // the sweep evaluated against the derived platform
        const evaluation = await api()
          .get(
            '/api/mesh-advisor/entities/default/component/payments/evaluation',
          )
          .expect(200);
        expect(evaluation.body.platform.cni).toBe(clusters.platform.cni);

        const filtered = await api()
          .get('/api/mesh-advisor/live/services?drift=blocked-mesh')
          .expect(200);
        expect(
          filtered.body.items.map((a: ActualState) => a.entityRef),
        ).toEqual(['component:default/vote-bot']);
        const byMesh = await api()
          .get('/api/mesh-advisor/live/services?mesh=istio-ambient')
          .expect(200);
        expect(byMesh.body.items.map((a: ActualState) => a.entityRef)).toEqual([
          'component:default/reviews',
        ]);
        const page1 = await api()
          .get('/api/mesh-advisor/live/services?limit=4')
          .expect(200);
        const page2 = await api()
          .get(
            `/api/mesh-advisor/live/services?limit=4&cursor=${encodeURIComponent(
              page1.body.nextCursor,
            )}`,
          )
          .expect(200);
        expect(page1.body.items).toHaveLength(4);
        expect(page2.body.items).toHaveLength(3);
        expect(page2.body.nextCursor).toBeNull();

        // client mistakes are 400s naming the parameter, never 5xx
        for (const q of [
          'drift=sideways',
          'mesh=consul',
          'limit=0',
          'limit=abc',
          'stale=maybe',
          'cursor=x',
          'drift=drift&drift=unknown',
        ]) {
          const res = await api().get(`/api/mesh-advisor/live/services?${q}`);
          expect(res.status).toBe(400);
          expect(res.body.error.message).toMatch(q.split('=')[0]);
        }
        await api()
          .get('/api/mesh-advisor/entities/default/component/nope/actual')
          .expect(404);
        await api()
          .get('/api/mesh-advisor/live/clusters')
          .set('Authorization', mockCredentials.none.header())
          .expect(401);

        // read access as for evaluations: what the catalog lets the caller read
        catalog.visibleTo.set(
          TEAM,
          new Set(['component:default/payments', 'component:default/ratings']),
        );
        catalog.visibleTo.set(OUTSIDER, new Set());
        const as = (user: string) => mockCredentials.user.header(user);
        const teamPage = await api()
          .get('/api/mesh-advisor/live/services')
          .set('Authorization', as(TEAM))
          .expect(200);
        expect(
          teamPage.body.items.map((a: ActualState) => a.entityRef),
        ).toEqual(['component:default/payments', 'component:default/ratings']);
        const outsiderPage = await api()
          .get('/api/mesh-advisor/live/services')
          .set('Authorization', as(OUTSIDER))
          .expect(200);
        expect(outsiderPage.body.items).toEqual([]);
        await api()
          .get('/api/mesh-advisor/entities/default/component/checkout/actual')
          .set('Authorization', as(OUTSIDER))
          .expect(404);
      } finally {
        await backend.stop();
      }
    });
  },
);
