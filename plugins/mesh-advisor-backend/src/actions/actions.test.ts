import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  as,
  OTHER,
  OUTSIDER,
  OWNER,
  startDecisionBackend,
} from '../__testUtils__/decisionHarness';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/**
 * The actions as the actions registry serves them over HTTP to the actions
 * service (and so to MCP and the scaffolder): the plugin on a real database,
 * the example catalog, owners-only permissions.
 */
describe.each(databases.eachSupportedId())('actions on %s', databaseId => {
  async function start(options?: Parameters<typeof startDecisionBackend>[2]) {
    const b = await startDecisionBackend(databases, databaseId, options);
    const invoke = (user: string | null, name: string, input: object) =>
      b.api
        .post(
          `/api/mesh-advisor/.backstage/actions/v1/actions/mesh-advisor:${name}/invoke`,
        )
        .set(
          'Authorization',
          user ? as(user) : mockCredentials.service.header(),
        )
        .send(input);
    return { ...b, invoke };
  }

  it('get-mesh-advice returns the stored evaluation, and 404 where the caller may not read', async () => {
    const { invoke, get, catalog } = await start();
    const stored = await get(
      OWNER,
      '/entities/default/component/payments-api/evaluation',
    );
    const res = await invoke(OWNER, 'get-mesh-advice', {
      entityRef: 'payments-api',
    });
    expect(res.status).toBe(200);
    const advice = res.body.output;
    expect(advice.recommendation).toEqual({
      mesh: stored.body.recommendation.mesh,
      name: stored.body.recommendation.name,
      confidence: stored.body.recommendation.confidence,
      score: stored.body.recommendation.score,
      summary: stored.body.recommendation.summary,
    });
    expect(advice.evaluatedAt).toBe(stored.body.evaluatedAt);
    expect(advice.ranking.map((c: any) => c.mesh)).toEqual(
      stored.body.ranking.map((c: any) => c.mesh),
    );
    expect(advice.whatWouldChange.length).toBe(
      stored.body.whatWouldChange.length,
    );

    catalog.visibleTo.set(OUTSIDER, new Set(['component:default/ledger']));
    const hidden = await invoke(OUTSIDER, 'get-mesh-advice', {
      entityRef: 'component:default/payments-api',
    });
    expect(hidden.status).toBe(404);
    const notAService = await invoke(OWNER, 'get-mesh-advice', {
      entityRef: 'group:default/payments-team',
    });
    expect(notAService.status).toBe(404);
    expect(notAService.body.error.message).toContain(
      'Components of type service',
    );
  });

  it('what-if evaluates from annotations alone, and from a service with changes, without storing', async () => {
    const { invoke, get } = await start();
    const fresh = await invoke(OWNER, 'what-if-mesh-advice', {
      annotations: { requires: 'mtls', 'latency-budget-ms': '5' },
    });
    expect(fresh.status).toBe(200);
    expect(fresh.body.output.baseline).toBeNull();
    expect(fresh.body.output.status).toBe('evaluated');

    const before = await get(
      OWNER,
      '/entities/default/component/payments-api/evaluation',
    );
    const changed = await invoke(OWNER, 'what-if-mesh-advice', {
      entityRef: 'component:default/payments-api',
      changes: { 'mesh-advisor.io/requires': null, prefers: null },
      platform: { cni: 'calico' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.output.baseline.mesh).toBe(
      before.body.recommendation.mesh,
    );
    // nothing required: no candidate is blocked by a capability
    expect(
      changed.body.output.ranking.flatMap((c: any) =>
        c.blockers.filter((b: any) => b.kind === 'capability'),
      ),
    ).toEqual([]);
    const after = await get(
      OWNER,
      '/entities/default/component/payments-api/evaluation',
    );
    expect(after.body).toEqual(before.body);

    const typo = await invoke(OWNER, 'what-if-mesh-advice', {
      annotations: { requires: 'mtsl' },
    });
    expect(typo.body.output.status).toBe('invalid');
    expect(typo.body.output.issues[0]).toMatchObject({
      annotation: 'mesh-advisor.io/requires',
      suggestion: expect.stringContaining('mtls'),
    });

    const nothing = await invoke(OWNER, 'what-if-mesh-advice', {});
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.message).toMatch(/^entityRef or annotations/);
    const tooLong = await invoke(OWNER, 'what-if-mesh-advice', {
      annotations: { requires: 'mtls,'.repeat(300) },
    });
    expect(tooLong.status).toBe(400);
    const tooManyTokens = await invoke(OWNER, 'what-if-mesh-advice', {
      annotations: { requires: 'mtls,'.repeat(100) },
    });
    expect(tooManyTokens.status).toBe(400);
    expect(tooManyTokens.body.error.message).toMatch(
      /^mesh-advisor\.io\/requires: 101 entries/,
    );
    const tooMany = await invoke(OWNER, 'what-if-mesh-advice', {
      changes: Object.fromEntries(
        Array.from({ length: 40 }, (_, i) => [`k${i}`, 'x']),
      ),
      entityRef: 'payments-api',
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('at most 32 changes');
    const nul = await invoke(OWNER, 'what-if-mesh-advice', {
      annotations: { 'requires\u0000': 'mtls' },
    });
    expect(nul.status).toBe(400);
  });

  it('lists the services the platform pick leaves unsatisfied, filtered, paged and as far as the caller may read', async () => {
    // the outsider's catalog read is conditional: the catalog says what they may read
    const { invoke, get, catalog } = await start({
      catalogRead: { [OUTSIDER]: 'conditional' },
    });
    const summary = (await get(OWNER, '/summary')).body;
    const unsatisfied: string[] = summary.platform.unsatisfied
      .map((u: any) => u.entityRef.toLowerCase())
      .sort();
    expect(unsatisfied.length).toBeGreaterThan(1);

    const all = await invoke(OWNER, 'list-mesh-unsatisfied-services', {
      limit: 100,
    });
    expect(all.status).toBe(200);
    expect(all.body.output.platformMesh.mesh).toBe(
      summary.platform.recommendation.mesh,
    );
    expect(
      all.body.output.items.map((i: any) => i.entityRef.toLowerCase()).sort(),
    ).toEqual(unsatisfied);
    expect(all.body.output.items.every((i: any) => i.missing.length > 0)).toBe(
      true,
    );

    // pages of one, through the cursor, add up to the same list
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await invoke(OWNER, 'list-mesh-unsatisfied-services', {
        limit: 1,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.body.output.totalCount).toBe(unsatisfied.length);
      paged.push(...page.body.output.items.map((i: any) => i.entityRef));
      cursor = page.body.output.nextCursor ?? undefined;
    } while (cursor);
    expect(paged.map(r => r.toLowerCase()).sort()).toEqual(unsatisfied);

    const owner = all.body.output.items[0].owner;
    const byOwner = await invoke(OWNER, 'list-mesh-unsatisfied-services', {
      owner,
    });
    expect(byOwner.body.output.items.length).toBeGreaterThan(0);
    expect(byOwner.body.output.items.every((i: any) => i.owner === owner)).toBe(
      true,
    );

    const readable = unsatisfied[0];
    catalog.visibleTo.set(OUTSIDER, new Set([readable]));
    const outsider = await invoke(
      OUTSIDER,
      'list-mesh-unsatisfied-services',
      {},
    );
    expect(
      outsider.body.output.items.map((i: any) => i.entityRef.toLowerCase()),
    ).toEqual([readable]);

    const badCursor = await invoke(OWNER, 'list-mesh-unsatisfied-services', {
      cursor: 'nonsense',
    });
    expect(badCursor.status).toBe(400);
  });

  it('get-platform-mesh-recommendation answers what GET /summary says', async () => {
    const { invoke, get } = await start();
    const summary = (await get(OWNER, '/summary')).body;
    const res = await invoke(OWNER, 'get-platform-mesh-recommendation', {});
    expect(res.status).toBe(200);
    expect(res.body.output.recommendation.mesh).toBe(
      summary.platform.recommendation.mesh,
    );
    expect(res.body.output.unsatisfiedTotal).toBe(
      summary.platform.unsatisfiedTotal,
    );
    expect(res.body.output.counts.total).toBe(summary.total);
    expect(res.body.output.ranking).toHaveLength(5);
  });

  it('before the first sweep, the platform actions say there is nothing yet', async () => {
    const { invoke } = await start({ sweepAtStart: false });
    const platform = await invoke(
      OWNER,
      'get-platform-mesh-recommendation',
      {},
    );
    expect(platform.body.output).toMatchObject({
      recommendation: null,
      lastSuccessAt: null,
    });
    const list = await invoke(OWNER, 'list-mesh-unsatisfied-services', {});
    expect(list.body.output).toEqual({
      platformMesh: null,
      items: [],
      totalCount: 0,
      nextCursor: null,
    });
  });

  it('file-mesh-decision checks the permission with the caller, and only users file', async () => {
    const { invoke, get } = await start();
    const body = {
      entityRef: 'payments-api',
      chosen: 'istio-sidecar',
      title: 'payments-api adopts Istio sidecars',
      rationale: 'JWT and Wasm at the proxy.',
      alternatives: ['linkerd'],
    };
    const refused = await invoke(OTHER, 'file-mesh-decision', body);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(
      'mesh-advisor.decision.create',
    );
    const service = await invoke(null, 'file-mesh-decision', body);
    expect(service.status).toBe(403);

    const filed = await invoke(OWNER, 'file-mesh-decision', body);
    expect(filed.status).toBe(200);
    expect(filed.body.output).toMatchObject({
      entityRef: 'component:default/payments-api',
      chosen: 'istio-sidecar',
      status: 'proposed',
      author: OWNER,
    });
    const stored = await get(OWNER, `/decisions/${filed.body.output.id}`);
    expect(stored.body).toMatchObject({
      alternatives: ['linkerd'],
      rationale: body.rationale,
    });
    expect(filed.body.output.recommendedAtFiling).toBe(
      stored.body.snapshot.recommendation.mesh,
    );

    const short = await invoke(OWNER, 'file-mesh-decision', {
      ...body,
      title: 'x',
    });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toBe('title: at least 3 characters');
  });
});
