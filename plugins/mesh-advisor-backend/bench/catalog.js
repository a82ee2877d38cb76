const { CAPABILITIES } = require('@mesh-advisor/plugin-mesh-advisor-common');

/** n synthetic services, the same on every run (fixed seed). */
function syntheticCatalog(n) {
  let seed = 7;
  const r = () =>
    (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const entities = [];
  for (let i = 0; i < n; i++) {
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
    entities.push({
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
    });
  }
  return entities;
}

module.exports = { syntheticCatalog };
