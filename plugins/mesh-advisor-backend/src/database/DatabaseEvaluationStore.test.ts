import { TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { createEvaluator } from '@mesh-advisor/plugin-mesh-advisor-common';
import { ReadCache } from '../readCache';
import { toRecord } from '../service/records';
import { DatabaseEvaluationStore } from './DatabaseEvaluationStore';
import { MIGRATIONS } from './migrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const evaluate = createEvaluator({ platform: { cni: 'cilium', clusters: 2 } });
const T0 = new Date('2026-11-30T10:00:00.000Z');
const T1 = new Date('2026-11-30T11:00:00.000Z');
const byName = { sort: 'name', order: 'asc', limit: 2 } as const;

/** A service named `name`. */
function service(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

/** What the sweep stores for a service named `name`, with inputs hashing to `hash`. */
function record(name: string, hash = 'h1') {
  const entity = service(name);
  return toRecord(entity, evaluate(entity, 1), hash, 1);
}

const ref = (name: string) => `component:default/${name}`;

describe.each(databases.eachSupportedId())(
  'DatabaseEvaluationStore on %s',
  databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest(MIGRATIONS);
      // long enough that nothing expires within a test
      const cache = new ReadCache(60_000);
      return { knex, cache, store: new DatabaseEvaluationStore(knex, cache) };
    }

    it('keeps a row evaluated after the writer read its entity (a change handled during a sweep)', async () => {
      const { store } = await setUp();
      const T2 = new Date('2026-11-30T12:00:00.000Z');
      // a sweep read page at T0; a change evaluated b's new inputs at T1
      await store.writeChanged([record('a'), record('b')], T0);
      expect(await store.writeChanged([record('b', 'new')], T1, T1)).toBe(1);
      // the sweep's write (at T2) of what it read at T0 leaves b as the change wrote it
      expect(
        await store.writeChanged(
          [record('a', 'swept'), record('b', 'old')],
          T2,
          T0,
        ),
      ).toBe(1);
      expect(await store.inputHashes([ref('a'), ref('b')])).toEqual(
        new Map([
          [ref('a'), 'swept'],
          [ref('b'), 'new'],
        ]),
      );
      // a writer that read after the change wrote overwrites as usual
      expect(await store.writeChanged([record('b', 'later')], T2, T2)).toBe(1);
      expect((await store.inputHashes([ref('b')])).get(ref('b'))).toBe('later');
    });

    it('writes only the services whose inputs changed', async () => {
      const { store } = await setUp();
      expect(await store.writeChanged([record('a'), record('b')], T0)).toBe(2);

      expect(
        await store.writeChanged([record('a'), record('b', 'h2')], T1),
      ).toBe(1);
      expect((await store.get(ref('a')))?.evaluatedAt).toBe(T0.toISOString());
      expect((await store.get(ref('b')))?.evaluatedAt).toBe(T1.toISOString());
      expect(await store.writeChanged([], T1)).toBe(0);
      // what the sweep compares before evaluating: only services with a row
      expect(await store.inputHashes([ref('a'), ref('b'), ref('c')])).toEqual(
        new Map([
          [ref('a'), 'h1'],
          [ref('b'), 'h2'],
        ]),
      );
    });

    it('stores the result as text, characters beyond Latin-1 intact (PostgreSQL gets UTF-8 bytes)', async () => {
      const { knex, store } = await setUp();
      // an en dash and a character outside the BMP (a surrogate pair in JS)
      const result = {
        ...evaluate(service('a'), 1),
        notes: ['p99 – 50 ms 🚀'],
      };
      await store.writeChanged([toRecord(service('a'), result, 'h1', 1)], T0);

      const [row] = await knex('mesh_advisor_evaluations').select('result');
      expect(typeof row.result).toBe('string');
      expect(JSON.parse(row.result)).toEqual(result);
      const { evaluatedAt, stale, catalogVersion, ...stored } =
        (await store.get(ref('a')))!;
      expect(stored).toEqual(result);
    });

    it('pages by keyset: services written between pages neither repeat nor shift rows', async () => {
      const { store } = await setUp();
      await store.writeChanged(
        ['b', 'd', 'f', 'h'].map(n => record(n)),
        T0,
      );
      const first = await store.list(byName);
      expect(first.items.map(i => i.name)).toEqual(['b', 'd']);
      expect(first.totalCount).toBe(4);

      // one before the cursor, one after it
      await store.writeChanged([record('a'), record('e')], T1);
      const second = await store.list({ ...byName, cursor: first.nextCursor! });
      expect(second.items.map(i => i.name)).toEqual(['e', 'f']);
      const third = await store.list({
        ...byName,
        cursor: second.nextCursor!,
      });
      expect(third.items.map(i => i.name)).toEqual(['h']);
      expect(third.nextCursor).toBeNull();
    });

    it('reuses a page from the replica cache until something clears it', async () => {
      const { knex, cache, store } = await setUp();
      await store.writeChanged([record('a')], T0);
      const before = await store.list(byName);
      // a write behind this replica's back (another replica's) is not seen yet
      await knex('mesh_advisor_evaluations')
        .where('entity_ref', ref('a'))
        .update({ title: 'Renamed' });
      expect(await store.list(byName)).toBe(before);

      cache.clear();
      expect((await store.list(byName)).items[0].title).toBe('Renamed');
    });

    it('clears the whole replica cache, the summary with the pages, on its own writes', async () => {
      const { cache, store } = await setUp();
      let summaryReads = 0;
      const summary = () => cache.get('summary', async () => ++summaryReads);
      await summary();
      await store.list(byName);

      await store.writeChanged([record('a')], T0);
      expect((await store.list(byName)).totalCount).toBe(1);
      expect(await summary()).toBe(2);

      // an unchanged write clears nothing
      await store.writeChanged([record('a')], T1);
      expect(await summary()).toBe(2);

      await store.markAllStale();
      expect((await store.list(byName)).items[0].stale).toBe(true);
      expect(await summary()).toBe(3);
    });

    it('after a complete read removes the services gone from the catalog and clears staleness', async () => {
      const { store } = await setUp();
      await store.writeChanged(
        ['a', 'b', 'c'].map(n => record(n)),
        T0,
      );
      await store.markAllStale();

      expect(await store.removeAllExcept(new Set([ref('a'), ref('b')]))).toBe(
        1,
      );
      expect(await store.get(ref('c'))).toBeUndefined();
      expect((await store.get(ref('a')))?.stale).toBe(false);
      expect(await store.serviceCount()).toBe(2);
      const page = await store.list({ ...byName, limit: 10 });
      expect(page.items.map(i => [i.name, i.stale])).toEqual([
        ['a', false],
        ['b', false],
      ]);
    });
  },
);
