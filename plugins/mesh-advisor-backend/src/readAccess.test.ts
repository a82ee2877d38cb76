import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  OTHER,
  OUTSIDER,
  startDecisionBackend,
} from './__testUtils__/decisionHarness';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const SERVICES = 38;
const ADMIN = 'user:default/amara.okafor';
/** What the catalog returns to OTHER under their conditional read decision. */
const OTHER_SEES = [
  'component:default/fraud-detection',
  'component:default/ledger',
  'component:default/payments-api',
];

async function start(databaseId: Parameters<typeof databases.init>[0]) {
  const backend = await startDecisionBackend(databases, databaseId, {
    catalogRead: { [OTHER]: 'conditional', [OUTSIDER]: 'deny' },
  });
  backend.catalog.visibleTo.set(OTHER, new Set(OTHER_SEES));
  return backend;
}

const refs = (res: { body: { items: { entityRef: string }[] } }) =>
  res.body.items.map(i => i.entityRef);

describe.each(databases.eachSupportedId())(
  'reading evaluations follows catalog read access on %s',
  databaseId => {
    it('lists only the services the caller may read, with counts and pages to match', async () => {
      const { get, api, permissions } = await start(databaseId);

      const all = await get(ADMIN, '/evaluations?limit=500');
      expect(all.status).toBe(200);
      expect(all.body.totalCount).toBe(SERVICES);

      const theirs = await get(OTHER, '/evaluations?limit=500');
      expect(theirs.status).toBe(200);
      expect(theirs.body.totalCount).toBe(OTHER_SEES.length);
      expect(refs(theirs)).toEqual(OTHER_SEES);
      expect(permissions.asked).toContainEqual({
        user: OTHER,
        permission: 'catalog.entity.read',
      });

      // pages, sorting and filters apply within what they may read
      const first = await get(OTHER, '/evaluations?limit=2');
      expect(refs(first)).toEqual(OTHER_SEES.slice(0, 2));
      expect(first.body.totalCount).toBe(3);
      const second = await get(
        OTHER,
        `/evaluations?limit=2&cursor=${first.body.nextCursor}`,
      );
      expect(refs(second)).toEqual(OTHER_SEES.slice(2));
      expect(second.body.nextCursor).toBeNull();
      const byScore = await get(OTHER, '/evaluations?sort=score&order=desc');
      const everyByScore = await get(
        ADMIN,
        '/evaluations?sort=score&order=desc&limit=500',
      );
      expect(refs(byScore)).toEqual(
        refs(everyByScore).filter(ref => OTHER_SEES.includes(ref)),
      );
      const linkerd = await get(OTHER, '/evaluations?mesh=linkerd');
      const everyLinkerd = await get(ADMIN, '/evaluations?mesh=linkerd');
      expect(refs(linkerd)).toEqual(
        refs(everyLinkerd).filter(ref => OTHER_SEES.includes(ref)),
      );
      expect(linkerd.body.totalCount).toBe(refs(linkerd).length);

      const none = await get(OUTSIDER, '/evaluations');
      expect(none.status).toBe(200);
      expect(none.body).toEqual({ items: [], totalCount: 0, nextCursor: null });

      // a backend service reads everything
      const service = await api
        .get('/api/mesh-advisor/evaluations?limit=500')
        .set('Authorization', mockCredentials.service.header());
      expect(service.body.totalCount).toBe(SERVICES);
    });

    it('names only the unsatisfied services the caller may read in the summary', async () => {
      const { get, catalog } = await start(databaseId);
      const all = await get(ADMIN, '/summary');
      expect(all.status).toBe(200);
      const everyUnsatisfied: string[] = all.body.platform.unsatisfied.map(
        (u: { entityRef: string }) => u.entityRef,
      );
      expect(everyUnsatisfied.length).toBeGreaterThan(0);

      const outsider = await get(OUTSIDER, '/summary');
      expect(outsider.status).toBe(200);
      // the counts are the platform's; no service is named
      expect(outsider.body.total).toBe(SERVICES);
      expect(outsider.body.platform.unsatisfied).toEqual([]);
      expect(outsider.body.platform.unsatisfiedTotal).toBe(
        all.body.platform.unsatisfiedTotal,
      );

      // OTHER may read one unsatisfied service and one satisfied one
      const satisfied = OTHER_SEES.find(ref => !everyUnsatisfied.includes(ref));
      expect(satisfied).toBeDefined();
      catalog.visibleTo.set(OTHER, new Set([everyUnsatisfied[0], satisfied!]));
      const theirs = await get(OTHER, '/summary');
      expect(
        theirs.body.platform.unsatisfied.map(
          (u: { entityRef: string }) => u.entityRef,
        ),
      ).toEqual([everyUnsatisfied[0]]);
    });
  },
);
