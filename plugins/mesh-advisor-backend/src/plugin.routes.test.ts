import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type request from 'supertest';
import { SERVICES } from './__testUtils__/exampleCatalog';
import { pluginBackendStarter } from './__testUtils__/pluginHarness';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const start = pluginBackendStarter(databases);

describe.each(databases.eachSupportedId())(
  'mesh-advisor backend routes on %s',
  databaseId => {
    it('sweeps the catalog at start and serves the stored evaluation of a service', async () => {
      const { api, knex } = await start(databaseId);
      const res = await api.get(
        '/api/mesh-advisor/entities/default/component/payments-api/evaluation',
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        entityRef: 'component:default/payments-api',
        status: 'evaluated',
        recommendation: { mesh: 'istio-sidecar' },
        stale: false,
        // depth from dependsOn: payments-api → fraud-detection → ledger
        callChainDepth: 3,
        platform: { cni: 'cilium', serviceCount: SERVICES },
      });
      expect(res.body.evaluatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      const linkerd = res.body.ranking.find((c: any) => c.mesh === 'linkerd');
      expect(linkerd.blockers[0]).toMatchObject({
        kind: 'capability',
        capability: 'jwt-auth',
      });
      expect(linkerd.blockers[0].sources[0].url).toMatch(/^https:/);
      const [{ count }] = await knex('mesh_advisor_evaluations').count({
        count: '*',
      });
      expect(Number(count)).toBe(SERVICES);
    });

    it('evaluates live on request, and explains 404s', async () => {
      const { api } = await start(databaseId);
      const live = await api.get(
        '/api/mesh-advisor/entities/default/component/ledger/evaluation?live=true',
      );
      expect(live.status).toBe(200);
      expect(live.body).toMatchObject({
        live: true,
        recommendation: { mesh: 'linkerd' },
      });

      const missing = await api.get(
        '/api/mesh-advisor/entities/default/component/nope/evaluation',
      );
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({
        name: 'NotFoundError',
        message: expect.stringContaining('No entity component:default/nope'),
      });

      const website = await api.get(
        '/api/mesh-advisor/entities/default/component/marketing-site/evaluation',
      );
      expect(website.status).toBe(404);
      expect(website.body.error.message).toBe(
        'component:default/marketing-site is a Component of type website; Mesh Advisor evaluates Components of type service',
      );

      const badLive = await api.get(
        '/api/mesh-advisor/entities/default/component/ledger/evaluation?live=perhaps',
      );
      expect(badLive.status).toBe(400);
      expect(badLive.body.error.message).toContain('live');
    });

    it('lists evaluations with server-side filters, sorting and cursor pagination', async () => {
      const { api } = await start(databaseId);
      const all = await api.get('/api/mesh-advisor/evaluations?limit=500');
      expect(all.status).toBe(200);
      expect(all.body.totalCount).toBe(SERVICES);
      const names = all.body.items.map((i: any) => i.entityRef);
      expect(names).toEqual([...names].sort());

      const linkerd = await api.get(
        '/api/mesh-advisor/evaluations?mesh=linkerd',
      );
      expect(linkerd.body.items.length).toBeGreaterThan(0);
      expect(
        linkerd.body.items.every((i: any) => i.recommendedMesh === 'linkerd'),
      ).toBe(true);
      expect(linkerd.body.totalCount).toBe(linkerd.body.items.length);

      const invalid = await api.get(
        '/api/mesh-advisor/evaluations?status=invalid',
      );
      expect(invalid.body.items.map((i: any) => i.name).sort()).toEqual([
        'edi-gateway',
        'refund-service',
        'shipping-rates',
        'tax-calculator',
      ]);

      const payments = await api.get(
        '/api/mesh-advisor/evaluations?owner=payments-team',
      );
      expect(payments.body.items.length).toBeGreaterThan(0);
      expect(
        payments.body.items.every(
          (i: any) => i.owner === 'group:default/payments-team',
        ),
      ).toBe(true);

      const search = await api.get('/api/mesh-advisor/evaluations?q=LEDGER');
      expect(search.body.items.map((i: any) => i.name)).toContain('ledger');

      const byScore = await api.get(
        '/api/mesh-advisor/evaluations?sort=score&order=desc&limit=500',
      );
      const scores = byScore.body.items.map((i: any) => i.score ?? -1);
      expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));

      // walk every page of 7, sorted by mesh: each service exactly once
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await api.get(
          `/api/mesh-advisor/evaluations?sort=mesh&limit=7${
            cursor ? `&cursor=${cursor}` : ''
          }`,
        );
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(7);
        seen.push(...page.body.items.map((i: any) => i.entityRef));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(SERVICES);
      expect(new Set(seen).size).toBe(SERVICES);
    });

    it('rejects bad queries with 400 naming the field', async () => {
      const { api } = await start(databaseId);
      for (const [query, field] of [
        ['limit=0', 'limit'],
        ['limit=501', 'limit'],
        ['mesh=consul', 'mesh'],
        ['sort=colour', 'sort'],
        ['status=broken', 'status'],
        ['cursor=garbage', 'cursor'],
      ]) {
        const res = await api.get(`/api/mesh-advisor/evaluations?${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(field);
      }
    });

    it('summarises counts per mesh and status and the platform recommendation', async () => {
      const { api } = await start(databaseId);
      const res = await api.get('/api/mesh-advisor/summary');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/json; charset=utf-8',
      );
      expect(res.body.total).toBe(SERVICES);
      expect(res.body.byStatus).toEqual({
        evaluated: 32,
        excluded: 2,
        invalid: 4,
      });
      const meshTotal = Object.values(
        res.body.byMesh as Record<string, number>,
      ).reduce((a, b) => a + b, 0);
      expect(meshTotal).toBe(32);
      expect(res.body.stale).toBe(false);
      expect(res.body.lastSweep).toMatchObject({
        outcome: 'succeeded',
        services: SERVICES,
      });
      expect(res.body.platform.recommendation.mesh).toBe(
        res.body.platform.ranking[0].mesh,
      );
      expect(Array.isArray(res.body.platform.unsatisfied)).toBe(true);
    });

    it('evaluates a posted entity without storing it (what-if), and rejects bodies that are not entities', async () => {
      const { api, knex } = await start(databaseId);
      const entity: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'what-if',
          annotations: {
            'mesh-advisor.io/requires': 'mtls, vm-workloads, jwt-auth',
          },
        },
        spec: { type: 'service', owner: 'team', lifecycle: 'production' },
      };
      const res = await api
        .post('/api/mesh-advisor/evaluate')
        .send({ entity, platform: { cni: 'calico' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        live: true,
        recommendation: { mesh: 'istio-sidecar' },
        platform: { cni: 'calico' },
      });
      expect(
        await knex('mesh_advisor_evaluations')
          .where('entity_ref', 'component:default/what-if')
          .first(),
      ).toBeUndefined();

      for (const [body, field] of [
        [{}, 'entity'],
        [{ entity: { kind: 'Component' } }, 'apiVersion'],
        [{ entity: { ...entity, metadata: {} } }, 'name'],
        [{ entity, platform: { currentMesh: 'consul' } }, 'currentMesh'],
        [{ entity, extra: 1 }, 'extra'],
      ] as const) {
        const bad = await api.post('/api/mesh-advisor/evaluate').send(body);
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toContain(field);
      }
    });

    it('serves the knowledge base in use', async () => {
      const { api } = await start(databaseId);
      const res = await api.get('/api/mesh-advisor/knowledge-base');
      expect(res.status).toBe(200);
      expect(res.body.version).toMatch(/^\d{4}\./);
      expect(Object.keys(res.body.meshes)).toEqual(
        expect.arrayContaining(['istio-ambient', 'linkerd', 'envoy-gateway']),
      );
    });

    it('answers 401 without credentials', async () => {
      const { api } = await start(databaseId);
      for (const path of [
        '/evaluations',
        '/summary',
        '/knowledge-base',
        '/entities/default/component/ledger/evaluation',
        '/decisions',
      ]) {
        const res = await api
          .get(`/api/mesh-advisor${path}`)
          .set('Authorization', mockCredentials.none.header());
        expect(res.status).toBe(401);
      }
      const post = await api
        .post('/api/mesh-advisor/evaluate')
        .set('Authorization', mockCredentials.none.header())
        .send({});
      expect(post.status).toBe(401);
    });
  },
);
