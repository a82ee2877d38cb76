import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { loadExampleEntities } from './__testUtils__/exampleCatalog';
import { FakeCatalog } from './__testUtils__/fakeCatalog';
import {
  OTHER,
  OUTSIDER,
  OWNER,
  startDecisionBackend,
  UNKNOWN_ID,
} from './__testUtils__/decisionHarness';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'access to decisions on %s',
  databaseId => {
    it('answers 404 for unknown entities and decisions, and for entities the user may not read', async () => {
      const catalog = new FakeCatalog(loadExampleEntities());
      catalog.visibleTo.set(
        OUTSIDER,
        new Set(['component:default/checkout-api']),
      );
      const { file, transition, get } = await startDecisionBackend(
        databases,
        databaseId,
        {
          catalog,
          grants: {
            [OWNER]: ['component:default/payments-api'],
            [OUTSIDER]: [
              'component:default/payments-api',
              'component:default/checkout-api',
            ],
          },
        },
      );
      const missing = await file(OWNER, {
        entityRef: 'component:default/nope',
      });
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toContain('component:default/nope');

      for (const p of [
        `/decisions/${UNKNOWN_ID}`,
        `/decisions/${UNKNOWN_ID}/adr.md`,
      ]) {
        expect((await get(OWNER, p)).status).toBe(404);
      }
      expect(
        (await transition(OWNER, UNKNOWN_ID, { action: 'accept', version: 1 }))
          .status,
      ).toBe(404);
      // not a uuid: the path parameter is validated
      expect((await get(OWNER, '/decisions/not-an-id')).status).toBe(400);

      const { body: d } = await file(OWNER, {});
      // the outsider cannot read payments-api: its decisions do not exist for them,
      // even though the permission would allow it
      expect((await get(OUTSIDER, `/decisions/${d.id}`)).status).toBe(404);
      expect((await get(OUTSIDER, `/decisions/${d.id}/adr.md`)).status).toBe(
        404,
      );
      const tr = await transition(OUTSIDER, d.id, {
        action: 'accept',
        version: 1,
      });
      expect(tr.status).toBe(404);
      expect(tr.body.error.message).not.toContain('payments-api');
      expect((await file(OUTSIDER, {})).status).toBe(404);
      const list = await get(OUTSIDER, '/decisions');
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([]);
      // and nothing changed
      expect((await get(OWNER, `/decisions/${d.id}`)).body).toMatchObject({
        status: 'proposed',
        version: 1,
      });
    });

    it('answers 403 to users without the permission, 401 without credentials', async () => {
      const { file, transition, get, api, permissions } =
        await startDecisionBackend(databases, databaseId);
      const denied = await file(OTHER, {});
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toContain(
        'mesh-advisor.decision.create',
      );

      const { body: d } = await file(OWNER, {});
      const deniedTransition = await transition(OTHER, d.id, {
        action: 'accept',
        version: 1,
      });
      expect(deniedTransition.status).toBe(403);
      expect(deniedTransition.body.error.message).toContain(
        'mesh-advisor.decision.transition',
      );
      // the permission was asked about the entity, as the caller
      expect(permissions.asked).toContainEqual({
        user: OTHER,
        permission: 'mesh-advisor.decision.transition',
        resourceRef: 'component:default/payments-api',
      });
      expect(permissions.asked).toContainEqual({
        user: OWNER,
        permission: 'mesh-advisor.decision.create',
        resourceRef: 'component:default/payments-api',
      });
      // reading needs no mesh-advisor permission, only catalog read access
      expect((await get(OTHER, `/decisions/${d.id}`)).status).toBe(200);
      expect((await get(OWNER, `/decisions/${d.id}`)).body).toMatchObject({
        status: 'proposed',
        version: 1,
      });

      const none = mockCredentials.none.header();
      for (const req of [
        api.get('/api/mesh-advisor/decisions'),
        api.get(`/api/mesh-advisor/decisions/${d.id}`),
        api.get(`/api/mesh-advisor/decisions/${d.id}/adr.md`),
        api.post('/api/mesh-advisor/decisions').send({
          entityRef: 'component:default/payments-api',
          chosen: 'linkerd',
          title: 'abc',
          rationale: 'abc',
        }),
        api
          .post(`/api/mesh-advisor/decisions/${d.id}/transitions`)
          .send({ action: 'accept', version: 1 }),
      ]) {
        const res = await req.set('Authorization', none);
        expect(res.status).toBe(401);
      }
      // a service may read, but not file: there is nobody to name as author
      const service = mockCredentials.service.header();
      expect(
        (
          await api
            .get(`/api/mesh-advisor/decisions/${d.id}`)
            .set('Authorization', service)
        ).status,
      ).toBe(200);
      const byService = await api
        .post('/api/mesh-advisor/decisions')
        .set('Authorization', service)
        .send({
          entityRef: 'component:default/payments-api',
          chosen: 'linkerd',
          title: 'abc',
          rationale: 'abc',
        });
      expect(byService.status).toBe(403);
    });
  },
);
