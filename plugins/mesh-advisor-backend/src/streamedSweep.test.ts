import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { readMeshAdvisorConfig } from './config';
import { DatabaseEvaluationStore } from './database/DatabaseEvaluationStore';
import { MIGRATIONS } from './database/migrations';
import { ReadCache } from './readCache';
import { runSweep } from './service/sweep';
import { CONFIG } from './__testUtils__/decisionHarness';
import { FakeCatalog } from './__testUtils__/fakeCatalog';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** `n` services in a chain: svc-0 depends on svc-1, … (depths n … 1). */
function services(n: number, annotations: Record<string, string> = {}) {
  return Array.from(
    { length: n },
    (_, i): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${String(i).padStart(3, '0')}`,
        namespace: 'default',
        annotations,
      },
      spec: {
        type: 'service',
        owner: `team-${i % 3}`,
        lifecycle: 'production',
        ...(i < 5
          ? { dependsOn: [`component:svc-${String(i + 1).padStart(3, '0')}`] }
          : {}),
      },
    }),
  );
}

/** The catalog, failing from the `failAt`-th queryEntities call on (one per page). */
function dyingCatalog(catalog: FakeCatalog, failAt: number): CatalogService {
  let calls = 0;
  return new Proxy(catalog.service, {
    get: (target, prop) =>
      prop === 'queryEntities'
        ? async (...args: any[]) => {
            if (++calls >= failAt) throw new Error('socket hang up');
            return (target.queryEntities as any)(...args);
          }
        : (target as any)[prop],
  });
}

describe.each(databases.eachSupportedId())('streamed sweep on %s', id => {
  async function setUp() {
    const knex = await databases.init(id);
    await knex.migrate.latest(MIGRATIONS);
    const settings = await readMeshAdvisorConfig(new ConfigReader(CONFIG));
    const store = new DatabaseEvaluationStore(knex, new ReadCache(0));
    const sweep = (catalog: CatalogService) =>
      runSweep({
        catalog,
        auth: mockServices.auth(),
        store,
        logger: mockServices.logger.mock(),
        knowledgeBase: settings.knowledgeBase,
        platform: settings.platform,
        pageSize: 10,
      });
    return { knex, store, sweep };
  }

  it('reads page by page, stores depths from the first pass, rewrites nothing unchanged', async () => {
    const { knex, sweep } = await setUp();
    const catalog = new FakeCatalog(services(45));
    expect(await sweep(catalog.service)).toMatchObject({
      outcome: 'succeeded',
      services: 45,
      written: 45,
      removed: 0,
    });
    const head = await knex('mesh_advisor_evaluations')
      .where('entity_ref', 'component:default/svc-000')
      .first();
    // the chain svc-000 → … → svc-005 is read across pages
    expect(Number(head.depth)).toBe(6);
    expect(JSON.parse(head.depends_on)).toEqual(['component:default/svc-001']);

    expect(await sweep(catalog.service)).toMatchObject({
      outcome: 'succeeded',
      written: 0,
      removed: 0,
    });
  });

  it('adding a service (the count changes, above the small-platform threshold) rewrites only that row', async () => {
    const { sweep } = await setUp();
    const catalog = new FakeCatalog(services(60));
    await sweep(catalog.service);
    catalog.entities = services(61);
    expect(await sweep(catalog.service)).toMatchObject({
      services: 61,
      written: 1,
      removed: 0,
    });
    catalog.entities = services(59);
    expect(await sweep(catalog.service)).toMatchObject({
      services: 59,
      written: 0,
      removed: 2,
    });
  });

  it('a sweep that dies midway leaves every previous result and the last summary served', async () => {
    const { knex, store, sweep } = await setUp();
    const catalog = new FakeCatalog(services(45));
    await sweep(catalog.service);
    const before = await knex('mesh_advisor_evaluations').orderBy('entity_ref');
    const summaryBefore = (await store.lastSuccessfulSweep())!.summary;

    // every service changes, and a service is gone; the catalog dies on the
    // second page of the full read (first pass: 5 pages)
    catalog.entities = services(44, { 'mesh-advisor.io/exposure': 'edge' });
    const outcome = await sweep(dyingCatalog(catalog, 7));
    expect(outcome.outcome).toBe('failed');

    const after = await knex('mesh_advisor_evaluations').orderBy('entity_ref');
    // none removed; the first page was refreshed, the rest kept as they were
    expect(after.map(r => r.entity_ref)).toEqual(before.map(r => r.entity_ref));
    const refreshed = after.filter(
      (r, i) => r.input_hash !== before[i].input_hash,
    );
    expect(refreshed).toHaveLength(10);
    expect(after.every(r => Boolean(r.stale))).toBe(true);
    expect((await store.lastSuccessfulSweep())!.summary).toEqual(summaryBefore);
    const page = await store.list({ sort: 'name', order: 'asc', limit: 100 });
    expect(page.totalCount).toBe(45);

    // the next complete sweep catches up, and only then removes the gone one
    expect(await sweep(catalog.service)).toMatchObject({
      outcome: 'succeeded',
      written: 34,
      removed: 1,
    });
  });

  it('a database failure midway keeps the previous results, unflagged', async () => {
    const { knex, store, sweep } = await setUp();
    const catalog = new FakeCatalog(services(30));
    await sweep(catalog.service);
    const before = await knex('mesh_advisor_evaluations').orderBy('entity_ref');
    const write = store.writeChanged.bind(store);
    let batches = 0;
    store.writeChanged = async (records, now) => {
      if (++batches === 2) throw new Error('connection terminated');
      return write(records, now);
    };
    catalog.entities = services(29, { 'mesh-advisor.io/exposure': 'edge' });
    expect((await sweep(catalog.service)).outcome).toBe('failed');
    const after = await knex('mesh_advisor_evaluations').orderBy('entity_ref');
    expect(after).toHaveLength(30);
    expect(
      after.filter((r, i) => r.input_hash !== before[i].input_hash),
    ).toHaveLength(10);
  });
});
