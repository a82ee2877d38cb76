import type { Entity } from '@backstage/catalog-model';

/** A Component of type service with the given annotations. */
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
      namespace: 'default',
      annotations: { 'backstage.io/kubernetes-id': name, ...annotations },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team-a',
      system: 'system:default/shop',
      ...spec,
    },
  };
}

/** Needs mTLS and traffic splitting, small team: Linkerd's home turf. */
export const checkoutEntity = service('checkout', {
  'mesh-advisor.io/requires': 'mtls, traffic-split',
  'mesh-advisor.io/replicas': '6',
  'mesh-advisor.io/ops-capacity': 'low',
});

/** Edge-facing, needs mTLS: Istio ambient, with a north–south companion. */
export const paymentsEntity = service(
  'payments',
  {
    'mesh-advisor.io/requires': 'mtls',
    'mesh-advisor.io/exposure': 'edge',
  },
  { owner: 'group:default/team-b' },
);

/** A misspelt capability: invalid, with a suggestion. */
export const typoEntity = service('typo-service', {
  'mesh-advisor.io/requires': 'mtls, jwt-auht',
});

/** Runs on VMs too: Istio ambient is blocked. */
export const vmEntity = service('legacy-billing', {
  'mesh-advisor.io/requires': 'mtls, vm-workloads',
});

/** Needs JWT validation in the mesh: Linkerd is blocked. */
export const authEntity = service(
  'auth-gateway',
  {
    'mesh-advisor.io/requires': 'mtls, jwt-auth, header-routing',
    'mesh-advisor.io/latency-budget-ms': '0.6',
  },
  { owner: 'group:default/team-b', system: 'system:default/identity' },
);

/** Declares nothing: no mesh. */
export const plainEntity = service('static-assets');

/** Opted out of evaluation. */
export const excludedEntity = service('batch-exporter', {
  'mesh-advisor.io/exclude': 'true',
});

/** Not a service: Mesh Advisor does not apply. */
export const websiteEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'docs-site', namespace: 'default' },
  spec: { type: 'website', lifecycle: 'production', owner: 'team-a' },
};

export const serviceEntities = [
  checkoutEntity,
  paymentsEntity,
  typoEntity,
  vmEntity,
  authEntity,
  plainEntity,
];
