import { TestDatabases } from '@backstage/backend-test-utils';
import { DECISION_TRANSITIONS } from '@mesh-advisor/plugin-mesh-advisor-common';
import { DatabaseDecisionStore } from './DatabaseDecisionStore';
import { MIGRATIONS } from './migrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const ENTITY = 'component:default/payments-api';
const AUTHOR = 'user:default/jonas.weber';
const at = (minute: number) =>
  new Date(Date.UTC(2026, 10, 30, 10, minute, 0, 0));

describe.each(databases.eachSupportedId())(
  'DatabaseDecisionStore on %s',
  databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest(MIGRATIONS);
      const store = new DatabaseDecisionStore(knex);
      const file = (title: string, minute = 0, entityRef = ENTITY) =>
        store.create(
          {
            entityRef,
            chosen: 'linkerd',
            title,
            context: '',
            rationale: 'because',
            alternatives: ['istio-ambient'],
            author: AUTHOR,
            snapshot: null,
          },
          at(minute),
        );
      const move = (
        id: string,
        expectedVersion: number,
        action: 'accept' | 'reject' | 'supersede',
        minute = 30,
        supersededBy?: string,
      ) =>
        store.changeStatus(
          {
            id,
            expectedVersion,
            ...DECISION_TRANSITIONS[action],
            actor: AUTHOR,
            supersededBy,
          },
          at(minute),
        );
      return { knex, store, file, move };
    }

    it('files a proposal at version 1 with its created event, found by the list filters', async () => {
      const { store, file } = await setUp();
      const d = await file('Adopt Linkerd');
      expect(d).toMatchObject({
        status: 'proposed',
        version: 1,
        alternatives: ['istio-ambient'],
        createdAt: at(0).toISOString(),
      });
      expect(await store.events(d.id)).toEqual([
        expect.objectContaining({
          type: 'created',
          fromStatus: null,
          toStatus: 'proposed',
          version: 1,
        }),
      ]);
      const find = async (filter: object) =>
        (await store.list({ limit: 10, ...filter })).items.map(i => i.id);
      expect(await find({ author: AUTHOR.toUpperCase() })).toEqual([d.id]);
      expect(await find({ entityRef: ENTITY.toUpperCase() })).toEqual([d.id]);
      expect(await find({ status: 'accepted' })).toEqual([]);
      expect(await find({ chosen: 'istio-ambient' })).toEqual([]);
    });

    it('pages newest first by keyset: decisions filed between pages neither repeat nor shift rows', async () => {
      const { store, file } = await setUp();
      // three share a creation time: the id breaks the tie
      const filed = [
        await file('one', 1),
        await file('two', 2),
        await file('three', 2),
        await file('four', 2),
        await file('five', 3),
      ];
      const expected = [...filed]
        .sort((a, b) => {
          const key = (d: typeof a) => `${d.createdAt} ${d.id}`;
          return key(a) < key(b) ? 1 : -1;
        })
        .map(d => d.id);

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.list({ limit: 2, cursor });
        seen.push(...page.items.map(d => d.id));
        await file(`filed while paging ${seen.length}`, 9);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(expected);
    });

    it('applies a status change only at the version the caller saw', async () => {
      const { store, file, move } = await setUp();
      const d = await file('Adopt Linkerd');
      expect(await move(d.id, 1, 'accept')).toMatchObject({
        outcome: 'changed',
        decision: { status: 'accepted', version: 2 },
      });
      // a second client still editing version 1
      expect(await move(d.id, 1, 'reject')).toEqual({
        outcome: 'conflict',
        current: 2,
      });
      expect((await store.events(d.id)).map(e => e.type)).toEqual([
        'created',
        'accepted',
      ]);
    });

    it('accepting supersedes the decision accepted before it, with an event of its own', async () => {
      const { store, file, move } = await setUp();
      const old = await file('Adopt Linkerd', 1);
      const newer = await file('Adopt Istio', 2);
      await move(old.id, 1, 'accept', 10);
      const result = await move(newer.id, 1, 'accept', 20);

      expect(result).toMatchObject({
        outcome: 'changed',
        decision: { status: 'accepted', supersedes: old.id },
      });
      expect(await store.get(old.id)).toMatchObject({
        status: 'superseded',
        version: 3,
        supersededBy: newer.id,
      });
      expect((await store.events(old.id)).at(-1)).toMatchObject({
        type: 'superseded',
        fromStatus: 'accepted',
        version: 3,
        at: at(20).toISOString(),
      });
    });

    it('refuses to let an older decision replace a newer accepted one, changing nothing', async () => {
      const { store, file, move } = await setUp();
      const old = await file('Adopt Linkerd', 1);
      const newer = await file('Adopt Istio', 2);
      await move(newer.id, 1, 'accept');

      expect(await move(old.id, 1, 'accept')).toEqual({
        outcome: 'newer-accepted',
        newer: newer.id,
      });
      expect(await store.get(old.id)).toMatchObject({
        status: 'proposed',
        version: 1,
      });
      expect(await store.get(newer.id)).toMatchObject({
        status: 'accepted',
        version: 2,
      });
    });

    it('rolls a supersede back when the newer decision cannot take the link', async () => {
      const { store, file, move } = await setUp();
      const accepted = await file('Adopt Linkerd', 1);
      const rejected = await file('Adopt Istio', 2);
      await move(accepted.id, 1, 'accept');
      await move(rejected.id, 1, 'reject');

      const result = await move(accepted.id, 2, 'supersede', 40, rejected.id);
      expect(result).toMatchObject({ outcome: 'link-refused' });
      expect(result.outcome === 'link-refused' && result.reason).toContain(
        'rejected',
      );
      expect(await store.get(accepted.id)).toMatchObject({
        status: 'accepted',
        version: 2,
        supersededBy: null,
      });
      expect((await store.events(accepted.id)).map(e => e.type)).toEqual([
        'created',
        'accepted',
      ]);
    });

    it('the database itself holds one accepted decision per entity', async () => {
      const { knex, file, move } = await setUp();
      const first = await file('Adopt Linkerd', 1);
      const second = await file('Adopt Istio', 2);
      const elsewhere = await file(
        'Adopt Istio',
        3,
        'component:default/ledger',
      );
      expect((await move(first.id, 1, 'accept')).outcome).toBe('changed');
      expect((await move(elsewhere.id, 1, 'accept')).outcome).toBe('changed');
      const index = await knex.raw(
        databaseId.startsWith('SQLITE')
          ? `SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'mesh_advisor_decisions_one_accepted_uq'`
          : `SELECT indexname FROM pg_indexes WHERE indexname = 'mesh_advisor_decisions_one_accepted_uq'`,
      );
      expect(Array.isArray(index) ? index : index.rows).toHaveLength(1);

      // a write that bypasses changeStatus (a bug, a manual fix) is refused.
      // Read the rejection by hand: better-sqlite3's errors come from the
      // realm of the first test file that loaded the native driver, which
      // `rejects.toThrow` does not take for an Error in a later file.
      const refusal = await knex('mesh_advisor_decisions')
        .where('id', second.id)
        .update({ status: 'accepted' })
        .then(
          () => 'no error',
          (e: unknown) => String((e as Error)?.message ?? e),
        );
      expect(refusal).toMatch(/unique/i);
    });
  },
);
