import fs from 'node:fs';
import path from 'node:path';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { parse, parseAllDocuments } from 'yaml';
import {
  callChainDepths,
  createEvaluator,
  createFleetAccumulator,
} from '../engine';
import { loadKnowledgeBase } from '../knowledgeBase';

/**
 * Scenario tests: the example catalog the app loads (data/examples), each
 * service with the outcome and the reason a platform engineer expects
 * (data/examples/expectations.yaml).
 */
const examples = path.resolve(__dirname, '../../../../data/examples');
const entities: Entity[] = fs
  .readdirSync(path.join(examples, 'components'))
  .flatMap(f =>
    parseAllDocuments(
      fs.readFileSync(path.join(examples, 'components', f), 'utf8'),
    ).map(d => d.toJS()),
  );
const services = entities.filter(
  e =>
    e.kind === 'Component' && (e.spec as { type: string }).type === 'service',
);
const platform = parse(
  fs.readFileSync(path.join(examples, 'platform.yaml'), 'utf8'),
);
const expectations: Record<
  string,
  {
    status: string;
    top?: string;
    reason?: string;
    blocked?: string[];
    companion?: string;
    issueAnnotations?: string[];
  }
> = parse(fs.readFileSync(path.join(examples, 'expectations.yaml'), 'utf8'));

const evaluate = createEvaluator({
  platform: { ...platform, serviceCount: services.length },
});
const depths = callChainDepths(entities);
const results = new Map(
  services.map(e => [
    stringifyEntityRef(e),
    evaluate(e, depths.get(stringifyEntityRef(e))),
  ]),
);

describe('the example catalog', () => {
  it('has at least 25 services, every one with an expectation', () => {
    expect(services.length).toBeGreaterThanOrEqual(25);
    expect(Object.keys(expectations).sort()).toEqual(
      [...results.keys()].sort(),
    );
  });

  it('covers every mesh, every blocker kind and every status', () => {
    const tops = new Set(Object.values(expectations).map(x => x.top));
    for (const mesh of [
      'istio-ambient',
      'istio-sidecar',
      'linkerd',
      'cilium',
      'none',
    ])
      expect(tops).toContain(mesh);
    const kinds = new Set(
      [...results.values()].flatMap(r =>
        r.ranking.flatMap(c => c.blockers.map(b => b.kind)),
      ),
    );
    expect(kinds).toEqual(new Set(['capability', 'latency-budget']));
    expect(new Set(Object.values(expectations).map(x => x.status))).toEqual(
      new Set(['evaluated', 'excluded', 'invalid']),
    );
  });

  it.each(Object.entries(expectations))('%s', (ref, expected) => {
    const r = results.get(ref)!;
    const blocked = r.ranking.filter(c => c.blocked).map(c => c.mesh);
    const cited = r.ranking.flatMap(c => [
      ...c.reasons.map(x => x.factId),
      ...c.blockers.map(b => b.factId),
    ]);
    expect(r.status).toBe(expected.status);
    expect(r.recommendation?.mesh).toBe(expected.top);
    expect(blocked).toEqual(expect.arrayContaining(expected.blocked ?? []));
    expect(cited).toEqual(
      expect.arrayContaining(expected.reason ? [expected.reason] : []),
    );
    expect(r.companion?.id).toBe(expected.companion);
    expect(r.issues.map(i => i.annotation)).toEqual(
      expected.issueAnnotations ?? [],
    );
    // an evaluated service gets its one-sentence why
    expect(
      r.status !== 'evaluated' || r.recommendation!.summary.length > 20,
    ).toBe(true);
  });

  it('recommends one mesh for the whole platform and lists who it leaves unsatisfied', () => {
    const fleet = createFleetAccumulator(loadKnowledgeBase());
    results.forEach(r => fleet.add(r));
    const f = fleet.result();
    expect(f.recommendation).not.toBeNull();
    const top = f.ranking[0];
    expect(f.recommendation!.mesh).toBe(top.mesh);
    // no mesh is installed: the pick satisfies at least as many services as any other candidate
    for (const c of f.ranking)
      expect(top.servicesSatisfied).toBeGreaterThanOrEqual(c.servicesSatisfied);
    // and the services it leaves unsatisfied are exactly those it is blocked for
    const blockedFor = [...results.values()]
      .filter(r => r.ranking.find(c => c.mesh === top.mesh)?.blocked)
      .map(r => r.entityRef);
    expect(f.unsatisfied.map(u => u.entityRef).sort()).toEqual(
      blockedFor.sort(),
    );
    expect(f.unsatisfied.every(u => u.missing.length > 0)).toBe(true);
  });
});
