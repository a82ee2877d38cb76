import type { Blocker } from '@mesh-advisor/plugin-mesh-advisor-common';
import { parseAnnotations } from '@mesh-advisor/plugin-mesh-advisor-common';
import { responseError } from '../__testUtils__';
import { memory } from '../components/MeshTab/formatFigures';
import { budgetVerdict, rangeNote } from '../components/MeshTab/CostForService';
import { friendlyError } from './friendlyError';
import { groupBlockers } from './groupBlockers';
import { rollup } from './rollup';
import { scoreParts } from './scoreParts';
import { hasWhatIfState, whatIfFromUrl, withWhatIf } from './whatIfUrl';

const source = (id: string) => ({ id, url: `https://x/${id}`, title: id });
const lacks = (capability: string, ids = ['report']): Blocker =>
  ({
    kind: 'capability',
    capability,
    message: `Requires ${capability}, which No mesh does not provide`,
    factId: `capability.${capability}.none`,
    sources: ids.map(source),
  } as Blocker);

describe('groupBlockers', () => {
  it('says missing capabilities with the same sources once', () => {
    const groups = groupBlockers('No mesh', [
      lacks('mtls'),
      lacks('jwt-auth'),
      lacks('wasm'),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0].message).toBe(
      'No mesh lacks mtls, jwt-auth, wasm, which this service requires',
    );
    expect(groups[0].sources.map(s => s.id)).toEqual(['report']);
  });

  it('keeps a single blocker, other sources and other kinds as they are, in order', () => {
    const budget: Blocker = {
      kind: 'latency-budget',
      message: 'Adds 1.2 ms p99, over the 1 ms budget',
      factId: 'mesh.linkerd.overhead.p99Ms',
      sources: [source('bench')],
    };
    const groups = groupBlockers('Linkerd', [
      lacks('jwt-auth', ['linkerd-docs']),
      budget,
      lacks('wasm', ['other']),
    ]);
    expect(groups.map(g => g.message)).toEqual([
      'Requires jwt-auth, which No mesh does not provide',
      budget.message,
      'Requires wasm, which No mesh does not provide',
    ]);
  });
});

describe('scoreParts', () => {
  it('gives each part in points out of 100 by its weight, penalties last', () => {
    const parts = scoreParts(
      {
        requirements: 35,
        preferences: 7.5,
        overhead: 20,
        operations: 15,
        platform: 5,
        smallPlatformPenalty: 0,
        noNeedPenalty: 12,
        coherencePenalty: 0,
        releasePolicyPenalty: 0,
      },
      undefined,
    );
    expect(parts.map(p => [p.label, p.points, p.max])).toEqual([
      ['Hard requirements', 35, 35],
      ['Preferences', 7.5, 15],
      ['Overhead (less is better)', 20, 25],
      ['Operations fit', 15, 15],
      ['Platform fit', 5, 10],
      ['Nothing declared needs a mesh', -12, 0],
    ]);
  });

  it('lists the coherence and release-policy penalties when there are any', () => {
    const parts = scoreParts(
      {
        requirements: 35,
        preferences: 0,
        overhead: 0,
        operations: 0,
        platform: 0,
        smallPlatformPenalty: 0,
        noNeedPenalty: 0,
        coherencePenalty: 15,
        releasePolicyPenalty: 0,
      },
      undefined,
    );
    expect(parts.slice(5).map(p => [p.label, p.points])).toEqual([
      ['Mode change or second mesh beside the installed one', -15],
    ]);
  });

  it('normalises custom weights to 100', () => {
    const parts = scoreParts(
      {
        requirements: 50,
        preferences: 0,
        overhead: 0,
        operations: 0,
        platform: 0,
        smallPlatformPenalty: 0,
        noNeedPenalty: 0,
        coherencePenalty: 0,
        releasePolicyPenalty: 0,
      },
      {
        weights: {
          requirements: 50,
          preferences: 0,
          overhead: 50,
          operations: 0,
          platform: 0,
        },
      },
    );
    expect(parts[0]).toMatchObject({ points: 50, max: 50 });
    expect(parts[2]).toMatchObject({ points: 0, max: 50 });
  });
});

