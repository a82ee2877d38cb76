import { CAPABILITIES, Capability, MESH_IDS, MeshId } from '../vocabulary';
import { KnowledgeBase, OverheadFigure, SupportLevel } from './schema';

/**
 * The knowledge base turned into flat numbers and bit masks (one bit per
 * capability, in vocabulary order), so that the engine's inner loop — which
 * the sensitivity analysis runs dozens of times per entity — does no lookups
 * or allocation.
 */
export interface CompiledMesh {
  /** position in MESH_IDS (and in `meshes`) */
  index: number;
  id: MeshId;
  name: string;
  yes: number;
  partial: number;
  unknown: number;
  no: number;
  /** capabilities whose feature upstream calls alpha or experimental */
  immature: number;
  /** capabilities whose feature upstream calls beta */
  beta: number;
  placement: 'pod' | 'node' | 'none';
  memoryMiB: number | null;
  cpuPer1k: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  /** the low ends of the p50 and p99 ranges (a budget blocks only below the p99 one) */
  p50Low: number | null;
  p99Low: number | null;
  p50High: number | null;
  p99High: number | null;
  l7MemoryMiB: number | null;
  l7CpuPer1k: number | null;
  l7P50Ms: number | null;
  l7P99Ms: number | null;
  l7P50Low: number | null;
  l7P99Low: number | null;
  l7P50High: number | null;
  l7P99High: number | null;
  hasL7Proxy: boolean;
  complexity: number;
  requiresCni?: string;
  /** one bit per candidate (by index) sharing its control plane and trust domain, itself included */
  family: number;
  /** its stable releases need a vendor subscription */
  vendorStable: boolean;
}

export interface CompiledKnowledgeBase {
  kb: KnowledgeBase;
  meshes: CompiledMesh[];
  /** capabilities that need HTTP-aware processing */
  l7Mask: number;
  /**
   * Per capability, the first capability that every candidate supports at
   * the same level and that is on the same layer: requiring either changes
   * every score alike, so the what-if questions ask about one of them.
   */
  twinOf: number[];
  smallPlatformThreshold: number;
  podsPerNode: number;
  /** index of the `none` candidate */
  noneIndex: number;
  /** each candidate's index */
  indexOf: Record<MeshId, number>;
  /** points a mode change, a second mesh, and a subscription-only stable release under an open-source policy cost */
  modeChangePoints: number;
  secondMeshPoints: number;
  releasePolicyPoints: number;
  /**
   * What an unknown figure is scored as: the mean of the known figures of
   * the meshes that run a proxy, so an unknown never scores below the worst
   * known one (the fits fall as the figures grow).
   */
  neutral: { p99Ms: number; memoryPerPodMiB: number; cpuPer1k: number };
}

/**
 * Capability masks are plain 32-bit integers, and the sign bit stays clear
 * (`1 << 31` is negative and `2 ** 32 - 1` is no int32), so the vocabulary
 * may name at most 31 capabilities.
 */
export const MAX_CAPABILITIES = 31;

/** Throws when a vocabulary of `count` capabilities no longer fits a mask. */
export function assertCapabilitiesFitMasks(count: number): void {
  if (count > MAX_CAPABILITIES) {
    throw new Error(
      `The vocabulary names ${count} capabilities, but capability masks are 31-bit integers: at most ${MAX_CAPABILITIES}. ` +
        'Widen the masks (two words, or a BigInt) in knowledgeBase/compile.ts before adding more.',
    );
  }
}

assertCapabilitiesFitMasks(CAPABILITIES.length);

export const CAPABILITY_BIT: Record<Capability, number> = Object.fromEntries(
  CAPABILITIES.map((c, i) => [c, 1 << i]),
) as Record<Capability, number>;

const ALL_CAPABILITIES = 2 ** CAPABILITIES.length - 1;

export function maskOf(caps: readonly Capability[]): number {
  let mask = 0;
  for (const c of caps) mask |= CAPABILITY_BIT[c];
  return mask;
}

export function capabilitiesOf(mask: number): Capability[] {
  let rest = mask & ALL_CAPABILITIES;
  // sized up front: results hold many of these short lists
  const out = new Array<Capability>(popcount(rest));
  // lowest set bit first: as many steps as capabilities, not as bits
  for (let i = 0; rest !== 0; rest &= rest - 1) {
    out[i++] = CAPABILITIES[31 - Math.clz32(rest & -rest)];
  }
  return out;
}

/** The capabilities of a mask as written in annotations and sentences: "mtls, retries". */
export function capabilityList(mask: number): string {
  let rest = mask & ALL_CAPABILITIES;
  let out = '';
  for (; rest !== 0; rest &= rest - 1) {
    const name = CAPABILITIES[31 - Math.clz32(rest & -rest)];
    out = out ? `${out}, ${name}` : name;
  }
  return out;
}

