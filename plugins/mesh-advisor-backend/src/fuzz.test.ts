/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectHandled", "get", "post"] }] */
import { TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import {
  as,
  OWNER,
  startDecisionBackend,
} from './__testUtils__/decisionHarness';
import { MAX_BODY_BYTES } from './service/requestGuards';

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
const RUNS = 40;
const MAX_MS = 2000;

/** Strings with the characters that break databases and parsers over-represented. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
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
      await fc.assert(
        fc.asyncProperty(
          fc.record(
            {
              q: nasty,
              owner: nasty,
              system: nasty,
              mesh: nasty,
              status: nasty,
              decision: nasty,
              sort: fc.oneof(fc.constantFrom(...EVALUATION_SORT_FIELDS), nasty),
              order: fc.oneof(fc.constantFrom('asc', 'desc'), nasty),
              limit: nasty,
              cursor: forgedCursor,
            },
            { requiredKeys: [] },
          ),
          query => get('/evaluations', query),
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
          fc.record(
            {
              entityRef: nasty,
              status: nasty,
              chosen: nasty,
              author: nasty,
              limit: nasty,
              cursor: forgedCursor,
            },
            { requiredKeys: [] },
          ),
          fc.tuple(nasty, nasty, nasty),
          nasty,
          async (query, [ns, kind, name], id) => {
            await get('/decisions', query);
            await get(`/decisions/${seg(id)}`, {});
            await get(`/decisions/${seg(id)}/adr.md`, {});
            await get(
              `/entities/${seg(ns)}/${seg(kind)}/${seg(name)}/evaluation`,
              {
                live: id,
              },
            );
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
      await fc.assert(
        fc.asyncProperty(
          fc.record(
            {
              entityRef: fc.oneof(
                nasty,
                fc.constant('component:default/payments-api'),
              ),
              chosen: fc.oneof(nasty, fc.constant('linkerd')),
              title: fc.oneof(nasty, long),
              context: nasty,
              rationale: fc.oneof(nasty, long),
              alternatives: fc.array(nasty, { maxLength: 8 }),
            },
            { requiredKeys: [] },
          ),
          fc.record(
            {
              action: fc.oneof(
                nasty,
                fc.constantFrom('accept', 'reject', 'supersede'),
              ),
              version: fc.oneof(fc.double(), fc.integer(), nasty),
              supersededBy: nasty,
              note: fc.oneof(nasty, long),
            },
            { requiredKeys: [] },
          ),
          async (decision, transition) => {
            await post('/decisions', decision);
            await post(`/decisions/${decisionId}/transitions`, transition);
            // non-finite numbers JSON cannot carry, written out as a client might
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
