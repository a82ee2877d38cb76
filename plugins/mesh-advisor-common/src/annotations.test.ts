import {
  ANNOTATION_LIMITS,
  annotationBoundViolation,
  parseAnnotations,
  requirementsToAnnotations,
} from './annotations';
import { didYouMean, editDistance } from './didYouMean';

describe('parseAnnotations', () => {
  it('parses a complete, valid set', () => {
    const { requirements, issues } = parseAnnotations({
      'mesh-advisor.io/requires': 'mtls, Retries ,timeouts',
      'mesh-advisor.io/prefers': 'tracing, mtls',
      'mesh-advisor.io/latency-budget-ms': '0.5',
      'mesh-advisor.io/replicas': '6',
      'mesh-advisor.io/rps': '1200.5',
      'mesh-advisor.io/ops-capacity': 'LOW',
      'mesh-advisor.io/exposure': 'edge',
      'mesh-advisor.io/exclude': 'false',
      'backstage.io/kubernetes-id': 'ignored-here',
    });
    expect(issues).toEqual([]);
    expect(requirements).toEqual({
      requires: ['mtls', 'retries', 'timeouts'],
      // a capability both required and preferred is required
      prefers: ['tracing'],
      latencyBudgetMs: 0.5,
      replicas: 6,
      rps: 1200.5,
      opsCapacity: 'low',
      exposure: 'edge',
      exclude: false,
    });
  });

  it('names the annotation, the bad value, the allowed values and a close match for a typo', () => {
    const { requirements, issues } = parseAnnotations({
      'mesh-advisor.io/requires': 'mtls, fault-injektion',
    });
    expect(requirements.requires).toEqual(['mtls']);
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue.annotation).toBe('mesh-advisor.io/requires');
    expect(issue.value).toBe('fault-injektion');
    expect(issue.suggestion).toBe('fault-injection');
    expect(issue.allowed).toContain('circuit-breaking');
    expect(issue.message).toContain('mesh-advisor.io/requires');
    expect(issue.message).toContain('"fault-injektion"');
    expect(issue.message).toContain('did you mean "fault-injection"?');
    expect(issue.message).toContain('Allowed: mtls, traffic-split');
  });

  it.each([
    ['mesh-advisor.io/replicas', '-2', 'an integer ≥ 0'],
    ['mesh-advisor.io/replicas', '2.5', 'an integer ≥ 0'],
    ['mesh-advisor.io/rps', 'lots', 'a number ≥ 0'],
    ['mesh-advisor.io/latency-budget-ms', '0', 'a number > 0'],
    ['mesh-advisor.io/latency-budget-ms', 'fast', 'a number > 0'],
    ['mesh-advisor.io/latency-budget-ms', '1e3', 'a number > 0'],
  ])('rejects %s: %s', (annotation, value, expected) => {
    const { issues } = parseAnnotations({ [annotation]: value });
    expect(issues).toEqual([
      expect.objectContaining({ annotation, value, allowed: [expected] }),
    ]);
    expect(issues[0].message).toContain(
      `${annotation}: "${value}" is not valid — expected ${expected}`,
    );
  });

  it('suggests the closest enum value', () => {
    const { issues, requirements } = parseAnnotations({
      'mesh-advisor.io/ops-capacity': 'meduim',
      'mesh-advisor.io/exposure': 'public',
    });
    expect(requirements.opsCapacity).toBeUndefined();
    expect(requirements.exposure).toBe('internal');
    expect(issues.map(i => [i.annotation, i.suggestion, i.allowed])).toEqual([
      ['mesh-advisor.io/ops-capacity', 'medium', ['low', 'medium', 'high']],
      ['mesh-advisor.io/exposure', undefined, ['internal', 'edge']],
    ]);
  });

  it('flags a misspelt annotation name', () => {
    const { issues } = parseAnnotations({ 'mesh-advisor.io/require': 'mtls' });
    expect(issues[0]).toMatchObject({
      annotation: 'mesh-advisor.io/require',
      suggestion: 'mesh-advisor.io/requires',
    });
  });

  it('treats a missing or empty set as no requirements', () => {
    expect(parseAnnotations(undefined)).toEqual({
      requirements: {
        requires: [],
        prefers: [],
        exposure: 'internal',
        exclude: false,
      },
      issues: [],
    });
    expect(
      parseAnnotations({ 'mesh-advisor.io/requires': ' , ' }).requirements
        .requires,
    ).toEqual([]);
  });

  it('round-trips through requirementsToAnnotations', () => {
    const annotations = {
      'mesh-advisor.io/requires': 'mtls, grpc',
      'mesh-advisor.io/prefers': 'tracing',
      'mesh-advisor.io/latency-budget-ms': '2',
      'mesh-advisor.io/replicas': '3',
      'mesh-advisor.io/ops-capacity': 'high',
      'mesh-advisor.io/exposure': 'edge',
    };
    const parsed = parseAnnotations(annotations).requirements;
    expect(requirementsToAnnotations(parsed)).toEqual(annotations);
  });
});

