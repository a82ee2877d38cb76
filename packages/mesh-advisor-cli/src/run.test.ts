import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './run';

const examples = path.resolve(__dirname, '../../../data/examples');

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, {
    out: t => out.push(t),
    err: t => err.push(t),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function tempFiles(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-advisor-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const service = (
  name: string,
  annotations: string,
) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
    backstage.io/kubernetes-id: ${name}
${annotations}
spec:
  type: service
  lifecycle: production
  owner: team
`;

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

  it('evaluates the example catalog as a fleet', async () => {
    const { code, out } = await cli(
      'evaluate',
      '--fleet',
      examples,
      '--platform',
      path.join(examples, 'platform.yaml'),
      '--format',
      'json',
    );
    expect(code).toBe(1); // the examples include services with deliberate typos
    const fleet = JSON.parse(out);
    expect(Object.keys(fleet)).toEqual([
      'recommendation',
      'explanation',
      'ranking',
      'unsatisfied',
      'servicesConsidered',
    ]);
    expect(fleet.servicesConsidered).toBe(36);
    expect(fleet.recommendation.mesh).toBe(fleet.ranking[0].mesh);
    expect(fleet.recommendation.summary).toContain('of 36 services');
    expect(Object.keys(fleet.ranking[0])).toEqual([
      'mesh',
      'change',
      'servicesSatisfied',
      'firstChoiceOf',
      'requirementsMet',
      'requirementsPartial',
      'requirementsUnknown',
      'requirementsUnmet',
      'totalMemoryMiB',
      'costUnknown',
      'alreadyPaid',
      'meanScore',
    ]);
    // the example platform runs Cilium as its CNI: its agent is not charged again
    const cilium = fleet.ranking.find((c: any) => c.mesh === 'cilium');
    expect(cilium.totalMemoryMiB).toBe(0);
    expect(cilium.alreadyPaid[0]).toContain('cilium CNI');
    expect(
      fleet.unsatisfied.every(
        (u: any) =>
          u.entityRef.startsWith('component:default/') && u.missing.length,
      ),
    ).toBe(true);
  });

  it('prints the fleet as a table: the pick, why services that prefer another mesh do not get it, and what is already paid', async () => {
    const low = '\n    mesh-advisor.io/ops-capacity: low';
    const dir = tempFiles({
      'catalog-info.yaml': [
        service('shop', `    mesh-advisor.io/requires: mtls${low}`),
        service('cart', `    mesh-advisor.io/requires: mtls${low}`),
        service(
          'checkout',
          `    mesh-advisor.io/requires: mtls, jwt-auth${low}`,
        ),
      ].join('---\n'),
      'platform.yaml': 'cni: calico\ncurrentMesh: linkerd\nserviceCount: 40\n',
    });
    const { code, out } = await cli(
      'evaluate',
      '--fleet',
      path.join(dir, 'catalog-info.yaml'),
      '--platform',
      path.join(dir, 'platform.yaml'),
    );
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(
      /^Platform recommendation: Linkerd \(linkerd\), confidence \w+, over 3 services$/,
    );
    expect(lines[1]).toMatch(
      /^Linkerd meets the hard requirements of 2 of 3 services \(\d+ fully met, 0 partly, 0 unverified\).*already installed\.$/,
    );
    expect(lines[2]).toMatch(
      /one mesh for all is Linkerd because it is already installed and leaves only 1 service without a hard requirement \(jwt-auth\)/,
    );
    expect(out).toMatch(
      /MESH\s+CHANGE\s+SATISFIED\s+FIRST CHOICE OF\s+REQUIREMENTS MET\/PARTIAL\/UNKNOWN\/UNMET\s+ADDED MEMORY \(MiB\)\s+MEAN SCORE/,
    );
    expect(out).toMatch(/\nlinkerd\s+keep\s+2\/3\s+2\s+3\/0\/0\/1\s/);
    expect(out).toMatch(/\nistio-ambient\s+migrate\s+3\/3\s/);
    expect(out).toContain(
      "Already paid, not charged:\n  linkerd: Linkerd's control plane is already installed.",
    );
    expect(out).toContain(
      'Left unsatisfied:\n  component:default/checkout: missing jwt-auth',
    );
  });

  it('exits 2 naming the file and line when YAML does not parse', async () => {
    const dir = tempFiles({
      'catalog-info.yaml':
        'apiVersion: v1\nkind: Component\nmetadata:\n  name: [unclosed\n',
    });
    const { code, err } = await cli(
      'evaluate',
      path.join(dir, 'catalog-info.yaml'),
    );
    expect(code).toBe(2);
    expect(err).toMatch(/catalog-info\.yaml:\d+: YAML does not parse/);
  });

  it('exits 2 on missing files, bad arguments and a bad platform file', async () => {
    expect((await cli('evaluate', '/nope/catalog-info.yaml')).err).toContain(
      '/nope/catalog-info.yaml: no such file or directory',
    );
    expect((await cli('evaluate', '/nope')).code).toBe(2);
    const noCommand = await cli('lint', 'x');
    expect(noCommand.code).toBe(2);
    expect(noCommand.err).toContain('unknown command "lint"');
    expect((await cli('evaluate')).err).toContain(
      'at least one file or directory',
    );
    expect((await cli('evaluate', examples, '--format', 'xml')).err).toContain(
      '--format must be table or json',
    );
    const dir = tempFiles({
      'platform.yaml': 'currentMesh: consul\n',
      'catalog-info.yaml': service('a', '    x: y'),
    });
    const badPlatform = await cli(
      'evaluate',
      path.join(dir, 'catalog-info.yaml'),
      '--platform',
      path.join(dir, 'platform.yaml'),
    );
    expect(badPlatform.code).toBe(2);
    expect(badPlatform.err).toContain('platform.yaml: currentMesh:');
  });

  it('merges a knowledge-base override and rejects a bad one naming the field', async () => {
    const dir = tempFiles({
      'kb.yaml':
        'capabilities:\n  jwt-auth:\n    support:\n      linkerd:\n        level: yes\n        note: our fork\n        sources: [linkerd-releases]\n        version: "2.20"\n',
      'bad-kb.yaml':
        'meshes:\n  linkerd:\n    operationalComplexity:\n      level: 9\n',
      'catalog-info.yaml': service(
        'api',
        '    mesh-advisor.io/requires: mtls, jwt-auth\n    mesh-advisor.io/ops-capacity: low',
      ),
    });
    const withOverride = await cli(
      'evaluate',
      path.join(dir, 'catalog-info.yaml'),
      '--knowledge-base',
      path.join(dir, 'kb.yaml'),
      '--format',
      'json',
    );
    expect(withOverride.err).toBe('');
    const linkerd = JSON.parse(withOverride.out)[0].ranking.find(
      (c: any) => c.mesh === 'linkerd',
    );
    expect(linkerd.blockers).toEqual([]);
    const bad = await cli(
      'evaluate',
      path.join(dir, 'catalog-info.yaml'),
      '--knowledge-base',
      path.join(dir, 'bad-kb.yaml'),
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('meshes.linkerd.operationalComplexity.level');
  });
});
