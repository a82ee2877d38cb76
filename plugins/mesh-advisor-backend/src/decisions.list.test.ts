import { TestDatabases } from '@backstage/backend-test-utils';
import { loadExampleEntities } from './__testUtils__/exampleCatalog';
import { FakeCatalog } from './__testUtils__/fakeCatalog';
import {
  OTHER,
  OUTSIDER,
  OWNER,
  startDecisionBackend,
} from './__testUtils__/decisionHarness';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'listing decisions on %s',
  databaseId => {
    it('lists decisions newest first with filters and stable cursor pagination, following catalog visibility', async () => {
      const catalog = new FakeCatalog(loadExampleEntities());
      catalog.visibleTo.set(OUTSIDER, new Set(['component:default/ledger']));
      const grants = {
        [OWNER]: ['component:default/payments-api', 'component:default/ledger'],
        [OTHER]: ['component:default/checkout-api'],
      };
      const { file, transition, get } = await startDecisionBackend(
        databases,
        databaseId,
        { catalog, grants },
      );
      const filed: {
        id: string;
        entityRef: string;
        chosen: string;
        author: string;
      }[] = [];
      const plan = [
        [OWNER, 'component:default/payments-api', 'linkerd'],
        [OWNER, 'component:default/ledger', 'istio-ambient'],
        [OTHER, 'component:default/checkout-api', 'linkerd'],
        [OWNER, 'component:default/payments-api', 'istio-sidecar'],
        [OWNER, 'component:default/ledger', 'linkerd'],
        [OTHER, 'component:default/checkout-api', 'none'],
        [OWNER, 'component:default/payments-api', 'cilium'],
      ] as const;
      for (const [user, entityRef, chosen] of plan) {
        const res = await file(user, {
          entityRef,
          chosen,
          title: `${chosen} for ${entityRef}`,
        });
        expect(res.status).toBe(201);
        filed.push({ id: res.body.id, entityRef, chosen, author: user });
      }
      await transition(OWNER, filed[0].id, { action: 'accept', version: 1 });
      await transition(OWNER, filed[1].id, { action: 'reject', version: 1 });

      const all = await get(OWNER, '/decisions');
      expect(all.status).toBe(200);
      expect(all.body.nextCursor).toBeNull();
      // newest first
      expect(all.body.items.map((d: any) => d.id)).toEqual(
        sortNewestFirst(all.body.items).map(d => d.id),
      );
      expect(new Set(all.body.items.map((d: any) => d.id))).toEqual(
        new Set(filed.map(f => f.id)),
      );

      // query values must be URL-encoded (the OpenAPI validator refuses reserved characters)
      const encode = (query: string) =>
        query
          .split('&')
          .filter(Boolean)
          .map(kv => kv.split('=').map(encodeURIComponent).join('='))
          .join('&');
      const ids = async (query: string, user = OWNER) => {
        const res = await get(user, `/decisions?${encode(query)}`);
        expect({
          query,
          status: res.status,
          error: res.body.error?.message,
        }).toEqual({ query, status: 200, error: undefined });
        return new Set(res.body.items.map((d: any) => d.id));
      };
      const expected = (
        pred: (f: (typeof filed)[number], i: number) => boolean,
      ) => new Set(filed.filter(pred).map(f => f.id));
      expect(await ids('entityRef=component:default/payments-api')).toEqual(
        expected(f => f.entityRef === 'component:default/payments-api'),
      );
      // refs are case-insensitive and the namespace defaults
      expect(await ids('entityRef=Component:payments-api')).toEqual(
        expected(f => f.entityRef === 'component:default/payments-api'),
      );
      expect(await ids('status=accepted')).toEqual(expected((_, i) => i === 0));
      expect(await ids('status=rejected')).toEqual(expected((_, i) => i === 1));
      expect(await ids('status=proposed')).toEqual(expected((_, i) => i > 1));
      expect(await ids('chosen=linkerd')).toEqual(
        expected(f => f.chosen === 'linkerd'),
      );
      expect(await ids(`author=${OTHER}`)).toEqual(
        expected(f => f.author === OTHER),
      );
      expect(await ids('author=priya.raman')).toEqual(
        expected(f => f.author === OTHER),
      );
      expect(
        await ids('chosen=linkerd&entityRef=component:default/ledger'),
      ).toEqual(
        expected(
          f =>
            f.chosen === 'linkerd' &&
            f.entityRef === 'component:default/ledger',
        ),
      );
      // the outsider only sees decisions about ledger, in full pages
      expect(await ids('', OUTSIDER)).toEqual(
        expected(f => f.entityRef === 'component:default/ledger'),
      );
      const outsiderPage = await get(OUTSIDER, '/decisions?limit=1');
      expect(outsiderPage.body.items).toHaveLength(1);
      expect(outsiderPage.body.items[0].entityRef).toBe(
        'component:default/ledger',
      );

      for (const [query, field] of [
        ['status=bogus', 'status'],
        ['chosen=consul', 'chosen'],
        ['limit=0', 'limit'],
        ['limit=501', 'limit'],
        ['cursor=garbage', 'cursor'],
        [
          `cursor=${Buffer.from(JSON.stringify({ v: 'x', r: 'y' })).toString(
            'base64url',
          )}`,
          'cursor',
        ],
        ['entityRef=nope', 'entityRef'],
      ]) {
        const res = await get(OWNER, `/decisions?${encode(query)}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.error.message).toContain(field);
      }

      // walk pages of 2; decisions filed and changed between pages neither repeat nor appear
      const seen: string[] = [];
      let cursor: string | null = null;
      let page = 0;
      do {
        const res: any = await get(
          OWNER,
          `/decisions?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((d: any) => d.id));
        cursor = res.body.nextCursor;
        if (page++ === 0) {
          await file(OWNER, { title: 'Filed while paging' });
          await transition(OWNER, filed[3].id, {
            action: 'accept',
            version: 1,
          });
        }
      } while (cursor);
      expect(seen).toEqual(all.body.items.map((d: any) => d.id));
    });
  },
);

function sortNewestFirst<T extends { createdAt: string; id: string }>(
  items: T[],
): T[] {
  return [...items].sort((x, y) => {
    if (x.createdAt !== y.createdAt) return x.createdAt < y.createdAt ? 1 : -1;
    return x.id < y.id ? 1 : -1;
  });
}
