import fc from 'fast-check';
import { CAPABILITIES, ANNOTATIONS, MESH_IDS } from '../vocabulary';
import { createEvaluator } from './evaluate';
import { declaredAnnotations, service } from '../__testUtils__/testEntities';

const evaluate = createEvaluator({
  platform: { cni: 'cilium', serviceCount: 40 },
});
const caps = fc.subarray([...CAPABILITIES]);
const annotationValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '',
    ' ',
    ',',
    '-1',
    'NaN',
    'Infinity',
    '1e309',
    '0x10',
    'true',
    'mtls,,mtls',
    '\u0000',
  ),
  caps.map(c => c.join(',')),
);
const annotations = fc.dictionary(
  fc.constantFrom(...Object.values(ANNOTATIONS), 'mesh-advisor.io/other'),
  annotationValue,
);
const requirements = fc.record({
  requires: caps,
  prefers: caps,
  budget: fc.option(fc.constantFrom('0.1', '0.25', '0.4', '0.6', '1', '5')),
  replicas: fc.option(fc.nat(200).map(String)),
  capacity: fc.option(fc.constantFrom('low', 'medium', 'high')),
});

describe('engine properties', () => {
  it('never throws, whatever string any annotation holds, and always ranks every candidate', () => {
    fc.assert(
      fc.property(annotations, a => {
        const r = evaluate(service('svc', a));
        expect(['evaluated', 'invalid', 'excluded']).toContain(r.status);
        // excluded entities are not ranked; everything else ranks every candidate
        const ranked = r.ranking.map(c => c.mesh).sort();
        expect(ranked).toEqual(
          r.status === 'excluded' ? [] : [...MESH_IDS].sort(),
        );
        for (const c of r.ranking) expect(c.score).toBeGreaterThanOrEqual(0);
        for (const c of r.ranking) expect(c.score).toBeLessThanOrEqual(100);
      }),
      { numRuns: 500 },
    );
  });

  it('adding a hard requirement never raises a candidate that lacks it', () => {
    fc.assert(
      fc.property(
        requirements,
        fc.constantFrom(...CAPABILITIES),
        (r, extra) => {
          fc.pre(!r.requires.includes(extra));
          const before = evaluate(service('svc', declaredAnnotations(r)));
          const after = evaluate(
            service(
              'svc',
              declaredAnnotations({ ...r, requires: [...r.requires, extra] }),
            ),
          );
          for (const c of after.ranking) {
            const lacks =
              c.blockers.some(b => b.capability === extra) ||
              c.partial.includes(extra) ||
              c.unverified.includes(extra);
            if (!lacks) continue;
            const prev = before.ranking.find(p => p.mesh === c.mesh)!;
            expect(c.score).toBeLessThanOrEqual(prev.score);
          }
          // and a mesh that does not have it at all is blocked, so never the pick
          for (const c of after.ranking.filter(x =>
            x.blockers.some(b => b.capability === extra),
          )) {
            expect(c.blocked).toBe(true);
            expect(c.score).toBe(0);
            expect(after.recommendation?.mesh).not.toBe(c.mesh);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('is deterministic: the same input gives the same result', () => {
    fc.assert(
      fc.property(requirements, fc.integer({ min: 1, max: 6 }), (r, depth) => {
        const entity = service('svc', declaredAnnotations(r));
        expect(evaluate(entity, depth)).toEqual(
          evaluate(structuredClone(entity), depth),
        );
      }),
      { numRuns: 200 },
    );
  });
});