describe('annotation bounds', () => {
  const {
    valueLength,
    capabilityTokens,
    issues: maxIssues,
    keys,
  } = ANNOTATION_LIMITS;

  it('reports a value over the length bound instead of parsing it, quoting only its start', () => {
    const raw = `mtls,${'x'.repeat(valueLength)}`;
    const { requirements, issues } = parseAnnotations({
      'mesh-advisor.io/requires': raw,
    });
    expect(requirements.requires).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toContain(`at most ${valueLength}`);
    expect(issues[0].value.length).toBeLessThanOrEqual(121);
  });

  it('reports a list over the token bound as one issue', () => {
    const { requirements, issues } = parseAnnotations({
      'mesh-advisor.io/prefers': Array(capabilityTokens + 1)
        .fill('mtls')
        .join(','),
    });
    expect(requirements.prefers).toEqual([]);
    expect(issues.map(i => i.message)).toEqual([
      expect.stringContaining(`at most ${capabilityTokens} capabilities`),
    ]);
    // at the bound it parses
    expect(
      parseAnnotations({
        'mesh-advisor.io/prefers': Array(capabilityTokens)
          .fill('mtls')
          .join(','),
      }).requirements.prefers,
    ).toEqual(['mtls']);
  });

  it('lists at most the issue bound, then one issue counting the rest', () => {
    const annotations: Record<string, string> = {};
    for (let i = 0; i < 200; i++)
      annotations[`mesh-advisor.io/nope-${i}`] = 'x';
    const { issues } = parseAnnotations(annotations);
    expect(issues).toHaveLength(maxIssues + 1);
    expect(issues[maxIssues]).toMatchObject({
      annotation: 'mesh-advisor.io/*',
      value: `${200 - maxIssues} more`,
    });
    // below the bound nothing is added
    expect(
      parseAnnotations({ 'mesh-advisor.io/nope': 'x' }).issues,
    ).toHaveLength(1);
  });

  it('names the bound a POST /evaluate body exceeds, or nothing within them', () => {
    expect(
      annotationBoundViolation({
        'mesh-advisor.io/requires': 'mtls',
        'other.io/huge': 'x'.repeat(10 * valueLength),
      }),
    ).toBeUndefined();
    expect(
      annotationBoundViolation({
        'mesh-advisor.io/rps': '1'.repeat(valueLength + 1),
      }),
    ).toContain(`at most ${valueLength}`);
    expect(
      annotationBoundViolation({
        'mesh-advisor.io/requires': Array(capabilityTokens + 1)
          .fill('a')
          .join(','),
      }),
    ).toContain(`at most ${capabilityTokens}`);
    const many = Object.fromEntries(
      Array.from({ length: keys + 1 }, (_, i) => [`mesh-advisor.io/k${i}`, '']),
    );
    expect(annotationBoundViolation(many)).toContain(`more than ${keys}`);
  });
});

describe('didYouMean', () => {
  it('finds transpositions and small typos but not unrelated words', () => {
    expect(didYouMean('mlts', ['mtls', 'tcp'])).toBe('mtls');
    expect(didYouMean('websockets', ['websocket', 'wasm'])).toBe('websocket');
    expect(didYouMean('kafka', ['mtls', 'tcp', 'grpc'])).toBeUndefined();
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    expect(editDistance('mtls', 'mtls')).toBe(0);
    expect(editDistance('mlts', 'mtls')).toBe(1);
    expect(editDistance('fault-injektion', 'fault-injection')).toBe(1);
    expect(editDistance('retry', 'retries')).toBe(3);
    expect(editDistance('', 'tcp')).toBe(3);
  });

  it('stops at the limit with limit + 1, and agrees below it', () => {
    const words = ['traffic-split', 'tracing', 'tcp', 'grpc', 'mtls', 'wasm'];
    for (const a of words)
      for (const b of words)
        for (const limit of [0, 1, 2, 5]) {
          const full = editDistance(a, b);
          expect(editDistance(a, b, limit)).toBe(
            full <= limit ? full : limit + 1,
          );
        }
  });
});