export function popcount(mask: number): number {
  let n = mask - ((mask >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const rangeEnd = (
  f: OverheadFigure | undefined,
  end: 'low' | 'high',
): number | null =>
  f === undefined || f.value === null ? null : f[end] ?? f.value;

const mean = (values: (number | null)[]) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : 0;
};

/** The mean known figures of the meshes that run a proxy (see `neutral`). */
function neutralFigures(meshes: CompiledMesh[], podsPerNode: number) {
  const meshed = meshes.filter(m => m.placement !== 'none');
  return {
    p99Ms: mean(
      meshed.flatMap(m => [m.p99Ms, m.hasL7Proxy ? m.l7P99Ms : null]),
    ),
    memoryPerPodMiB: mean(
      meshed.map(m =>
        m.memoryMiB === null || m.placement === 'pod'
          ? m.memoryMiB
          : m.memoryMiB / podsPerNode,
      ),
    ),
    cpuPer1k: mean(meshed.map(m => m.cpuPer1k)),
  };
}

const cache = new WeakMap<KnowledgeBase, CompiledKnowledgeBase>();

/** One bit per capability that needs HTTP-aware processing (layer 7). */
function l7MaskOf(kb: KnowledgeBase): number {
  let l7Mask = 0;
  CAPABILITIES.forEach((c, i) => {
    if (kb.capabilities[c].layer === 7) l7Mask |= 1 << i;
  });
  return l7Mask;
}

/**
 * A mesh's capabilities as masks per support level, and the usable ones whose
 * feature upstream calls alpha or experimental (`immature`) or beta.
 */
function supportMasks(kb: KnowledgeBase, id: MeshId) {
  const masks: Record<SupportLevel, number> = {
    yes: 0,
    partial: 0,
    unknown: 0,
    no: 0,
  };
  let immature = 0;
  let beta = 0;
  CAPABILITIES.forEach((c, i) => {
    const fact = kb.capabilities[c].support[id];
    masks[fact?.level ?? 'unknown'] |= 1 << i;
    // maturity weighs only where the feature is there to use
    const usable = fact?.level === 'yes' || fact?.level === 'partial';
    const maturity = usable ? fact?.maturity?.level : undefined;
    if (maturity === 'alpha' || maturity === 'experimental') immature |= 1 << i;
    else if (maturity === 'beta') beta |= 1 << i;
  });
  return { masks, immature, beta };
}

/** The mesh `id`, at `index` in MESH_IDS, as flat numbers and masks. */
function compileMesh(
  kb: KnowledgeBase,
  id: MeshId,
  index: number,
): CompiledMesh {
  const facts = kb.meshes[id]!;
  const { masks, immature, beta } = supportMasks(kb, id);
  const o = facts.overhead;
  const l7 = o?.l7Proxy;
  const familyMembers = Object.values(kb.coherence.families).find(f =>
    f.includes(id),
  ) ?? [id];
  return {
    index,
    id,
    name: facts.name,
    ...masks,
    immature,
    beta,
    placement: o?.placement ?? 'none',
    memoryMiB: o?.memoryMiB.value ?? null,
    cpuPer1k: o?.cpuVcpuPer1kRps.value ?? null,
    p50Ms: o?.p50Ms.value ?? null,
    p99Ms: o?.p99Ms.value ?? null,
    p50Low: rangeEnd(o?.p50Ms, 'low'),
    p99Low: rangeEnd(o?.p99Ms, 'low'),
    p50High: rangeEnd(o?.p50Ms, 'high'),
    p99High: rangeEnd(o?.p99Ms, 'high'),
    l7MemoryMiB: l7?.memoryMiB.value ?? null,
    l7CpuPer1k: l7?.cpuVcpuPer1kRps.value ?? null,
    l7P50Ms: l7?.p50Ms?.value ?? null,
    l7P99Ms: l7?.p99Ms.value ?? null,
    l7P50Low: rangeEnd(l7?.p50Ms, 'low'),
    l7P99Low: rangeEnd(l7?.p99Ms, 'low'),
    l7P50High: rangeEnd(l7?.p50Ms, 'high'),
    l7P99High: rangeEnd(l7?.p99Ms, 'high'),
    hasL7Proxy: !!l7,
    complexity: facts.operationalComplexity.level,
    requiresCni: facts.requiresCni,
    family: familyMembers.reduce(
      (mask, member) => mask | (1 << MESH_IDS.indexOf(member)),
      0,
    ),
    vendorStable: facts.releaseModel.stableReleases === 'vendor-subscription',
  };
}

/** Per capability, the first one every candidate treats alike (see `twinOf`). */
function twinsOf(l7Mask: number, meshes: CompiledMesh[]): number[] {
  const signature = (i: number) =>
    [
      (l7Mask >>> i) & 1,
      ...meshes.map(m =>
        [m.yes, m.partial, m.unknown, m.no].findIndex(mask => mask & (1 << i)),
      ),
      ...meshes.map(m => ((m.immature >>> i) & 1) * 2 + ((m.beta >>> i) & 1)),
    ].join();
  // multi-cluster is required of every mesh on a multi-cluster platform, so
  // it is never a twin of a capability that is not
  const signatures = CAPABILITIES.map(
    (c, i) => `${signature(i)}${c === 'multi-cluster' ? ',platform' : ''}`,
  );
  return signatures.map(sig => signatures.indexOf(sig));
}

export function compileKnowledgeBase(kb: KnowledgeBase): CompiledKnowledgeBase {
  const hit = cache.get(kb);
  if (hit) return hit;
  const podsPerNode = kb.guidance.podsPerNode.value ?? 30;
  const l7Mask = l7MaskOf(kb);
  const meshes = MESH_IDS.map((id, index) => compileMesh(kb, id, index));
  const compiled: CompiledKnowledgeBase = {
    kb,
    meshes,
    l7Mask,
    twinOf: twinsOf(l7Mask, meshes),
    smallPlatformThreshold: kb.guidance.smallPlatformThreshold.value ?? 10,
    podsPerNode,
    noneIndex: MESH_IDS.indexOf('none'),
    indexOf: Object.fromEntries(MESH_IDS.map((id, i) => [id, i])) as Record<
      MeshId,
      number
    >,
    modeChangePoints: kb.coherence.modeChange.points,
    secondMeshPoints: kb.coherence.secondMesh.points,
    releasePolicyPoints: kb.coherence.releasePolicy.points,
    neutral: neutralFigures(meshes, podsPerNode),
  };
  cache.set(kb, compiled);
  return compiled;
}
