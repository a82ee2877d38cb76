import { parseAnnotations } from '@mesh-advisor/plugin-mesh-advisor-common';
import { requirementsToYaml } from './annotationsYaml';
import { csvCell, evaluationRowsToCsv } from './csv';
import { correctedAnnotationLine } from './issueFix';
import { relativeTime } from './relativeTime';

describe('correctedAnnotationLine', () => {
  it('replaces a misspelt capability and keeps the rest of the list', () => {
    const annotations = { 'mesh-advisor.io/requires': 'mtls, jwt-auht' };
    const { issues } = parseAnnotations(annotations);
    expect(correctedAnnotationLine(issues[0], issues, annotations)).toBe(
      'mesh-advisor.io/requires: "mtls, jwt-auth"',
    );
  });

  it('fixes every problem of the same list at once, dropping unknown items', () => {
    const annotations = {
      'mesh-advisor.io/prefers': 'tracng, zzzzzzzzzz, grpc',
    };
    const { issues } = parseAnnotations(annotations);
    expect(issues).toHaveLength(2);
    expect(correctedAnnotationLine(issues[1], issues, annotations)).toBe(
      'mesh-advisor.io/prefers: "tracing, grpc"',
    );
  });

  it('renames a misspelt key and fixes enum values', () => {
    const annotations = {
      'mesh-advisor.io/require': 'mtls',
      'mesh-advisor.io/ops-capacity': 'hgih',
    };
    const { issues } = parseAnnotations(annotations);
    const lines = issues.map(i =>
      correctedAnnotationLine(i, issues, annotations),
    );
    expect(lines).toContain('mesh-advisor.io/requires: "mtls"');
    expect(lines).toContain('mesh-advisor.io/ops-capacity: "high"');
  });

  it('has no single fix for a bad number', () => {
    const annotations = { 'mesh-advisor.io/replicas': 'many' };
    const { issues } = parseAnnotations(annotations);
    expect(
      correctedAnnotationLine(issues[0], issues, annotations),
    ).toBeUndefined();
  });
});

describe('requirementsToYaml', () => {
  it('writes quoted metadata.annotations', () => {
    const { requirements } = parseAnnotations({
      'mesh-advisor.io/requires': 'mtls,jwt-auth',
      'mesh-advisor.io/replicas': '3',
    });
    expect(requirementsToYaml(requirements)).toBe(
      'metadata:\n  annotations:\n    mesh-advisor.io/requires: "mtls, jwt-auth"\n    mesh-advisor.io/replicas: "3"\n',
    );
  });

  it("keeps the entity's other annotations and replaces Mesh Advisor's", () => {
    const { requirements } = parseAnnotations({
      'mesh-advisor.io/requires': 'mtls',
    });
    expect(
      requirementsToYaml(requirements, {
        'backstage.io/kubernetes-id': 'cart',
        // written by the catalog, not by the owner: left out
        'backstage.io/managed-by-location': 'file:/x/catalog-info.yaml',
        'backstage.io/managed-by-origin-location': 'file:/x/all.yaml',
        'mesh-advisor.io/requires': 'wasm',
        'mesh-advisor.io/prefers': 'tracing',
      }),
    ).toBe(
      'metadata:\n  annotations:\n    backstage.io/kubernetes-id: "cart"\n    mesh-advisor.io/requires: "mtls"\n',
    );
  });

  it('never writes an empty map, which would wipe the annotations it replaces', () => {
    const { requirements } = parseAnnotations({});
    const yaml = requirementsToYaml(requirements, {});
    expect(yaml).not.toContain('{}');
    expect(yaml).not.toContain('annotations:');
    expect(yaml).toMatch(/^# Nothing to declare/);
  });
});

describe('csv', () => {
  it('quotes separators and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('writes a header and one line per row', () => {
    const csv = evaluationRowsToCsv([
      {
        entityRef: 'component:default/a',
        name: 'a',
        title: null,
        owner: 'group:default/team-a',
        system: null,
        status: 'evaluated',
        recommendedMesh: 'linkerd',
        confidence: 'high',
        score: 88,
        issueCount: 0,
        evaluatedAt: '2026-11-20T10:00:00.000Z',
        stale: false,
        decision: { id: 'd', chosen: 'linkerd', status: 'accepted' },
      },
    ]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0].split(',')).toContain('recommendedMesh');
    expect(lines[1]).toBe(
      'component:default/a,a,,group:default/team-a,,evaluated,linkerd,high,88,0,accepted,linkerd,2026-11-20T10:00:00.000Z,false,,,',
    );
  });

  it('adds the actual mesh, drift state and meshed share when the clusters were read', () => {
    const row = {
      entityRef: 'component:default/a',
      name: 'a',
      title: null,
      owner: null,
      system: null,
      status: 'evaluated' as const,
      recommendedMesh: 'linkerd' as const,
      confidence: 'high' as const,
      score: 88,
      issueCount: 0,
      evaluatedAt: '2026-11-20T10:00:00.000Z',
      stale: false,
      decision: null,
    };
    const csv = evaluationRowsToCsv(
      [row, { ...row, entityRef: 'component:default/b', name: 'b' }],
      new Map([
        [
          'component:default/a',
          {
            mesh: 'istio-sidecar',
            drift: 'partially-meshed',
            meshedShare: 2 / 3,
          } as any,
        ],
      ]),
    );
    const [header, a, b] = csv.trimEnd().split('\r\n');
    expect(header.split(',').slice(-3)).toEqual([
      'actualMesh',
      'drift',
      'meshedShare',
    ]);
    expect(a.split(',').slice(-3)).toEqual([
      'istio-sidecar',
      'partially-meshed',
      '0.67',
    ]);
    expect(b.split(',').slice(-3)).toEqual(['', '', '']);
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2026-11-20T12:00:00Z');
  it('says how long ago', () => {
    expect(relativeTime('2026-11-20T11:55:00Z', now)).toBe('5 minutes ago');
    expect(relativeTime('2026-11-18T12:00:00Z', now)).toBe('2 days ago');
    expect(relativeTime('2026-11-20T11:59:50Z', now)).toBe('just now');
    expect(relativeTime('not a date', now)).toBe('not a date');
  });
});
