// The synthetic catalog: the same services every run (seeded), and the app-config that loads it.
import fs from 'node:fs';
import { PORT, BASE, SERVICES } from './common.mjs';

/** A small deterministic PRNG (mulberry32): the same catalog every run. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = [
  ['payments', 'high'],
  ['checkout', 'medium'],
  ['search', 'medium'],
  ['storefront', 'low'],
  ['fulfilment', 'low'],
  ['platform', 'high'],
  ['data', 'high'],
  ['integrations', 'medium'],
];
const SYSTEMS = [
  'atlas',
  'borealis',
  'cobalt',
  'delta',
  'ember',
  'fjord',
  'granite',
  'harbor',
  'iris',
  'juniper',
  'krypton',
  'lumen',
  'meridian',
  'nimbus',
  'onyx',
  'polaris',
  'quartz',
  'rover',
  'sierra',
  'tundra',
];
export const DOMAINS = [
  'billing',
  'orders',
  'catalog',
  'inventory',
  'shipping',
  'pricing',
  'ledger',
  'identity',
  'reviews',
  'search',
  'loyalty',
  'fraud',
  'refunds',
  'tax',
  'carts',
  'media',
  'notify',
  'reports',
  'geo',
  'chat',
];
const ROLES = [
  'api',
  'worker',
  'gateway',
  'sync',
  'indexer',
  'adapter',
  'bff',
  'cron',
];
const LANGS = ['go', 'java', 'kotlin', 'rust', 'node', 'python'];
// Weighted: mTLS and the basic L7 set are common asks, the rest rarer.
const REQUIRABLE = [
  ['mtls', 0.65],
  ['retries', 0.25],
  ['timeouts', 0.25],
  ['traffic-split', 0.15],
  ['header-routing', 0.08],
  ['circuit-breaking', 0.08],
  ['rate-limiting', 0.07],
  ['jwt-auth', 0.07],
  ['l7-authz', 0.06],
  ['multi-cluster', 0.06],
  ['fault-injection', 0.03],
  ['mirroring', 0.02],
  ['l7-network-policy', 0.03],
  ['vm-workloads', 0.015],
  ['wasm', 0.02],
  ['post-quantum', 0.01],
  ['sidecar-free', 0.04],
  ['grpc', 0.1],
  ['websocket', 0.03],
  ['tcp', 0.04],
  ['gateway-api', 0.03],
  ['low-overhead', 0.05],
];
const PREFERABLE = [
  'tracing',
  'golden-metrics',
  'retries',
  'timeouts',
  'low-overhead',
  'sidecar-free',
];

export const q = s => JSON.stringify(String(s)); // a YAML double-quoted scalar

function componentYaml(i, rnd) {
  const pick = list => list[Math.floor(rnd() * list.length)];
  const domain = pick(DOMAINS);
  const role = pick(ROLES);
  const name = `${domain}-${role}-${String(i).padStart(5, '0')}`;
  const system = SYSTEMS[Math.floor(rnd() * SYSTEMS.length)];
  const [team, capacity] = TEAMS[SYSTEMS.indexOf(system) % TEAMS.length];
  const annotations = {};
  const roll = rnd();
  if (roll < 0.02) {
    annotations['mesh-advisor.io/exclude'] = 'true';
  } else if (roll < 0.03) {
    // a typo the catalog module reports (annotationErrors: warn keeps it)
    annotations['mesh-advisor.io/requires'] = 'mtls, fault-injektion';
  } else if (roll >= 0.1) {
    const requires = REQUIRABLE.filter(([, p]) => rnd() < p).map(([c]) => c);
    const prefers = PREFERABLE.filter(
      c => !requires.includes(c) && rnd() < 0.2,
    );
    if (requires.length)
      annotations['mesh-advisor.io/requires'] = requires.join(', ');
    if (prefers.length)
      annotations['mesh-advisor.io/prefers'] = prefers.join(', ');
    if (rnd() < 0.2)
      annotations['mesh-advisor.io/latency-budget-ms'] = pick([
        '0.3',
        '0.5',
        '1',
        '2',
        '5',
      ]);
    if (rnd() < 0.8)
      annotations['mesh-advisor.io/replicas'] = String(
        1 + Math.floor(rnd() * 40),
      );
    if (rnd() < 0.6)
      annotations['mesh-advisor.io/rps'] = String(
        10 + Math.floor(rnd() * 5000),
      );
    if (rnd() < 0.9) annotations['mesh-advisor.io/ops-capacity'] = capacity;
    if (role === 'gateway' || role === 'bff')
      annotations['mesh-advisor.io/exposure'] = 'edge';
  }
  const lines = [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    `  title: ${q(
      `${domain[0].toUpperCase()}${domain.slice(1)} ${role} ${i}`,
    )}`,
    `  tags: [${pick(LANGS)}]`,
  ];
  const entries = Object.entries(annotations);
  if (entries.length) {
    lines.push('  annotations:');
    for (const [k, v] of entries) lines.push(`    ${k}: ${q(v)}`);
  }
  lines.push(
    'spec:',
    '  type: service',
    '  lifecycle: production',
    `  owner: group:default/${team}-team`,
    `  system: ${system}`,
  );
  return { name, yaml: lines.join('\n') };
}

export function writeCatalog(file) {
  const rnd = prng(20261123);
  const docs = [];
  for (const [team] of TEAMS) {
    docs.push(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Group',
        'metadata:',
        `  name: ${team}-team`,
        'spec:',
        '  type: team',
        '  children: []',
      ].join('\n'),
    );
  }
  SYSTEMS.forEach((system, i) => {
    docs.push(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: System',
        'metadata:',
        `  name: ${system}`,
        'spec:',
        `  owner: group:default/${TEAMS[i % TEAMS.length][0]}-team`,
      ].join('\n'),
    );
  });
  const names = [];
  for (let i = 1; i <= SERVICES; i++) {
    const { name, yaml } = componentYaml(i, rnd);
    // every third service depends on an earlier one: call chains for the sweep
    const extra =
      names.length > 10 && rnd() < 0.33
        ? `\n  dependsOn: [component:default/${
            names[Math.floor(rnd() * names.length)]
          }]`
        : '';
    names.push(name);
    docs.push(yaml + extra);
  }
  fs.writeFileSync(file, `${docs.join('\n---\n')}\n`);
  return { groups: TEAMS.length, systems: SYSTEMS.length, services: SERVICES };
}

export function writeConfig(file, catalogFile) {
  fs.writeFileSync(
    file,
    [
      '# Generated by scripts/bench-ui.mjs, layered over app-config.yaml.',
      'app:',
      `  baseUrl: ${BASE}`,
      'backend:',
      `  baseUrl: ${BASE}`,
      '  listen:',
      `    port: ${PORT}`,
      '  cors:',
      `    origin: ${BASE}`,
      '  database:',
      '    client: better-sqlite3',
      "    connection: ':memory:'",
      'catalog:',
      '  rules:',
      '    - allow: [Component, System, Group, User, Location]',
      '  # only the synthetic catalog (arrays replace those of app-config.yaml)',
      '  locations:',
      '    - type: file',
      `      target: ${q(catalogFile)}`,
      '  # re-processing 10,000 entities every ~2 minutes would compete with the',
      '  # measurements for the 2 CPUs; ingestion of new entities is not delayed',
      '  processingInterval: { minutes: 30 }',
      'meshAdvisor:',
      '  annotationErrors: warn',
      '  schedule:',
      '    initialDelay: { seconds: 1 }',
      '    # the bench triggers the sweep once the catalog is complete',
      '    frequency: { hours: 6 }',
      '    timeout: { minutes: 15 }',
      '',
    ].join('\n'),
  );
}
