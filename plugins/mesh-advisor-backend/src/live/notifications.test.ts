import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
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
import { podsOf, upstream } from '../__testUtils__/live/upstreamFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'owner notifications from two replicas on one %s database',
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

    it('sends one notification per transition, whichever replica runs the pass, even both at once', async () => {
      const knex = await databases.init(id);
      const catalog = new FakeCatalog(liveEntities());
      const sent: NotificationSendOptions[] = [];
      const cluster = (name: string, s: KubeApiTestServer) => ({
        name,
        url: s.url,
        authProvider: 'serviceAccount',
        serviceAccountToken: s.token,
      });
      const replica = async () => {
        const scheduler = mockServices.scheduler() as any;
        const backend = await startTestBackend({
          features: [
            meshAdvisorPlugin,
            scheduler.factory(),
            mockServices.database.factory({ knex }),
            mockServices.rootConfig.factory({
              data: {
                kubernetes: {
                  clusterLocatorMethods: [
                    {
                      type: 'config',
                      clusters: [cluster('east', east), cluster('west', west)],
                    },
                  ],
                },
              },
            }),
            catalog.factory(),
            // records what the notifications backend would be asked to send
            createServiceFactory({
              service: notificationService,
              deps: {},
              factory: () => ({
                send: async (o: NotificationSendOptions) => void sent.push(o),
              }),
            }),
          ],
        });
        return {
          backend,
          pass: () =>
            scheduler.triggerTask('mesh-advisor-sweep') as Promise<void>,
        };
      };
      const [a, b] = [await replica(), await replica()];
      try {
        await insertAcceptedDecision(
          knex,
          'component:default/checkout',
          'linkerd',
          '00000000-0000-4000-8000-000000000001',
        );
        // accepted for Linkerd, but vote-bot requires wasm: the decision is at risk
        await insertAcceptedDecision(
          knex,
          'component:default/vote-bot',
          'linkerd',
          '00000000-0000-4000-8000-000000000002',
        );

        await Promise.all([a.pass(), b.pass()]);
        const topics = () =>
          sent
            .map(s => `${(s.recipients as any).entityRef} ${s.payload.topic}`)
            .sort();
        expect(topics()).toEqual([
          'component:default/checkout mesh-advisor:drift',
          'component:default/ratings mesh-advisor:unmeshed-but-required',
          'component:default/vote-bot mesh-advisor:blocked-mesh',
          'component:default/vote-bot mesh-advisor:decision-at-risk',
        ]);
        const drift = sent.find(s => s.payload.topic === 'mesh-advisor:drift')!;
        expect(drift.payload).toMatchObject({
          link: '/catalog/default/component/checkout/mesh',
          description: 'decided linkerd, runs istio-sidecar',
        });

        // nothing changed: no repeat from either replica
        await a.pass();
        await b.pass();
        expect(sent).toHaveLength(4);

        // ratings gets meshed (Linkerd), then loses it again: one new notification for re-entering
        const meshed = eastCluster();
        meshed.pods = meshed.pods
          .filter(
            p =>
              p.metadata.labels?.['backstage.io/kubernetes-id'] !== 'ratings',
          )
          .concat(
            podsOf(upstream('linkerd-classic.deployment.yaml'), {
              namespace: 'bookinfo',
              kubernetesId: 'ratings',
              proxyTag: 'stable-2.14.10',
            }),
          );
        east.update(meshed);
        await b.pass();
        expect(sent).toHaveLength(4);
        east.update(eastCluster());
        await Promise.all([a.pass(), b.pass()]);
        expect(topics().filter(t => t.includes('ratings'))).toEqual([
          'component:default/ratings mesh-advisor:unmeshed-but-required',
          'component:default/ratings mesh-advisor:unmeshed-but-required',
        ]);
        expect(sent).toHaveLength(5);
      } finally {
        await Promise.all([a.backend.stop(), b.backend.stop()]);
      }
    });
  },
);
