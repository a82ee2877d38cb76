/**
 * The requirements vocabulary: the one place that names capabilities, meshes
 * and annotation keys. Everything else (engine, processor, UI, CLI, docs)
 * imports from here.
 */

/**
 * Capabilities a service can require or prefer from a mesh.
 * The order is stable: the engine uses each capability's index as a bit, so
 * add new ones at the end. Masks are 32-bit integers that keep clear of the
 * sign bit: at most 31 capabilities (the knowledge-base compiler refuses more).
 * Labels, descriptions and layers live in the knowledge base.
 * @public
 */
export const CAPABILITIES = [
  'mtls',
  'traffic-split',
  'header-routing',
  'retries',
  'timeouts',
  'circuit-breaking',
  'fault-injection',
  'mirroring',
  'rate-limiting',
  'jwt-auth',
  'l7-authz',
  'l7-network-policy',
  'multi-cluster',
  'vm-workloads',
  'wasm',
  'post-quantum',
  'sidecar-free',
  'tracing',
  'golden-metrics',
  'grpc',
  'tcp',
  'websocket',
  'gateway-api',
  'low-overhead',
  /** Control and restrict traffic leaving the mesh (allow-lists, egress gateways). */
  'egress-control',
  /** FIPS 140 validated cryptography for mesh TLS. */
  'fips',
  /** Workloads on Windows nodes can join the mesh. */
  'windows-nodes',
  /** Works on IPv4/IPv6 dual-stack clusters. */
  'dual-stack',
  /** Prefers endpoints in the caller's zone or region, failing over by locality. */
  'locality-lb',
  /** Delegates authorization decisions to an external service (ext_authz, OPA). */
  'ext-authz',
  /**
   * HTTP/2 and gRPC balanced per request, not per connection (ztunnel balances
   * per connection; a waypoint or a sidecar per request).
   */
  'per-request-lb',
] as const;

/** @public */
export type Capability = (typeof CAPABILITIES)[number];

/**
 * The candidate meshes the engine ranks. `none` is a real candidate.
 * @public
 */
export const MESH_IDS = [
  'istio-ambient',
  'istio-sidecar',
  'linkerd',
  'cilium',
  'none',
] as const;

/** @public */
export type MeshId = (typeof MESH_IDS)[number];

/**
 * Rows of the knowledge base that are not candidates: the north–south
 * companion and context rows for comparison.
 * @public
 */
export const COMPANION_IDS = ['envoy-gateway', 'consul'] as const;

/** @public */
export type CompanionId = (typeof COMPANION_IDS)[number];

/** @public */
export const OPS_CAPACITIES = ['low', 'medium', 'high'] as const;
/** @public */
export type OpsCapacity = (typeof OPS_CAPACITIES)[number];

/** @public */
export const EXPOSURES = ['internal', 'edge'] as const;
/** @public */
export type Exposure = (typeof EXPOSURES)[number];

/** @public */
export const CNIS = [
  'cilium',
  'calico',
  'aws-vpc-cni',
  'azure-cni',
  'flannel',
  'other',
] as const;

/**
 * The catalog annotations Mesh Advisor reads: its public contract.
 * @public
 */
export const ANNOTATIONS = {
  requires: 'mesh-advisor.io/requires',
  prefers: 'mesh-advisor.io/prefers',
  latencyBudgetMs: 'mesh-advisor.io/latency-budget-ms',
  replicas: 'mesh-advisor.io/replicas',
  rps: 'mesh-advisor.io/rps',
  opsCapacity: 'mesh-advisor.io/ops-capacity',
  exposure: 'mesh-advisor.io/exposure',
  exclude: 'mesh-advisor.io/exclude',
} as const;

/** @public */
export type AnnotationKey = keyof typeof ANNOTATIONS;

/** The prefix every Mesh Advisor annotation shares. @public */
export const ANNOTATION_PREFIX = 'mesh-advisor.io/';

/** One line per annotation, for help texts, the UI and the docs. @public */
export const ANNOTATION_DOCS: Record<AnnotationKey, string> = {
  requires: 'Comma-separated capabilities the service cannot run without.',
  prefers: 'Comma-separated capabilities that are nice to have.',
  latencyBudgetMs:
    'Most added p99 latency per hop the service tolerates, in ms (> 0).',
  replicas: 'Typical pod count (integer ≥ 0), for cost estimates.',
  rps: 'Peak requests per second (≥ 0), for cost estimates.',
  opsCapacity:
    'How much mesh operations the owning team can absorb: low | medium | high.',
  exposure:
    'internal (default) | edge — edge services also get a north–south gateway suggested.',
  exclude: '"true" opts the entity out of evaluation.',
};
