/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectHandled", "get", "post"] }] */
import { TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import {
  as,
  OWNER,
  startDecisionBackend,
} from './__testUtils__/decisionHarness';
import { MAX_BODY_BYTES } from './http/requestGuards';

jest.setTimeout(180_000);

/** Every sort of GET /evaluations (EvaluationSortField). */
const EVALUATION_SORT_FIELDS = [
  'name',
  'mesh',
  'status',
  'score',
  'owner',
  'system',
  'evaluatedAt',
];
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
/** Per property: enough to hit each kind of input, few enough for the suite to stay well under a minute. */
const RUNS = 60;
const MAX_MS = 2000;

/** Strings with the characters that break databases and parsers over-represented. */
const nasty = fc.oneof(
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }))
    .map(([a, b]) => `${a}\u0000${b}`),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '%00',
    'Infinity',
    '-Infinity',
    'NaN',
    '1e400',
    '1.5',
    '-1',
    '0',
    '9007199254740993',
    '\ud800',
    "' OR 1=1 --",
    '[object Object]',
    '',
  ),
);

/**
 * A request that is valid but for one field, so that what is wrong gets past
 * the OpenAPI validator and reaches the handler and the database.
 */
const oneBad = <T extends Record<string, unknown>>(
  base: fc.Arbitrary<T>,
  keys: readonly string[],
  bad: fc.Arbitrary<unknown>,
) =>
  fc
    .tuple(base, fc.constantFrom(...keys), bad)
    .map(([b, key, value]) => ({ ...b, [key]: value }));

/** Strings of any length up to one past the size limit, the long ones cheap to build. */
const long = fc
  .tuple(fc.constantFrom('a', '\u0000', 'é', ','), fc.nat({ max: 300_000 }))
  .map(([c, n]) => c.repeat(n));
const forgedCursor = fc.oneof(
  nasty,
  fc
    .record({ v: fc.jsonValue(), r: fc.jsonValue() })
    .map(c => Buffer.from(JSON.stringify(c)).toString('base64url')),
  fc
    .oneof(
      fc.double(),
      fc.string(),
      fc.integer(),
      fc.constant(1e400),
      fc.constant(2 ** 63),
    )
    .map(v =>
      Buffer.from(JSON.stringify({ v, r: 'component:default/x' })).toString(
        'base64url',
      ),
    ),
);
const deep = fc
  .tuple(fc.nat({ max: 5000 }), fc.constantFrom('[', '{"a":'))
  .map(([n, open]) => {
    const close = open === '[' ? ']' : '}';
    return `{"entity":${open.repeat(n)}1${close.repeat(n)}}`;
  });

describe.each(databases.eachSupportedId())(
  'fuzzing the API on %s',
  databaseId => {
    let harness: Awaited<ReturnType<typeof startDecisionBackend>>;
    let decisionId: string;

    beforeAll(async () => {
      harness = await startDecisionBackend(databases, databaseId);
      decisionId = (await harness.file(OWNER, {})).body.id;
    });

    /** Sends, then checks: not a 5xx, not slower than MAX_MS. */
    async function expectHandled(send: () => PromiseLike<{ status: number }>) {
      const started = Date.now();
      const res = await send();
      const ms = Date.now() - started;
      // status, time and (for a 5xx) body together, so a failure shows all three
      expect({
        status: res.status < 500 ? 'handled' : res.status,
        time: ms < MAX_MS ? 'fast' : `${ms} ms`,
        body: res.status < 500 ? undefined : (res as { body?: unknown }).body,
      }).toEqual({ status: 'handled', time: 'fast', body: undefined });
    }
    const get = (path: string, query: Record<string, string>) =>
      expectHandled(() =>
        harness.api
          .get(`/api/mesh-advisor${path}`)
          .query(query)
          .set('Authorization', as(OWNER)),
      );
    const post = (path: string, body: string | object) =>
      expectHandled(() =>
        harness.api
          .post(`/api/mesh-advisor${path}`)
          .set('Authorization', as(OWNER))
          .set('Content-Type', 'application/json')
          .send(typeof body === 'string' ? body : JSON.stringify(body)),
      );
    /** A path segment; a lone surrogate, which has no UTF-8, as the bytes a client might send anyway. */
    const seg = (s: string) => {
      try {
        return encodeURIComponent(s || '_');
      } catch {
        return '%ED%A0%80';
      }
    };

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

    it('POST /evaluate: random, huge and deeply nested bodies, random annotations', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.jsonValue(),
            fc.record({ entity: fc.jsonValue() }),
            deep,
            long.map(s => `{"entity":"${s}"}`),
            fc
              .record({
                annotations: fc.dictionary(
                  fc.oneof(
                    nasty.map(k => `mesh-advisor.io/${k}`),
                    fc.constantFrom(
                      'mesh-advisor.io/requires',
                      'mesh-advisor.io/prefers',
                      'mesh-advisor.io/replicas',
                    ),
                  ),
                  fc.oneof(nasty, long),
                ),
                callChainDepth: fc.oneof(fc.integer(), fc.double()),
              })
              .map(({ annotations, callChainDepth }) => ({
                entity: {
                  apiVersion: 'backstage.io/v1alpha1',
                  kind: 'Component',
                  metadata: { name: 'what-if', annotations },
                  spec: { type: 'service' },
                },
                callChainDepth,
              })),
          ),
          body => post('/evaluate', body as object),
        ),
        { numRuns: RUNS },
      );
    });

    it('POST /decisions and transitions: random fields, NUL bytes, non-finite versions', async () => {
      const decision = fc.record({
        entityRef: fc.constant('component:default/payments-api'),
        chosen: fc.constant('linkerd'),
        title: fc.constant('Adopt Linkerd'),
        rationale: fc.constant('mTLS without sidecar tuning.'),
      });
      const transition = fc.record({
        action: fc.constantFrom('accept', 'reject'),
        version: fc.constant(1),
      });
      await fc.assert(
        fc.asyncProperty(
          oneBad(
            decision,
            [
              'entityRef',
              'chosen',
              'title',
              'context',
              'rationale',
              'alternatives',
            ],
            fc.oneof(nasty, long, fc.array(nasty, { maxLength: 8 })),
          ),
          oneBad(
            transition,
            ['action', 'version', 'supersededBy', 'note'],
            fc.oneof(nasty, long, fc.double(), fc.integer()),
          ),
          async (body, change) => {
            await post('/decisions', body);
            await post(`/decisions/${decisionId}/transitions`, change);
            // numbers JSON cannot carry as such, written out as a client might
            await post(
              `/decisions/${decisionId}/transitions`,
              '{"action":"accept","version":1e400}',
            );
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('answers 413 to a body over the limit, on every route that takes one', async () => {
      const body = JSON.stringify({ x: 'a'.repeat(MAX_BODY_BYTES) });
      for (const path of [
        '/evaluate',
        '/decisions',
        `/decisions/${decisionId}/transitions`,
      ]) {
        const res = await harness.api
          .post(`/api/mesh-advisor${path}`)
          .set('Authorization', as(OWNER))
          .set('Content-Type', 'application/json')
          .send(body);
        expect(res.status).toBe(413);
      }
    });
  },
);
