import type { Entity } from '@backstage/catalog-model';
import { ANNOTATIONS } from '../vocabulary';

/** A Component of type service with the given mesh-advisor annotations (test helper). */
export function service(
  name: string,
  annotations: Record<string, string> = {},
  spec: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: { 'backstage.io/kubernetes-id': name, ...annotations },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team',
      ...spec,
    },
  };
}

export const requires = (caps: string) => ({
  'mesh-advisor.io/requires': caps,
});

/** What a generated service declares (property tests). */
export type Declared = {
  requires: string[];
  prefers: string[];
  budget: string | null;
  replicas: string | null;
  capacity: string | null;
};

/** The annotations a service declaring `d` carries; empty parts left out. */
export function declaredAnnotations(d: Declared): Record<string, string> {
  const out: Record<string, string> = {};
  if (d.requires.length) out[ANNOTATIONS.requires] = d.requires.join(', ');
  if (d.prefers.length) out[ANNOTATIONS.prefers] = d.prefers.join(', ');
  if (d.budget) out[ANNOTATIONS.latencyBudgetMs] = d.budget;
  if (d.replicas) out[ANNOTATIONS.replicas] = d.replicas;
  if (d.capacity) out[ANNOTATIONS.opsCapacity] = d.capacity;
  return out;
}
