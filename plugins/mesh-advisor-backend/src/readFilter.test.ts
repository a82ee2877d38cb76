import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { readMeshAdvisorConfig } from './config';
import { DatabaseEvaluationStore } from './database/DatabaseEvaluationStore';
import { MIGRATIONS } from './database/migrations';
import { ReadCache } from './readCache';
import { toReadFilter } from './service/readFilter';
import { runSweep } from './service/sweep';
import { CONFIG } from './__testUtils__/decisionHarness';
import { FakeCatalog } from './__testUtils__/fakeCatalog';

const owner = (claims: string[]) => ({
  rule: 'IS_ENTITY_OWNER',
  resourceType: 'catalog-entity',
  params: { claims },
});

describe('toReadFilter', () => {
  it('expresses owner, namespace, kind and type conditions, nested', () => {
    expect(
      toReadFilter({
        anyOf: [
          owner(['Group:default/Team-A']),
          {
            not: {
              rule: 'HAS_METADATA',
              resourceType: 'catalog-entity',
              params: { key: 'namespace', value: 'Ops' },
            },
          },
          {
            allOf: [
              { rule: 'IS_ENTITY_KIND', params: { kinds: ['API'] } },
              { rule: 'HAS_SPEC', params: { key: 'type', value: 'service' } },
            ],
          },
        ],
      }),
    ).toEqual({
      anyOf: [
        { column: 'owner', values: ['group:default/team-a'] },
        { not: { column: 'namespace', values: ['ops'] } },
        { allOf: [{ always: false }, { always: true }] },
      ],
    });
  });

  it('leaves to the catalog what the stored columns cannot answer, even nested', () => {
    const label = { rule: 'HAS_LABEL', params: { label: 'x' } };
    expect(toReadFilter(label)).toBeUndefined();
    expect(
      toReadFilter({ anyOf: [owner(['user:default/a']), label] }),
    ).toBeUndefined();
    expect(
      toReadFilter({ rule: 'HAS_SPEC', params: { key: 'system', value: 's' } }),
    ).toBeUndefined();
    expect(
      toReadFilter({ rule: 'HAS_METADATA', params: { key: 'name' } }),
    ).toBeUndefined();
  });
});

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const svc = (name: string, namespace: string, ownerRef: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace },
  spec: { type: 'service', lifecycle: 'production', owner: ownerRef },
});

describe.each(databases.eachSupportedId())('read filters in SQL on %s', id => {
  it('list pages, counts and the summary filter apply them', async () => {
    const knex = await databases.init(id);
    await knex.migrate.latest(MIGRATIONS);
    const settings = await readMeshAdvisorConfig(new ConfigReader(CONFIG));
    const store = new DatabaseEvaluationStore(knex, new ReadCache(1000));
    await runSweep({
      catalog: new FakeCatalog([
        svc('a1', 'default', 'group:default/team-a'),
        svc('a2', 'ops', 'group:default/team-a'),
        svc('b1', 'default', 'group:default/team-b'),
        svc('b2', 'ops', 'group:default/team-b'),
        svc('u1', 'default', 'user:default/alice'),
      ]).service,
      auth: mockServices.auth(),
      store,
      logger: mockServices.logger.mock(),
      knowledgeBase: settings.knowledgeBase,
      platform: settings.platform,
    });
    const refs = async (criteria: unknown) => {
      const page = await store.list({
        sort: 'name',
        order: 'asc',
        limit: 2,
        readFilter: toReadFilter(criteria)!,
      });
      const rest = page.nextCursor
        ? await store.list({
            sort: 'name',
            order: 'asc',
            limit: 50,
            cursor: page.nextCursor,
            readFilter: toReadFilter(criteria)!,
          })
        : { items: [] };
      return {
        total: page.totalCount,
        refs: [...page.items, ...rest.items].map(i => i.entityRef),
      };
    };

    expect(
      await refs(owner(['user:default/alice', 'group:default/team-a'])),
    ).toEqual({
      total: 3,
      refs: [
        'component:default/a1',
        'component:default/u1',
        'component:ops/a2',
      ],
    });
    // the same page query for another caller is not served from the first one's cache
    expect(
      await refs({
        anyOf: [
          owner(['group:default/team-b']),
          {
            rule: 'HAS_METADATA',
            params: { key: 'namespace', value: 'ops' },
          },
        ],
      }),
    ).toEqual({
      total: 3,
      refs: ['component:default/b1', 'component:ops/a2', 'component:ops/b2'],
    });
    expect(await refs({ not: owner(['group:default/team-a']) })).toEqual({
      total: 3,
      refs: [
        'component:default/b1',
        'component:default/u1',
        'component:ops/b2',
      ],
    });
    expect(await refs(owner([]))).toEqual({ total: 0, refs: [] });
    expect(
      await store.readableAmong(
        ['component:default/a1', 'component:default/b1', 'component:gone/x'],
        toReadFilter(owner(['group:default/team-b']))!,
      ),
    ).toEqual(new Set(['component:default/b1']));
  });
});
