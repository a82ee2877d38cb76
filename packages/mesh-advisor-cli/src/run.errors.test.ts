import path from 'node:path';
import { cli, examples, service, tempFiles } from './__testUtils__/cli';

describe('mesh-advisor evaluate: bad input', () => {
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
