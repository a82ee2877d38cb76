const { CAPABILITIES } = require('@mesh-advisor/plugin-mesh-advisor-common');

/** n synthetic services, the same on every run (fixed seed). */
function syntheticCatalog(n) {
  const entities = [];
  for (let i = 0; i < n; i++) entities.push(syntheticService(i));
  return entities;
}

/** Synthetic service i, the same on every run (its own fixed seed). */
function syntheticService(i) {
  let seed = (i * 2654435761 + 7) % 2147483648;
  const r = () =>
    (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  {
    const requires = [
      ...new Set(
        Array.from(
          { length: Math.floor(r() * 4) },
          () => CAPABILITIES[Math.floor(r() * CAPABILITIES.length)],
        ),
      ),
    ];
    const annotations = {
      'backstage.io/kubernetes-id': `svc-${i}`,
      'mesh-advisor.io/replicas': String(1 + Math.floor(r() * 20)),
    };
    if (requires.length)
      annotations['mesh-advisor.io/requires'] = requires.join(', ');
    if (r() < 0.3)
      annotations['mesh-advisor.io/ops-capacity'] = ['low', 'medium', 'high'][
        Math.floor(r() * 3)
      ];
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${String(i).padStart(5, '0')}`,
        namespace: 'default',
        annotations,
        description: `Synthetic service ${i}`,
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `group:default/team-${i % 50}`,
        system: `system:default/system-${i % 200}`,
        dependsOn:
          i % 5
            ? [`component:default/svc-${String(i - 1).padStart(5, '0')}`]
            : [],
      },
    };
  }
}

module.exports = { syntheticCatalog, syntheticService };
