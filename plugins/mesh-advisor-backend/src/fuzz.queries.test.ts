/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectHandled", "get", "post"] }] */
import { TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import {
  EVALUATION_SORT_FIELDS,
  forgedCursor,
  fuzzedBackend,
  nasty,
  oneBad,
  RUNS,
} from './__testUtils__/fuzzHarness';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'fuzzing the API queries on %s',
  databaseId => {
    const { get, seg } = fuzzedBackend(databases, databaseId);

    it('GET /evaluations: any filter, sort, order, limit and cursor', async () => {
      const valid = fc.record({
        sort: fc.constantFrom(...EVALUATION_SORT_FIELDS),
        order: fc.constantFrom('asc', 'desc'),
        limit: fc.constantFrom('1', '50', '500'),
      });
      const keys = [
        'q',
        'owner',
        'system',
        'mesh',
        'status',
        'decision',
        'sort',
        'order',
        'limit',
        'cursor',
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            {
              arbitrary: oneBad(valid, keys, fc.oneof(nasty, forgedCursor)),
              weight: 3,
            },
            fc.record(
              Object.fromEntries(keys.map(k => [k, nasty])) as Record<
                string,
                fc.Arbitrary<string>
              >,
              { requiredKeys: [] },
            ),
          ),
          query => get('/evaluations', query as Record<string, string>),
        ),
        { numRuns: RUNS },
      );
    });

    it('GET /evaluations: a forged cursor for every sort', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...EVALUATION_SORT_FIELDS),
          fc.constantFrom('asc', 'desc'),
          forgedCursor,
          (sort, order, cursor) => get('/evaluations', { sort, order, cursor }),
        ),
        { numRuns: RUNS },
      );
    });

    it('GET /decisions, /decisions/:id, its ADR, /summary, /knowledge-base and the Mesh tab: any parameter', async () => {
      await fc.assert(
        fc.asyncProperty(
          oneBad(
            fc.record({
              entityRef: fc.constant('component:default/payments-api'),
              status: fc.constantFrom('proposed', 'accepted'),
            }),
            ['entityRef', 'status', 'chosen', 'author', 'limit', 'cursor'],
            fc.oneof(nasty, forgedCursor),
          ),
          fc.tuple(nasty, nasty, nasty),
          nasty,
          async (query, [ns, kind, name], id) => {
            await get('/decisions', query as Record<string, string>);
            await get(`/decisions/${seg(id)}`, {});
            await get(`/decisions/${seg(id)}/adr.md`, {});
            await get(
              `/entities/${seg(ns)}/${seg(kind)}/${seg(name)}/evaluation`,
              { live: id },
            );
            await get('/entities/default/component/payments-api/evaluation', {
              live: id,
            });
            await get('/summary', { x: id });
            await get('/knowledge-base', {});
          },
        ),
        { numRuns: RUNS },
      );
    });
  },
);
