import { TestDatabases } from '@backstage/backend-test-utils';
import { CONFIG } from './__testUtils__/decisionHarness';
import { loadExampleEntities, SERVICES } from './__testUtils__/exampleCatalog';
import { FakeCatalog } from './__testUtils__/fakeCatalog';
import { pluginBackendStarter } from './__testUtils__/pluginHarness';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const start = pluginBackendStarter(databases);
/** A copy of ledger (ledger-2) joins the catalog; then a sweep, a moment later. */
async function sweepWithOneMoreService(
  catalog: FakeCatalog,
  sweep: () => Promise<unknown>,
) {
  const ledger = catalog.entities.find(e => e.metadata.name === 'ledger')!;
  catalog.entities = [
    ...catalog.entities,
    { ...ledger, metadata: { ...ledger.metadata, name: 'ledger-2' } },
  ];
  await new Promise(r => setTimeout(r, 5));
  await sweep();
}

describe.each(databases.eachSupportedId())(
  'mesh-advisor backend sweeps on %s',
  databaseId => {
    it('reuses the pages it read for cacheSeconds; with 0 reads every request fresh', async () => {
      const url = '/api/mesh-advisor/evaluations?sort=name&limit=1';
      const rename = (knex: any, entityRef: string) =>
        knex('mesh_advisor_evaluations')
          .where('entity_ref', entityRef)
          .update({ title: 'Renamed elsewhere' });

      // cached: a change behind this replica's back shows only after the period
      const cached = await start(databaseId, undefined, { cacheSeconds: 60 });
      const before = await cached.api.get(url);
      const first = before.body.items[0];
      expect(first.title).not.toBe('Renamed elsewhere');
      await rename(cached.knex, first.entityRef);
      const again = await cached.api.get(url);
      expect(again.body.items[0].title).toBe(first.title);
      await cached.backend.stop();

      const fresh = await start(databaseId, undefined, { cacheSeconds: 0 });
      await fresh.api.get(url);
      await rename(fresh.knex, first.entityRef);
      const now = await fresh.api.get(url);
      expect(now.body.items[0].title).toBe('Renamed elsewhere');
    });

    it('keeps the last results and marks them stale when the catalog is unreachable', async () => {
      const { api, catalog, sweep, knex } = await start(databaseId);
      catalog.down = true;
      await sweep();
      const summary = await api.get('/api/mesh-advisor/summary');
      expect(summary.body).toMatchObject({
        stale: true,
        total: SERVICES,
        lastSweep: { outcome: 'failed' },
      });
      expect(summary.body.lastSweep.message).toContain('catalog unreachable');
      const [{ count }] = await knex('mesh_advisor_evaluations').count({
        count: '*',
      });
      expect(Number(count)).toBe(SERVICES);
      const list = await api.get('/api/mesh-advisor/evaluations?limit=500');
      expect(list.body.items.every((i: any) => i.stale)).toBe(true);

      catalog.down = false;
      await sweep();
      const after = await api.get('/api/mesh-advisor/summary');
      expect(after.body.stale).toBe(false);
      const listAfter = await api.get(
        '/api/mesh-advisor/evaluations?limit=500',
      );
      expect(listAfter.body.items.some((i: any) => i.stale)).toBe(false);
    });

    it('drops results of services removed from the catalog on the next successful sweep', async () => {
      const { api, catalog, sweep } = await start(databaseId);
      catalog.entities = catalog.entities.filter(
        e => e.metadata.name !== 'ledger',
      );
      await sweep();
      const list = await api.get('/api/mesh-advisor/evaluations?limit=500');
      expect(list.body.totalCount).toBe(SERVICES - 1);
      expect(list.body.items.map((i: any) => i.name)).not.toContain('ledger');
      // fraud-detection lost its last hop
      const fraud = await api.get(
        '/api/mesh-advisor/entities/default/component/fraud-detection/evaluation',
      );
      expect(fraud.body.callChainDepth).toBe(1);
    });

    it('sweeps a Component whose type is written "Service", as the engine and the Mesh tab read it', async () => {
      const catalog = new FakeCatalog(loadExampleEntities());
      catalog.entities = catalog.entities.map(e =>
        e.metadata.name === 'ledger'
          ? { ...e, spec: { ...e.spec, type: 'Service' } }
          : e,
      );
      const { api } = await start(databaseId, catalog);
      const res = await api.get(
        '/api/mesh-advisor/entities/default/component/ledger/evaluation',
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'evaluated', stale: false });
      expect(res.body.live).toBeUndefined();
      const list = await api.get('/api/mesh-advisor/evaluations?limit=500');
      expect(list.body.totalCount).toBe(SERVICES);
    });

    it('rewrites only the new service when the catalog grows above the small-platform threshold', async () => {
      const { api, catalog, sweep } = await start(databaseId);
      const before = await api.get(
        '/api/mesh-advisor/entities/default/component/payments-api/evaluation',
      );
      await sweepWithOneMoreService(catalog, sweep);
      const added = await api.get(
        '/api/mesh-advisor/entities/default/component/ledger-2/evaluation',
      );
      expect(added.status).toBe(200);
      expect(added.body.platform.serviceCount).toBe(SERVICES + 1);
      const after = await api.get(
        '/api/mesh-advisor/entities/default/component/payments-api/evaluation',
      );
      // not rewritten: same evaluation time, the count it was evaluated with
      expect(after.body.evaluatedAt).toBe(before.body.evaluatedAt);
      expect(after.body.platform.serviceCount).toBe(SERVICES);
    });

    it('below the small-platform threshold, rewrites every service when the count changes (the reasons quote it)', async () => {
      const { api, catalog, sweep } = await start(databaseId, undefined, {
        platform: {
          ...CONFIG.meshAdvisor.platform,
          smallPlatformThreshold: 40,
        },
      });
      const before = await api.get(
        '/api/mesh-advisor/entities/default/component/payments-api/evaluation',
      );
      await sweepWithOneMoreService(catalog, sweep);
      const after = await api.get(
        '/api/mesh-advisor/entities/default/component/payments-api/evaluation',
      );
      expect(after.body.evaluatedAt).not.toBe(before.body.evaluatedAt);
      expect(after.body.platform.serviceCount).toBe(SERVICES + 1);
    });

    it('keeps pagination stable while a sweep rewrites results', async () => {
      const { api, catalog, sweep } = await start(databaseId);
      const first = await api.get('/api/mesh-advisor/evaluations?limit=10');
      const seen = first.body.items.map((i: any) => i.entityRef);
      // a sweep lands between pages, changing a service on a later page
      catalog.annotate('search-api', {
        'mesh-advisor.io/requires': 'mtls, wasm, vm-workloads',
      });
      await sweep();
      let cursor = first.body.nextCursor;
      while (cursor) {
        const page = await api.get(
          `/api/mesh-advisor/evaluations?limit=10&cursor=${cursor}`,
        );
        seen.push(...page.body.items.map((i: any) => i.entityRef));
        cursor = page.body.nextCursor;
      }
      expect(seen).toHaveLength(SERVICES);
      expect(new Set(seen).size).toBe(SERVICES);
      const changed = await api.get(
        '/api/mesh-advisor/entities/default/component/search-api/evaluation',
      );
      expect(changed.body.recommendation.mesh).toBe('istio-sidecar');
    });
  },
);

// SQLite plans without statistics; skipped when no PostgreSQL is configured.
const describeOnPostgres = databases
  .eachSupportedId()
  .some(([id]) => id === 'POSTGRES_15')
  ? describe
  : describe.skip;

describeOnPostgres('mesh-advisor backend on PostgreSQL', () => {
  it('refreshes the planner statistics after a sweep that rewrote the table', async () => {
    const { knex } = await start('POSTGRES_15');
    // -1 until ANALYZE ran (autovacuum ignores tables this small)
    const { rows } = await knex.raw(
      "SELECT reltuples FROM pg_class WHERE oid = 'mesh_advisor_evaluations'::regclass",
    );
    expect(Number(rows[0].reltuples)).toBe(SERVICES);
  });
});
