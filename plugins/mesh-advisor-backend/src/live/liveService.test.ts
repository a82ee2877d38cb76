import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createEvaluator } from '@mesh-advisor/plugin-mesh-advisor-common';
import { DatabaseEvaluationStore } from '../database/DatabaseEvaluationStore';
import { DatabaseLiveStore } from '../database/DatabaseLiveStore';
import { MIGRATIONS } from '../database/migrations';
import { toRecord } from '../service/records';
import { insertAcceptedDecision } from '../__testUtils__/live/acceptedDecision';
import { LIVE_FIELDS } from './liveStates';
import { LiveRead, LiveService } from './liveService';
import { derivePlatform } from './platformContext';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const service = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': name },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
});

/** A catalog that pages by offset and records each query; `failAt` fails that page. */
function pagedCatalog(entities: Entity[], failAt?: number) {
  const queries: Array<{ limit?: number; fields?: string[] }> = [];
  const catalog = {
    async queryEntities(request: any) {
      queries.push({ limit: request.limit, fields: request.fields });
      if (queries.length === failAt) throw new Error('catalog went away');
      const offset = Number(request.cursor ?? 0);
      const next = offset + request.limit;
      return {
        items: entities.slice(offset, next),
        totalItems: entities.length,
        pageInfo: next < entities.length ? { nextCursor: String(next) } : {},
      };
    },
  } as unknown as CatalogService;
  return { catalog, queries };
}

// no cluster read: the join still stores a state per service
const read: LiveRead = {
  views: [],
  states: [],
  requests: 0,
  platform: derivePlatform([], {}),
  at: new Date('2026-11-30T10:00:00.000Z'),
};

describe.each(databases.eachSupportedId())('the live pass on %s', id => {
  async function setUp() {
    const knex = await databases.init(id);
    await knex.migrate.latest(MIGRATIONS);
    const store = new DatabaseLiveStore(knex);
    const pass = (catalog: CatalogService) =>
      new LiveService({
        reader: undefined as any,
        store,
        catalog,
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        platform: {},
      }).record(read);
    const stored = async () =>
      (await knex('mesh_advisor_actual_states').select('entity_ref'))
        .map(r => r.entity_ref)
        .sort();
    return { knex, store, pass, stored };
  }

  it('reads the catalog in pages of 1,000 with the fields it needs, joining each page with its stored advice and decisions', async () => {
    const { knex, store, pass, stored } = await setUp();
    const entities = Array.from({ length: 2500 }, (_, i) => service(`s${i}`));
    // a website is read, not stored
    entities.splice(10, 0, {
      ...service('site'),
      spec: { type: 'website', lifecycle: 'production', owner: 'team-a' },
    });
    // advice and a decision for a service on the last page
    const last = entities[2400];
    await new DatabaseEvaluationStore(knex).writeChanged(
      [toRecord(last, createEvaluator({ platform: {} })(last, 1), 'h', 1)],
      new Date(),
    );
    await insertAcceptedDecision(knex, 'component:default/s2399', 'linkerd');
    const { catalog, queries } = pagedCatalog(entities);

    const outcome = await pass(catalog);

    expect(queries).toHaveLength(3);
    expect(queries.every(q => q.limit === 1000)).toBe(true);
    expect(queries[0].fields).toEqual(LIVE_FIELDS);
    expect(outcome.services).toBe(2500);
    expect(await stored()).toHaveLength(2500);
    expect(await stored()).not.toContain('component:default/site');
    const actual = await store.get('component:default/s2399');
    expect(actual?.decided).toBe('linkerd');
    expect(actual?.recommended).toEqual(expect.any(String));
  });

  it('removes the states of services gone from the catalog only after a complete read', async () => {
    const { pass, stored } = await setUp();
    const before = Array.from({ length: 1500 }, (_, i) => service(`s${i}`));
    await pass(pagedCatalog([...before, service('gone')]).catalog);
    expect(await stored()).toContain('component:default/gone');

    // the catalog fails on its second page: nothing is removed
    await expect(pass(pagedCatalog(before, 2).catalog)).rejects.toThrow(
      'catalog went away',
    );
    expect(await stored()).toContain('component:default/gone');

    await pass(pagedCatalog(before).catalog);
    expect(await stored()).not.toContain('component:default/gone');
    expect(await stored()).toHaveLength(1500);
  });
});
