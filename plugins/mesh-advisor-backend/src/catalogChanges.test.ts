import { createHash } from 'node:crypto';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import {
  MESH_INPUTS_CHANGED_TOPIC,
  meshInputsOf,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import request from 'supertest';
import { meshAdvisorPlugin } from './plugin';
import { CONFIG } from './__testUtils__/decisionHarness';
import { FakeCatalog } from './__testUtils__/fakeCatalog';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const component = (
  name: string,
  spec: Record<string, unknown> = {},
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations, etag: `${name}-1` },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production', ...spec },
});

/** gateway → orders → (later) stock; billing stands alone; 20 more to be above the small-platform threshold. */
const catalogEntities = () => [
  component('gateway', { dependsOn: ['component:orders'] }),
  component('orders'),
  component('stock'),
  component('billing'),
  ...Array.from({ length: 20 }, (_, i) => component(`filler-${i}`)),
];

const announce = (events: DefaultEventsService, entity: Entity) =>
  events.publish({
    topic: MESH_INPUTS_CHANGED_TOPIC,
    eventPayload: {
      entityRef: `component:default/${entity.metadata.name}`,
      inputsHash: createHash('sha1').update(meshInputsOf(entity)).digest('hex'),
    },
  });

describe.each(databases.eachSupportedId())(
  'catalog changes re-evaluated on %s',
  id => {
    async function twoReplicas() {
      const knex = await databases.init(id);
      const catalog = new FakeCatalog(catalogEntities());
      // one in-process bus for both: every event reaches both replicas, the
      // way the events backend's bus reaches every instance
      const events = DefaultEventsService.create({
        logger: mockServices.logger.mock(),
      });
      // how often each entity was read by ref: each read is one replica handling its change
      const readsByRef = new Map<string, number>();
      const counted = new Proxy(catalog.service, {
        get: (target, prop) =>
          prop === 'getEntitiesByRefs'
            ? (req: { entityRefs: string[] }, opts: unknown) => {
                for (const r of req.entityRefs)
                  readsByRef.set(r, (readsByRef.get(r) ?? 0) + 1);
                return target.getEntitiesByRefs(req as any, opts as any);
              }
            : (target as any)[prop],
      });
      const scheduler = mockServices.scheduler() as any;
      const replica = () =>
        startTestBackend({
          features: [
            meshAdvisorPlugin,
            mockServices.database.factory({ knex }),
            mockServices.rootConfig.factory({ data: CONFIG }),
            scheduler.factory({ skipTaskRunOnStartup: true }),
            createServiceFactory({
              service: catalogServiceRef,
              deps: {},
              factory: () => counted,
            }),
            createServiceFactory({
              service: eventsServiceRef,
              deps: {},
              factory: () => events,
            }),
          ],
        });
      const a = await replica();
      const b = await replica();
      await scheduler.triggerTask('mesh-advisor-sweep');
      const row = (name: string) =>
        knex('mesh_advisor_evaluations')
          .where('entity_ref', `component:default/${name}`)
          .first();
      /** Waits until the change to `name` has been claimed and evaluated. */
      const evaluated = async (name: string) => {
        for (let i = 0; i < 200; i++) {
          const claims = await knex('mesh_advisor_changes').where(
            'entity_ref',
            `component:default/${name}`,
          );
          if (claims.some(c => Number(c.evaluated) > 0)) return claims;
          await new Promise(r => setTimeout(r, 50));
        }
        throw new Error(`change to ${name} never evaluated`);
      };
      return { knex, catalog, events, a, b, row, evaluated, readsByRef };
    }

    it('re-evaluates a changed service and the services whose depth it changes, once across two replicas', async () => {
      const { knex, catalog, events, a, b, row, evaluated, readsByRef } =
        await twoReplicas();
      expect(Number((await row('gateway')).depth)).toBe(2);
      const untouched = await row('billing');
      const before = await row('gateway');

      // orders now depends on stock: orders 1 → 2, gateway 2 → 3
      const orders = component('orders', { dependsOn: ['component:stock'] });
      orders.metadata.etag = 'orders-2';
      catalog.entities = catalog.entities.map(e =>
        e.metadata.name === 'orders' ? orders : e,
      );
      await announce(events, orders);
      const claims = await evaluated('orders');
      // both replicas got the event; one claimed it and evaluated two services
      expect(claims).toHaveLength(1);
      expect(Number(claims[0].evaluated)).toBe(2);
      // read once, by one replica (the sweep reads page by page, not by ref)
      expect(readsByRef.get('component:default/orders')).toBe(1);

      const o = await row('orders');
      expect(Number(o.depth)).toBe(2);
      expect(o.catalog_version).toBe('orders-2');
      expect(JSON.parse(o.result).callChainDepth).toBe(2);
      const g = await row('gateway');
      expect(Number(g.depth)).toBe(3);
      expect(g.input_hash).not.toBe(before.input_hash);
      expect(await row('billing')).toEqual(untouched);

      // the same event again (a replayed or duplicated delivery): nothing
      await announce(events, orders);
      await new Promise(r => setTimeout(r, 300));
      expect(await knex('mesh_advisor_changes')).toHaveLength(1);
      await Promise.all([a.stop(), b.stop()]);
    });

    it('waits for the catalog to serve the announced version, then serves it through the API', async () => {
      const { catalog, events, a, b, row, evaluated } = await twoReplicas();
      const previous = await row('billing');
      expect(previous.result).not.toContain('"edge"');
      const billing = component(
        'billing',
        {},
        { 'mesh-advisor.io/exposure': 'edge' },
      );
      billing.metadata.etag = 'billing-2';
      // announced while the catalog still serves the previous version
      await announce(events, billing);
      await new Promise(r => setTimeout(r, 400));
      catalog.entities = catalog.entities.map(e =>
        e.metadata.name === 'billing' ? billing : e,
      );
      await evaluated('billing');
      const stored = await row('billing');
      expect(stored.catalog_version).toBe('billing-2');

      const res = await request(a.server)
        .get('/api/mesh-advisor/entities/default/component/billing/evaluation')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(res.body.catalogVersion).toBe('billing-2');
      expect(JSON.stringify(res.body)).toContain('"edge"');
      expect(Date.parse(res.body.evaluatedAt)).toBe(
        Number(stored.evaluated_at),
      );
      await Promise.all([a.stop(), b.stop()]);
    });
  },
);
