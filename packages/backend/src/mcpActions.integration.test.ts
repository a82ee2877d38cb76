import { mockCredentials } from '@backstage/backend-test-utils';
import {
  JONAS,
  McpBackend,
  PRIYA,
  startMcpBackend,
} from './__testUtils__/mcpBackend';

jest.setTimeout(60_000);

/**
 * Mesh Advisor's tools through the MCP actions plugin, spoken over HTTP with
 * the SDK's own client (the backend in __testUtils__/mcpBackend.ts).
 */
describe('Mesh Advisor over MCP', () => {
  let backend: McpBackend;
  let api: McpBackend['api'];

  beforeAll(async () => {
    backend = await startMcpBackend();
    api = backend.api;
  });
  afterAll(async () => {
    await backend?.stop();
  });

  const connect = (user: string) => backend.connect(user);
  const call = (user: string, name: string, args: object) =>
    backend.call(user, name, args);

  it('lists the five tools with their input schemas and hints', async () => {
    const client = await connect(JONAS);
    const { tools } = await client.listTools();
    await client.close();
    const ours = new Map(
      tools
        .filter(t => t.name.startsWith('mesh-advisor.'))
        .map(t => [t.name.slice('mesh-advisor.'.length), t]),
    );
    expect([...ours.keys()].sort()).toEqual([
      'file-mesh-decision',
      'get-mesh-advice',
      'get-platform-mesh-recommendation',
      'list-mesh-unsatisfied-services',
      'what-if-mesh-advice',
    ]);
    const advice = ours.get('get-mesh-advice')!;
    expect(advice.inputSchema.required).toEqual(['entityRef']);
    expect(advice.description).toContain('cited sources');
    expect(advice.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
    const file = ours.get('file-mesh-decision')!;
    expect(file.annotations).toMatchObject({
      destructiveHint: true,
      readOnlyHint: false,
    });
    expect((file.inputSchema.properties as any).chosen.enum).toEqual([
      'istio-ambient',
      'istio-sidecar',
      'linkerd',
      'cilium',
      'none',
    ]);
  });

  it('answers get-mesh-advice for a readable service, with blockers and sources', async () => {
    const { isError, output } = await call(JONAS, 'get-mesh-advice', {
      entityRef: 'payments-api',
    });
    expect(isError).toBe(false);
    expect(output.entityRef).toBe('component:default/payments-api');
    expect(output.status).toBe('evaluated');
    expect(output.recommendation.mesh).not.toBe('none');
    expect(output.ranking).toHaveLength(5);
    // Linkerd has no JWT authentication: blocked, and the blocker cites its source
    const linkerd = output.ranking.find((c: any) => c.mesh === 'linkerd');
    expect(linkerd.blocked).toBe(true);
    expect(linkerd.blockers[0].sources[0].url).toMatch(/^https:\/\//);
    expect(output.reasons.length).toBeGreaterThan(0);
  });

  it('refuses get-mesh-advice for a service the caller may not read, as if it did not exist', async () => {
    const hidden = await call(JONAS, 'get-mesh-advice', {
      entityRef: 'component:default/ledger-vault',
    });
    expect(hidden.isError).toBe(true);
    expect(hidden.text).toMatch(/^NotFoundError: .*ledger-vault/);
    const missing = await call(JONAS, 'get-mesh-advice', {
      entityRef: 'component:default/no-such-service',
    });
    expect(missing.text.replace('no-such-service', 'ledger-vault')).toBe(
      hidden.text,
    );
  });

  it('what-if runs the engine on changed annotations and saves nothing', async () => {
    const { isError, output } = await call(JONAS, 'what-if-mesh-advice', {
      entityRef: 'payments-api',
      changes: { requires: 'mtls' },
    });
    expect(isError).toBe(false);
    expect(output.baseline.mesh).not.toBeNull();
    // without the JWT requirement nothing blocks Linkerd any more
    expect(output.ranking.find((c: any) => c.mesh === 'linkerd').blocked).toBe(
      false,
    );
    // nothing saved: the service's own advice is unchanged
    const after = await call(JONAS, 'get-mesh-advice', {
      entityRef: 'payments-api',
    });
    expect(
      after.output.ranking.find((c: any) => c.mesh === 'linkerd').blocked,
    ).toBe(true);
    const hidden = await call(JONAS, 'what-if-mesh-advice', {
      entityRef: 'ledger-vault',
      changes: { requires: 'mtls' },
    });
    expect(hidden.text).toMatch(/^NotFoundError/);
  });

  it('refuses file-mesh-decision to a non-owner and files it for an owner', async () => {
    const decision = {
      entityRef: 'component:default/payments-api',
      chosen: 'istio-ambient',
      title: 'payments-api adopts Istio ambient',
      rationale: 'JWT at the waypoint, no sidecars.',
    };
    const refused = await call(PRIYA, 'file-mesh-decision', decision);
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(
      /^NotAllowedError: .*mesh-advisor\.decision\.create/,
    );

    const filed = await call(JONAS, 'file-mesh-decision', decision);
    expect(filed.isError).toBe(false);
    expect(filed.output).toMatchObject({
      entityRef: 'component:default/payments-api',
      chosen: 'istio-ambient',
      status: 'proposed',
      author: JONAS,
      version: 1,
    });
    // the same decision the REST API and the Mesh tab show
    const res = await api
      .get(`/api/mesh-advisor/decisions/${filed.output.id}`)
      .set('Authorization', mockCredentials.user.header(PRIYA));
    expect(res.status).toBe(200);
    expect(res.body.events[0]).toMatchObject({ type: 'created', actor: JONAS });
  });

  it('answers bad input with a clear error naming the field', async () => {
    const noRef = await call(JONAS, 'get-mesh-advice', {});
    expect(noRef.isError).toBe(true);
    expect(noRef.text).toMatch(/^InputError: .*entityRef/s);

    const badMesh = await call(JONAS, 'file-mesh-decision', {
      entityRef: 'payments-api',
      chosen: 'linkrd',
      title: 'Adopt it',
      rationale: 'Because.',
    });
    expect(badMesh.isError).toBe(true);
    expect(badMesh.text).toMatch(/^InputError: .*chosen/s);

    const badRef = await call(JONAS, 'get-mesh-advice', {
      entityRef: 'component:',
    });
    expect(badRef.text).toMatch(/^InputError: entityRef: /);
  });
});