describe('what-if in the URL', () => {
  const base = parseAnnotations({
    'mesh-advisor.io/requires': 'mtls',
    'mesh-advisor.io/exposure': 'edge',
  }).requirements;

  it('round-trips the requirements, keeping unrelated parameters', () => {
    const edited = {
      ...base,
      requires: ['mtls', 'jwt-auth'] as typeof base.requires,
      prefers: ['tracing'] as typeof base.prefers,
      latencyBudgetMs: 1.5,
      replicas: 4,
      opsCapacity: 'low' as const,
    };
    const params = withWhatIf(new URLSearchParams('tab=x'), edited);
    expect(params.get('tab')).toBe('x');
    expect(hasWhatIfState(params)).toBe(true);
    const back = new URLSearchParams(params.toString());
    expect(whatIfFromUrl(back, base)).toEqual(edited);
    expect(hasWhatIfState(withWhatIf(back, undefined))).toBe(false);
    expect(withWhatIf(back, undefined).toString()).toBe('tab=x');
  });

  it('drops values it does not know rather than trusting them', () => {
    const params = new URLSearchParams(
      'whatif=1&whatif.requires=mtls,nonsense&whatif.budget=-1&whatif.ops=huge&whatif.replicas=2.5',
    );
    const r = whatIfFromUrl(params, base)!;
    expect(r.requires).toEqual(['mtls']);
    expect(r.latencyBudgetMs).toBeUndefined();
    expect(r.replicas).toBeUndefined();
    expect(r.opsCapacity).toBeUndefined();
    expect(r.exposure).toBe('edge');
    expect(whatIfFromUrl(new URLSearchParams(''), base)).toBeUndefined();
  });
});

describe('figures', () => {
  it('formats memory one way: MiB below a GiB, GiB above', () => {
    expect(memory(12420)).toBe('12.1 GiB');
    expect(memory(1416.4)).toBe('1.4 GiB');
    expect(memory(83.6)).toBe('84 MiB');
    expect(memory(null)).toBe('unknown');
  });

  it('gives the range the sources leave a figure in, and how it was obtained', () => {
    expect(rangeNote({ low: 0.6, high: 1.234 }, 'measured')).toBe(
      '0.6–1.23 ms, measured',
    );
    expect(rangeNote({ low: 1, high: 1 }, 'estimated')).toBe('estimated');
    // stored by an older engine: nothing to say
    expect(rangeNote(undefined, undefined)).toBeUndefined();
  });

  it('compares added p99 with the declared budget', () => {
    expect(budgetVerdict(0.4, 2)).toEqual({
      text: 'within the 2 ms budget',
      tone: 'within',
    });
    expect(budgetVerdict(2.5, 2).tone).toBe('over');
    expect(budgetVerdict(0.4, undefined).text).toBe('no budget declared');
    expect(budgetVerdict(null, 2).tone).toBe('none');
  });
});

describe('friendlyError', () => {
  it('turns "Failed to fetch" into what to do', () => {
    expect(
      friendlyError(new TypeError('Failed to fetch'), 'the decisions'),
    ).toBe(
      'Could not load the decisions: the Mesh Advisor backend did not answer. Check your connection, then retry.',
    );
  });

  it('names the HTTP status of a server failure', async () => {
    const error = await responseError(503, 'db down');
    expect(friendlyError(error, 'the decisions')).toMatch(
      /backend failed while loading the decisions \(HTTP 503: db down\)\. Retry/,
    );
  });
});

describe('rollup', () => {
  const row = (owner: string | null, mesh: string | null, extra = {}) =>
    ({
      entityRef: `component:default/${Math.random()}`,
      name: 'x',
      owner,
      system: null,
      status: mesh ? 'evaluated' : 'invalid',
      recommendedMesh: mesh,
      confidence: null,
      score: null,
      issueCount: 0,
      evaluatedAt: '2026-01-01T00:00:00Z',
      stale: false,
      ...extra,
    } as any);

  it('counts services per owner, named not by ref, most services first', () => {
    const rows = [
      row('group:default/team-a', 'linkerd'),
      row('group:default/team-b', 'linkerd'),
      row('group:default/team-b', 'istio-ambient', {
        decision: { id: '1', chosen: 'linkerd', status: 'accepted' },
      }),
      row('group:default/team-b', 'linkerd'),
      row('group:default/team-b', null),
      row(null, 'none'),
    ];
    const [b, ...rest] = rollup(rows, 'owner');
    expect(b).toEqual({
      key: 'group:default/team-b',
      name: 'team-b',
      services: 4,
      recommended: 3,
      invalid: 1,
      decided: 1,
      topMesh: { mesh: 'linkerd', count: 2 },
    });
    expect(rest.map(r => r.name)).toEqual(['no owner', 'team-a']);
    // every service counted once
    expect(rollup(rows, 'system')).toHaveLength(1);
    expect(rollup(rows, 'system')[0].services).toBe(rows.length);
  });
});
