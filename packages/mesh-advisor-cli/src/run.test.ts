import path from 'node:path';
import { cli, service, tempFiles } from './__testUtils__/cli';

describe('mesh-advisor evaluate', () => {
  it('prints JSON in the documented shape, one object per entity, searching directories recursively', async () => {
    const dir = tempFiles({
      'a/catalog-info.yaml': `${service(
        'ledger',
        '    mesh-advisor.io/requires: mtls, post-quantum',
      )}---\n${service('plain', '    x: y')}`,
      'b/deeper/catalog-info.yml': service(
        'legacy',
        '    mesh-advisor.io/requires: mtls, vm-workloads, jwt-auth',
      ),
      'notes.txt': 'not yaml: [',
    });
    const { code, out } = await cli('evaluate', dir, '--format', 'json');
    expect(code).toBe(0);
    const results = JSON.parse(out);
    expect(results.map((r: any) => r.entityRef)).toEqual([
      'component:default/ledger',
      'component:default/plain',
      'component:default/legacy',
    ]);
    const [ledger, plain, legacy] = results;
    expect(Object.keys(ledger)).toEqual([
      'entityRef',
      'status',
      'recommendation',
      'ranking',
      'issues',
    ]);
    expect(ledger.recommendation).toEqual({
      mesh: 'linkerd',
      confidence: expect.stringMatching(/^(high|medium|low)$/),
      adoption: 'adopt',
      summary: expect.stringContaining('Linkerd'),
    });
    expect(ledger.ranking).toHaveLength(5);
    expect(Object.keys(ledger.ranking[0])).toEqual([
      'mesh',
      'score',
      'adoption',
      'heldBack',
      'blockers',
      'partial',
      'unverified',
      'immature',
      'beta',
      'latency',
      'memoryMiB',
      'caveats',
      'reasons',
    ]);
    expect(Object.keys(ledger.ranking[0].latency)).toEqual([
      'p99PerHopMs',
      'p99PerHopRange',
      'basis',
      'p99ChainMs',
      'p99ChainRange',
    ]);
    expect(typeof ledger.ranking[0].reasons[0]).toBe('string');
    expect(plain.recommendation.mesh).toBe('none');
    expect(legacy.recommendation.mesh).toBe('istio-sidecar');
    expect(
      legacy.ranking.find((c: any) => c.mesh === 'linkerd').blockers[0],
    ).toContain('jwt-auth');
  });

  it('shows what the engine adds to each candidate: estimate ranges, maturity, the second-mesh and mode-change cost', async () => {
    const dir = tempFiles({
      'catalog-info.yaml': [
        service(
          'light',
          '    mesh-advisor.io/requires: mtls\n    mesh-advisor.io/ops-capacity: low',
        ),
        service(
          'gateway',
          '    mesh-advisor.io/requires: mtls, rate-limiting, wasm, vm-workloads',
        ),
      ].join('---\n'),
      'linkerd.yaml': service(
        'partner',
        '    mesh-advisor.io/requires: mtls, jwt-auth',
      ),
      'jobs.yaml': service(
        'nightly',
        '    mesh-advisor.io/requires: mtls, sidecar-free',
      ),
      'calico.yaml': 'cni: calico\n',
      'on-linkerd.yaml': 'cni: calico\ncurrentMesh: linkerd\n',
      'on-sidecar.yaml': 'cni: calico\ncurrentMesh: istio-sidecar\n',
    });
    const at = (file: string, platform: string, ...format: string[]) =>
      cli(
        'evaluate',
        path.join(dir, file),
        '--platform',
        path.join(dir, platform),
        ...format,
      );

    const json = JSON.parse(
      (await at('catalog-info.yaml', 'calico.yaml', '--format', 'json')).out,
    );
    const [light, gateway] = json.map((r: any) =>
      r.ranking.find((c: any) => c.mesh === r.recommendation.mesh),
    );
    // Linkerd's per-hop latency is an estimate, with its range
    expect(light.mesh).toBe('linkerd');
    expect(light.latency.basis).toBe('estimated');
    const { low, high } = light.latency.p99PerHopRange;
    expect(low).toBeLessThan(high);
    // the sidecar meets rate limiting and Wasm only through alpha features
    expect(gateway.mesh).toBe('istio-sidecar');
    expect(gateway.immature).toEqual(['rate-limiting', 'wasm']);
    expect(gateway.beta).toContain('vm-workloads');

    const table = (await at('catalog-info.yaml', 'calico.yaml')).out;
    expect(table).toContain('Caveats of the recommended mesh:');
    expect(table).toContain(
      `component:default/light (linkerd): p99 per hop ${low}–${high} ms (estimated)`,
    );
    expect(table).toMatch(
      /component:default\/gateway \(istio-sidecar\): .*rate-limiting, wasm: alpha or experimental upstream/,
    );

    const second = (await at('linkerd.yaml', 'on-linkerd.yaml')).out;
    expect(second).toMatch(
      /component:default\/partner \(istio-[a-z]+\): a second mesh beside the installed Linkerd: a second control plane, trust domain and upgrade cadence/,
    );
    const mode = (await at('jobs.yaml', 'on-sidecar.yaml')).out;
    expect(mode).toContain(
      'component:default/nightly (istio-ambient): a mode change from the installed Istio (sidecar mode), not a new mesh',
    );
  });

  it('evaluates a Component whose type is written "Service", as the sweep and the Mesh tab do', async () => {
    const dir = tempFiles({
      'catalog-info.yaml': service(
        'ledger',
        '    mesh-advisor.io/requires: mtls',
      ).replace('type: service', 'type: Service'),
    });
    const { code, out } = await cli('evaluate', dir, '--format', 'json');
    expect(code).toBe(0);
    const [ledger] = JSON.parse(out);
    expect(ledger.status).toBe('evaluated');
    expect(ledger.recommendation.mesh).not.toBe('none');
  });

  it('prints a table and exits 1 when an annotation is malformed, with the fix', async () => {
    const dir = tempFiles({
      'catalog-info.yaml': service(
        'refunds',
        '    mesh-advisor.io/requires: mtls, fault-injektion',
      ),
    });
    const { code, out } = await cli('evaluate', dir);
    expect(code).toBe(1);
    expect(out).toMatch(/^ENTITY\s+STATUS\s+RECOMMENDATION/);
    expect(out).toContain('component:default/refunds');
    expect(out).toContain('invalid');
    expect(out).toContain('did you mean "fault-injection"?');
  });
});
