// The synthetic catalogs the three benchmarks measure (yarn bench:engine,
// bench:backend, bench:ui): seeded, so every run sees the same services.
// One generator; what differs between the benchmarks is a profile below. Each
// profile's mix of annotations is the one its figures in the root README were
// measured on: changing a profile changes what those figures mean, so
// re-measure after. CommonJS, so the CommonJS benches require it and the ESM
// scripts import it, neither with a build step.
'use strict';

const REQUIRES = 'mesh-advisor.io/requires';
const PREFERS = 'mesh-advisor.io/prefers';
const LATENCY = 'mesh-advisor.io/latency-budget-ms';
const REPLICAS = 'mesh-advisor.io/replicas';
const RPS = 'mesh-advisor.io/rps';
const OPS = 'mesh-advisor.io/ops-capacity';
const K8S_ID = 'backstage.io/kubernetes-id';
/** A misspelt capability: the annotation errors every catalog carries a few of. */
const TYPO = 'mtls, fault-injektion';
const CAPACITIES = ['low', 'medium', 'high'];

/** mulberry32: a small deterministic PRNG, values in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws for service i alone (an LCG seeded by i): any service without those before it. */
function perServiceRandom(i) {
  let seed = (i * 2654435761 + 7) % 2147483648;
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const pick = (r, list) => list[Math.floor(r() * list.length)];
/** `from` plus a whole number below `span`, as an annotation value. */
const number = (r, from, span) => String(from + Math.floor(r() * span));
const pad = i => String(i).padStart(5, '0');

/** Up to `max` distinct entries of `list`: how many is drawn first. */
function some(r, list, max) {
  const out = [];
  const n = Math.floor(r() * (max + 1));
  for (let i = 0; i < n; i++) {
    const c = pick(r, list);
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

/** With probability `p` (one draw), sets `annotations[key]` to `value()`. */
function maybe(r, p, annotations, key, value) {
  if (r() < p) annotations[key] = value();
}

/** A Component of type service; fields left undefined are left out. */
function serviceEntity(metadata, spec) {
  const defined = o =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: defined(metadata),
    spec: defined({ type: 'service', lifecycle: 'production', ...spec }),
  };
}

// bench:ui's organization: names a person searches for, 8 teams of stated
// operations capacity, 20 systems each owned by a team.
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
const SYSTEMS = (
  'atlas borealis cobalt delta ember fjord granite harbor iris juniper ' +
  'krypton lumen meridian nimbus onyx polaris quartz rover sierra tundra'
).split(' ');
const DOMAINS = (
  'billing orders catalog inventory shipping pricing ledger identity reviews ' +
  'search loyalty fraud refunds tax carts media notify reports geo chat'
).split(' ');
const ROLES = 'api worker gateway sync indexer adapter bff cron'.split(' ');
const LANGS = 'go java kotlin rust node python'.split(' ');
// Weighted: mTLS and the basic L7 set are common asks, the rest rarer.
const ASKS = [
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
const PREFERABLE =
  'tracing golden-metrics retries timeouts low-overhead sidecar-free'.split(
    ' ',
  );

/** bench:ui's annotations: a few excluded or misspelt, a tenth without any. */
function uiAnnotations(r, role, capacity) {
  const roll = r();
  if (roll < 0.02) return { 'mesh-advisor.io/exclude': 'true' };
  if (roll < 0.03) return { [REQUIRES]: TYPO };
  if (roll < 0.1) return {};
  const annotations = {};
  const requires = ASKS.filter(([, p]) => r() < p).map(([c]) => c);
  const prefers = PREFERABLE.filter(c => !requires.includes(c) && r() < 0.2);
  if (requires.length) annotations[REQUIRES] = requires.join(', ');
  if (prefers.length) annotations[PREFERS] = prefers.join(', ');
  const budgets = ['0.3', '0.5', '1', '2', '5'];
  maybe(r, 0.2, annotations, LATENCY, () => pick(r, budgets));
  maybe(r, 0.8, annotations, REPLICAS, () => number(r, 1, 40));
  maybe(r, 0.6, annotations, RPS, () => number(r, 10, 5000));
  maybe(r, 0.9, annotations, OPS, () => capacity);
  if (role === 'gateway' || role === 'bff') {
    annotations['mesh-advisor.io/exposure'] = 'edge';
  }
  return annotations;
}

/**
 * Per benchmark: the first index, the seed of the one stream of draws over
 * the whole catalog (or none: each service draws on its own,
 * perServiceRandom), and service i from those draws.
 */
const PROFILES = {
  // Every capability equally likely, preferences too, and the call depth the
  // evaluator takes; streamed through in chunks.
  engine: {
    first: 0,
    seed: 42,
    service(i, r, { capabilities }) {
      const annotations = { [K8S_ID]: `svc-${i}` };
      const requires = some(r, capabilities, 4);
      const prefers = some(r, capabilities, 3);
      if (requires.length) annotations[REQUIRES] = requires.join(', ');
      if (prefers.length) annotations[PREFERS] = prefers.join(', ');
      const budgets = ['0.3', '0.5', '1', '2'];
      maybe(r, 0.3, annotations, LATENCY, () => pick(r, budgets));
      maybe(r, 0.7, annotations, REPLICAS, () => number(r, 1, 30));
      maybe(r, 0.5, annotations, RPS, () => number(r, 0, 5000));
      maybe(r, 0.6, annotations, OPS, () => pick(r, CAPACITIES));
      maybe(r, 0.02, annotations, REQUIRES, () => TYPO);
      const metadata = { name: `svc-${i}`, namespace: 'default', annotations };
      const entity = serviceEntity(metadata, { owner: `team-${i % 40}` });
      return { ...entity, depth: 1 + Math.floor(r() * 5) };
    },
  },
  // Services drawn one by one (the bench adds service n to a running
  // catalog), with owners, systems and call chains: each service but every
  // fifth depends on the one before.
  backend: {
    first: 0,
    service(i, r, { capabilities }) {
      const requires = some(r, capabilities, 3);
      const annotations = {
        [K8S_ID]: `svc-${i}`,
        [REPLICAS]: number(r, 1, 20),
      };
      if (requires.length) annotations[REQUIRES] = requires.join(', ');
      maybe(r, 0.3, annotations, OPS, () => pick(r, CAPACITIES));
      const name = `svc-${pad(i)}`;
      const description = `Synthetic service ${i}`;
      return serviceEntity(
        { name, namespace: 'default', annotations, description },
        {
          owner: `group:default/team-${i % 50}`,
          system: `system:default/system-${i % 200}`,
          dependsOn: i % 5 ? [`component:default/svc-${pad(i - 1)}`] : [],
        },
      );
    },
  },
  // Names, titles and tags for the UI's search and columns; a third of the
  // services depend on an earlier one.
  ui: {
    first: 1,
    seed: 20261123,
    service(i, r, { names }) {
      const domain = pick(r, DOMAINS);
      const role = pick(r, ROLES);
      const system = pick(r, SYSTEMS);
      const [team, capacity] = TEAMS[SYSTEMS.indexOf(system) % TEAMS.length];
      const annotations = uiAnnotations(r, role, capacity);
      const name = `${domain}-${role}-${pad(i)}`;
      const title = `${domain[0].toUpperCase()}${domain.slice(1)} ${role} ${i}`;
      const tags = [pick(r, LANGS)];
      const dependsOn =
        names.length > 10 && r() < 0.33
          ? [`component:default/${pick(r, names)}`]
          : undefined;
      names.push(name);
      return serviceEntity(
        { name, title, tags, annotations },
        { owner: `group:default/${team}-team`, system, dependsOn },
      );
    },
  },
};

/**
 * The `count` services of a benchmark's synthetic catalog, in order, one at
 * a time (a caller that drops them as it goes keeps its memory flat).
 *
 * @param {'engine' | 'backend' | 'ui'} profile the benchmark
 * @param {number} count
 * @param {{ capabilities?: readonly string[] }} [options] `capabilities`:
 *   the capability ids (CAPABILITIES of the common package) the engine and
 *   backend profiles draw requirements from
 */
function* syntheticServices(profile, count, options = {}) {
  const { first, seed, service } = PROFILES[profile];
  const context = { capabilities: options.capabilities, names: [] };
  const stream = seed === undefined ? undefined : mulberry32(seed);
  for (let i = first; i < first + count; i++) {
    yield service(i, stream ?? perServiceRandom(i), context);
  }
}

/**
 * Service `i` of a profile whose services are drawn one by one (backend),
 * without generating those before it.
 */
function syntheticService(profile, i, options = {}) {
  const { seed, service } = PROFILES[profile];
  if (seed !== undefined) {
    throw new Error(
      `the ${profile} profile draws its services from one stream: use syntheticServices`,
    );
  }
  const context = { capabilities: options.capabilities, names: [] };
  return service(i, perServiceRandom(i), context);
}

module.exports = {
  syntheticServices,
  syntheticService,
  TEAMS,
  SYSTEMS,
  DOMAINS,
};
