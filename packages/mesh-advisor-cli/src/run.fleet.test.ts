import path from 'node:path';
import { cli, examples, service, tempFiles } from './__testUtils__/cli';

describe('mesh-advisor evaluate --fleet', () => {
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
});
