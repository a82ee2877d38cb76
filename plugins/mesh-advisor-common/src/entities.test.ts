import type { Entity } from '@backstage/catalog-model';
import { isService } from './entities';
import { createEvaluator } from './engine';

const entity = (kind: string, type: unknown): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name: 'orders',
    annotations: { 'mesh-advisor.io/requires': 'mtls' },
  },
  spec: { type: type as string, owner: 'team-a', lifecycle: 'production' },
});

describe('isService', () => {
  it.each([
    ['Component', 'service', true],
    ['Component', 'Service', true],
    ['component', 'SERVICE', true],
    ['Component', 'website', false],
    ['Component', 'services', false],
    ['Component', undefined, false],
    ['Component', 7, false],
    ['API', 'service', false],
  ])('%s of type %p → %p', (kind, type, expected) => {
    expect(isService(entity(kind, type))).toBe(expected);
  });

  it('is false for nothing', () => {
    expect(isService(undefined)).toBe(false);
    expect(isService(null)).toBe(false);
  });

  it('is the rule the engine applies: "Service" is evaluated, "website" is not', () => {
    const evaluate = createEvaluator();
    expect(evaluate(entity('Component', 'Service')).status).toBe('evaluated');
    expect(evaluate(entity('Component', 'website')).status).toBe(
      'not-applicable',
    );
  });
});
