import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { as, OWNER, startDecisionBackend } from './decisionHarness';

/** Every sort of GET /evaluations (EvaluationSortField). */
export const EVALUATION_SORT_FIELDS = [
  'name',
  'mesh',
  'status',
  'score',
  'owner',
  'system',
  'evaluatedAt',
];
/** Per property: enough to hit each kind of input, few enough for the suite to stay well under a minute. */
export const RUNS = 60;
export const MAX_MS = 2000;

/** Strings with the characters that break databases and parsers over-represented. */
export const nasty = fc.oneof(
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
export const oneBad = <T extends Record<string, unknown>>(
  base: fc.Arbitrary<T>,
  keys: readonly string[],
  bad: fc.Arbitrary<unknown>,
) =>
  fc
    .tuple(base, fc.constantFrom(...keys), bad)
    .map(([b, key, value]) => ({ ...b, [key]: value }));

/** Strings of any length up to one past the size limit, the long ones cheap to build. */
export const long = fc
  .tuple(fc.constantFrom('a', '\u0000', 'é', ','), fc.nat({ max: 300_000 }))
  .map(([c, n]) => c.repeat(n));
export const forgedCursor = fc.oneof(
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
export const deep = fc
  .tuple(fc.nat({ max: 5000 }), fc.constantFrom('[', '{"a":'))
  .map(([n, open]) => {
    const close = open === '[' ? ']' : '}';
    return `{"entity":${open.repeat(n)}1${close.repeat(n)}}`;
  });

/**
 * The plugin on one of `databases` with one decision filed, started before
 * the tests of the calling `describe`, and requests to it, each checked with
 * `expectHandled`. `backend()` is the backend, once the tests run.
 */
export function fuzzedBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  let state: {
    harness: Awaited<ReturnType<typeof startDecisionBackend>>;
    decisionId: string;
  };
  beforeAll(async () => {
    const harness = await startDecisionBackend(databases, databaseId);
    const decisionId: string = (await harness.file(OWNER, {})).body.id;
    state = { harness, decisionId };
  });
  const backend = () => state;

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
      backend()
        .harness.api.get(`/api/mesh-advisor${path}`)
        .query(query)
        .set('Authorization', as(OWNER)),
    );
  const post = (path: string, body: string | object) =>
    expectHandled(() =>
      backend()
        .harness.api.post(`/api/mesh-advisor${path}`)
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
  return { backend, expectHandled, get, post, seg };
}
