import type { Entity } from '@backstage/catalog-model';

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
