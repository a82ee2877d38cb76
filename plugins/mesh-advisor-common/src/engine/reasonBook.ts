import { CompiledKnowledgeBase, CompiledMesh } from '../knowledgeBase/compile';
import type { CapabilityFact, KnowledgeBase } from '../knowledgeBase/schema';
import type { PlatformContext } from '../platform';
import {
  CAPABILITIES,
  Capability,
  OPS_CAPACITIES,
  OpsCapacity,
} from '../vocabulary';
import { BoundedCache } from './boundedCache';
import type { PathFacts } from './costs';
import { adoptionOf } from './scoring';
import { CAPACITY_LEVEL } from './tables';
import type {
  Adoption,
  Blocker,
  Companion,
  FigureInfo,
  OperationsFit,
  Reason,
  SourceRef,
} from './types';

/**
 * The parts of an explanation that do not depend on the service — a
 * capability a mesh lacks, its operational burden at each capacity, what
 * the platform already runs — written once per knowledge base and platform
 * and shared, frozen, by every result. Only the sentences with the
 * service's own figures are written per evaluation (see explain.ts).
 */
export interface ReasonBook {
  meshes: MeshPage[];
  /** the explanation for a service that declares nothing a mesh would serve */
  declaresNothing: Reason;
  /** the Envoy Gateway companion for an edge service, by whether the pick is Linkerd */
  companion: { linkerd: Companion; other: Companion } | null;
}

/** One candidate's page of the book. */
export interface MeshPage {
  /** by capability index; only for capabilities the mesh lacks */
  capabilityBlockers: (Blocker | undefined)[];
  /** the same blockers as reasons */
  capabilityBlockerReasons: (Reason | undefined)[];
  partialReasons: (Reason | undefined)[];
  unverifiedReasons: (Reason | undefined)[];
  /** a requirement met by an alpha or experimental feature, and by a beta one */
  immatureReasons: (Reason | undefined)[];
  betaReasons: (Reason | undefined)[];
  /** sources of the "lacks a preference" reason, named after its first capability */
  capabilitySources: SourceRef[][];
  /** sources of "provides every requirement" and "no mesh needed" */
  guidanceSources: SourceRef[];
  p99Sources: SourceRef[];
  l7Sources: SourceRef[];
  /** "Adds about … p99 per hop …", by overheadKey */
  overheadReasons: BoundedCache<number, Reason>;
  /** fact ids of the reasons written per service */
  factIds: { mesh: string; p99: string; l7Proxy: string };
  /** the latency blocker with the waypoint cites both figures' sources */
  p99WithWaypointSources: SourceRef[];
  platformBlocker: Blocker | undefined;
  /** operations fit and its reason, by `operationsKey` */
  operations: { fit: OperationsFit; reason: Reason | undefined }[];
  /** reasons that hold for every service on this platform, in output order */
  noMesh: Reason | undefined;
  noP99: Reason | undefined;
  currentMesh: Reason | undefined;
  cniInPlace: Reason | undefined;
  smallPlatform: Reason | undefined;
  releaseModel: Reason | undefined;
  /** how the candidate relates to the installed mesh, and the reason that says what that costs */
  adoption: Adoption;
  coherence: Reason | undefined;
  /** a second mesh ranked after the installed one, which meets the service's needs */
  heldBack: Reason | undefined;
  /** the platform spans several clusters, so the mesh must too */
  multiCluster: Reason | undefined;
  /** the figures behind the estimate, on the L4 path and with the waypoint */
  pathFacts: [PathFacts, PathFacts];
  /** how the p99 per hop was obtained, on each path (for the budget caveat) */
  p99Method: [string, string];
}

/** Index into `MeshPage.operations` for a capacity as declared (or not) by a (deprecated) service. */
export function operationsKey(
  capacity: OpsCapacity,
  declared: boolean,
  deprecated: boolean,
): number {
  return (
    OPS_CAPACITIES.indexOf(capacity) * 4 +
    (declared ? 2 : 0) +
    (deprecated ? 1 : 0)
  );
}

/**
 * Key of the overhead sentence, which depends on the data-plane path, the
 * replicas and the call-chain depth only; undefined when out of range.
 */
export function overheadKey(
  waypoint: boolean,
  replicas: number,
  depth: number,
): number | undefined {
  if (replicas >= 2 ** 20 || depth >= 64) return undefined;
  return (replicas * 64 + depth) * 2 + (waypoint ? 1 : 0);
}

/** Two source lists as one, without repeats (kept: it is shared by frozen reasons). */
const mergedCache = new WeakMap<
  readonly string[],
  Map<readonly string[], string[]>
>();
function merged(a: readonly string[], b: readonly string[]): string[] {
  let byB = mergedCache.get(a);
  if (!byB) mergedCache.set(a, (byB = new Map()));
  let out = byB.get(b);
  if (!out) byB.set(b, (out = [...a, ...b.filter(id => !a.includes(id))]));
  return out;
}

const refCache = new WeakMap<readonly string[], SourceRef[]>();

/**
 * Resolves source ids to links. Facts' id lists are the knowledge base's own
 * arrays, so the links are resolved once per fact and shared (read-only).
 */
export function sourceRefs(
  kb: KnowledgeBase,
  ids: readonly string[],
): SourceRef[] {
  let refs = refCache.get(ids);
  if (!refs) {
    refs = ids.flatMap(id => {
      const s = kb.sources[id];
      return s ? [Object.freeze({ id, url: s.url, title: s.title })] : [];
    });
    Object.freeze(refs);
    refCache.set(ids, refs);
  }
  return refs;
}

export const reason = (
  factId: string,
  text: string,
  effect: Reason['effect'],
  sources: SourceRef[],
): Reason => Object.freeze({ factId, text, effect, sources });

function operationsFit(
  m: CompiledMesh,
  capacity: OpsCapacity,
  declared: boolean,
  deprecated: boolean,
): OperationsFit {
  const level = CAPACITY_LEVEL[capacity];
  const c = m.complexity;
  let fit: OperationsFit['fit'] = 'overload';
  if (c <= level) fit = 'comfortable';
  else if (c - level === 1) fit = 'stretch';
  const verdict = {
    comfortable: 'within reach',
    stretch: 'a stretch',
    overload: 'more than the team can absorb',
  }[fit];
  const against = declared
    ? `the team's declared ${capacity} capacity`
    : 'the default medium capacity (not declared)';
  const note =
    c === 0
      ? 'Nothing to operate.'
      : `Complexity ${c}/5 against ${against}: ${verdict}${
          deprecated
            ? '; the service is deprecated, so little is worth investing'
            : ''
        }.`;
  return Object.freeze({ complexity: c, capacity, fit, note });
}

type FigureFacts = {
  value: number | null;
  unit: string;
  basis?: 'measured' | 'estimated';
  low?: number;
  high?: number;
  method?: string;
  sources: string[];
};

function figureInfo(
  kb: KnowledgeBase,
  factId: string,
  f: FigureFacts | undefined,
): FigureInfo[] {
  if (!f || f.value === null) return [];
  return [
    Object.freeze({
      factId,
      basis: f.basis ?? 'measured',
      value: f.value,
      low: f.low ?? f.value,
      high: f.high ?? f.value,
      unit: f.unit,
      method: f.method ?? f.unit,
      sources: sourceRefs(kb, f.sources),
    }),
  ];
}

/** The figures behind a candidate's estimate on its L4 path and with its waypoint. */
function pathFactsOf(
  m: CompiledMesh,
  kb: KnowledgeBase,
): [PathFacts, PathFacts] {
  const o = kb.meshes[m.id]?.overhead;
  const id = (key: string) => `mesh.${m.id}.overhead.${key}`;
  const l4 = o
    ? [
        ...figureInfo(kb, id('memoryMiB'), o.memoryMiB),
        ...figureInfo(kb, id('cpuVcpuPer1kRps'), o.cpuVcpuPer1kRps),
        ...figureInfo(kb, id('p50Ms'), o.p50Ms),
        ...figureInfo(kb, id('p99Ms'), o.p99Ms),
      ]
    : [];
  const l7 = o?.l7Proxy
    ? [
        ...figureInfo(kb, id('memoryMiB'), o.memoryMiB),
        ...figureInfo(kb, id('cpuVcpuPer1kRps'), o.cpuVcpuPer1kRps),
        ...figureInfo(kb, id('l7Proxy.memoryMiB'), o.l7Proxy.memoryMiB),
        ...figureInfo(
          kb,
          id('l7Proxy.cpuVcpuPer1kRps'),
          o.l7Proxy.cpuVcpuPer1kRps,
        ),
        ...figureInfo(kb, id('l7Proxy.p50Ms'), o.l7Proxy.p50Ms),
        ...figureInfo(kb, id('l7Proxy.p99Ms'), o.l7Proxy.p99Ms),
      ]
    : l4;
  const facts = (figures: FigureInfo[], p99: FigureFacts | undefined) =>
    Object.freeze({
      figures: Object.freeze(figures) as FigureInfo[],
      p99Range:
        p99 === undefined || p99.value === null
          ? null
          : Object.freeze({
              low: Math.round((p99.low ?? p99.value) * 100) / 100,
              high: Math.round((p99.high ?? p99.value) * 100) / 100,
            }),
      p99Basis:
        p99 === undefined || p99.value === null
          ? null
          : p99.basis ?? 'measured',
    });
  return [
    facts(l4, o?.p99Ms),
    facts(l7, o?.l7Proxy ? o.l7Proxy.p99Ms : o?.p99Ms),
  ];
}

function meshPage(
  m: CompiledMesh,
  ckb: CompiledKnowledgeBase,
  platform: PlatformContext,
  smallPlatformThreshold: number,
): MeshPage {
  const { kb } = ckb;
  const facts = kb.meshes[m.id]!;
  const refs = (ids: readonly string[]) => sourceRefs(kb, ids);
  const byCapability = <T>(
    mask: number,
    make: (cap: Capability, fact: CapabilityFact) => T,
  ) =>
    CAPABILITIES.map((cap, i) =>
      mask & (1 << i)
        ? make(cap, kb.capabilities[cap].support[m.id]!)
        : undefined,
    );

  const capabilityBlockers = byCapability(m.no, (cap, fact) =>
    Object.freeze<Blocker>({
      kind: 'capability',
      capability: cap,
      message: `Requires ${cap}, which ${m.name} does not provide: ${fact.note}`,
      factId: `capability.${cap}.${m.id}`,
      sources: refs(fact.sources),
    }),
  );
  const guidanceSources = refs(
    facts.guidanceSources.length
      ? facts.guidanceSources
      : facts.license.sources,
  );
  const o = facts.overhead;
  const operations = OPS_CAPACITIES.flatMap(capacity =>
    [false, true].flatMap(declared =>
      [false, true].map(deprecated => {
        const fit = operationsFit(m, capacity, declared, deprecated);
        return {
          fit,
          reason:
            m.complexity > 0
              ? reason(
                  `mesh.${m.id}.operationalComplexity`,
                  `${fit.note} ${facts.operationalComplexity.note}`,
                  fit.fit === 'comfortable' ? 'neutral' : 'against',
                  refs(facts.operationalComplexity.sources),
                )
              : undefined,
        };
      }),
    ),
  );
  const meshed = m.placement !== 'none';
  const cniInPlace = !!m.requiresCni && platform.cni === m.requiresCni;
  const current = ckb.meshes[ckb.indexOf[platform.currentMesh]];
  const adoption = adoptionOf(m, current);
  const { coherence } = kb;
  const currentName = current.name;
  const multiClusterFact = kb.capabilities['multi-cluster'].support[m.id];
  const vendorStable =
    platform.releasePolicy === 'open-source-stable' && m.vendorStable;
  const maturityReason = (cap: Capability, fact: CapabilityFact) =>
    reason(
      `capability.${cap}.${m.id}`,
      `${cap} rests on a feature upstream calls ${fact.maturity!.level}${
        fact.maturity!.note ? ` (${fact.maturity!.note})` : ''
      }: ${fact.note}`,
      fact.maturity!.level === 'beta' ? 'neutral' : 'against',
      refs(fact.maturity!.sources),
    );
  const releaseModelReason = () => {
    if (vendorStable)
      return reason(
        `mesh.${m.id}.releaseModel`,
        `${coherence.releasePolicy.note} ${facts.releaseModel.note}`,
        'against',
        refs(
          merged(coherence.releasePolicy.sources, facts.releaseModel.sources),
        ),
      );
    if (m.vendorStable || facts.license.spdx !== 'Apache-2.0')
      return reason(
        `mesh.${m.id}.releaseModel`,
        facts.releaseModel.note,
        'neutral',
        refs(facts.releaseModel.sources),
      );
    return undefined;
  };
  const coherenceReason = () => {
    if (adoption === 'mode-change')
      return reason(
        'coherence.modeChange',
        `The platform runs ${currentName}: this is ${coherence.modeChange.note}`,
        'neutral',
        refs(coherence.modeChange.sources),
      );
    if (adoption === 'second-mesh')
      return reason(
        'coherence.secondMesh',
        `The platform runs ${currentName}. ${coherence.secondMesh.note} ${coherence.migration.note}`,
        'against',
        refs(merged(coherence.secondMesh.sources, coherence.migration.sources)),
      );
    return undefined;
  };
  return {
    capabilityBlockers,
    capabilityBlockerReasons: capabilityBlockers.map(
      b => b && reason(b.factId, b.message, 'against', b.sources),
    ),
    partialReasons: byCapability(m.partial, (cap, fact) =>
      reason(
        `capability.${cap}.${m.id}`,
        `${cap} only partly: ${fact.note}`,
        'against',
        refs(fact.sources),
      ),
    ),
    immatureReasons: byCapability(m.immature, maturityReason),
    betaReasons: byCapability(m.beta, maturityReason),
    unverifiedReasons: byCapability(m.unknown, (cap, fact) =>
      reason(
        `capability.${cap}.${m.id}`,
        `${cap} is unverified for ${m.name} — no source confirms it: ${fact.note}`,
        'against',
        refs(fact.sources),
      ),
    ),
    capabilitySources: CAPABILITIES.map(cap =>
      refs(kb.capabilities[cap].support[m.id]?.sources ?? []),
    ),
    guidanceSources,
    p99Sources: o ? refs(o.p99Ms.sources) : [],
    overheadReasons: new BoundedCache(4096),
    factIds: {
      mesh: `mesh.${m.id}`,
      p99: `mesh.${m.id}.overhead.p99Ms`,
      l7Proxy: `mesh.${m.id}.overhead.l7Proxy`,
    },
    l7Sources: o?.l7Proxy ? refs(o.l7Proxy.p99Ms.sources) : [],
    p99WithWaypointSources: o
      ? (Object.freeze([
          ...refs(o.p99Ms.sources),
          ...(o.l7Proxy ? refs(o.l7Proxy.p99Ms.sources) : []),
        ]) as SourceRef[])
      : [],
    platformBlocker:
      m.requiresCni && !cniInPlace
        ? Object.freeze<Blocker>({
            kind: 'platform',
            message: `${m.name} needs ${m.requiresCni} as the cluster CNI; this platform runs ${platform.cni}, so adopting it means migrating the CNI.`,
            factId: `mesh.${m.id}.requiresCni`,
            sources: refs(facts.operationalComplexity.sources),
          })
        : undefined,
    operations,
    noMesh: meshed
      ? undefined
      : reason(
          'mesh.none',
          'Nothing this service requires needs a mesh: no mesh adds no latency, no memory and nothing to operate.',
          'for',
          guidanceSources,
        ),
    noP99:
      meshed && o
        ? reason(
            `mesh.${m.id}.overhead.p99Ms`,
            `No sourced per-hop latency figure for ${m.name}.`,
            'neutral',
            refs(o.p99Ms.sources),
          )
        : undefined,
    currentMesh:
      m.id === platform.currentMesh && m.id !== 'none'
        ? reason(
            `mesh.${m.id}`,
            `The platform already runs ${m.name}: no migration.`,
            'for',
            refs(facts.releaseModel.sources),
          )
        : undefined,
    cniInPlace: cniInPlace
      ? reason(
          `mesh.${m.id}.requiresCni`,
          `${m.requiresCni} is already the cluster CNI, so its mesh data plane is in place.`,
          'for',
          refs(facts.operationalComplexity.sources),
        )
      : undefined,
    smallPlatform:
      meshed &&
      platform.serviceCount !== undefined &&
      platform.serviceCount < smallPlatformThreshold
        ? reason(
            'guidance.smallPlatformThreshold',
            `The platform has ${platform.serviceCount} services, below the ${smallPlatformThreshold}-service threshold where a mesh must earn its place.`,
            'against',
            refs(kb.guidance.smallPlatformThreshold.sources),
          )
        : undefined,
    releaseModel: releaseModelReason(),
    adoption,
    coherence: coherenceReason(),
    heldBack:
      adoption === 'second-mesh'
        ? reason(
            'coherence.secondMesh',
            `Ranked after ${currentName}, which meets every hard requirement of this service: a second mesh is advised only when the installed one has a hard blocker.`,
            'against',
            refs(coherence.secondMesh.sources),
          )
        : undefined,
    multiCluster:
      meshed && platform.clusters > 1 && multiClusterFact
        ? reason(
            `capability.multi-cluster.${m.id}`,
            `The platform spans ${platform.clusters} clusters, so the mesh must span them too: multi-cluster counts as a hard requirement (${multiClusterFact.level}: ${multiClusterFact.note})`,
            multiClusterFact.level === 'yes' ? 'neutral' : 'against',
            refs(multiClusterFact.sources),
          )
        : undefined,
    pathFacts: pathFactsOf(m, kb),
    p99Method: [
      o?.p99Ms.method ?? o?.p99Ms.conditions ?? '',
      o?.l7Proxy?.p99Ms.method ?? o?.p99Ms.method ?? '',
    ],
  };
}

function companions(kb: KnowledgeBase): ReasonBook['companion'] {
  const gw = kb.meshes['envoy-gateway'];
  if (!gw) return null;
  const sources = Object.freeze([
    ...sourceRefs(kb, gw.guidanceSources),
    ...sourceRefs(kb, gw.license.sources),
  ]) as SourceRef[];
  const companion = (linkerd: string) =>
    Object.freeze<Companion>({
      id: 'envoy-gateway',
      name: gw.name,
      reason: `Edge-facing: put ${gw.name} (Gateway API, north–south) in front of the mesh for ingress, TLS and rate limiting.${linkerd}`,
      sources,
    });
  return {
    linkerd: companion(
      ' Linkerd ships no ingress of its own, so a gateway is needed anyway.',
    ),
    other: companion(''),
  };
}

/** Writes the book for one knowledge base and platform. */
export function writeReasonBook(
  ckb: CompiledKnowledgeBase,
  platform: PlatformContext,
): ReasonBook {
  const { kb } = ckb;
  const threshold =
    platform.smallPlatformThreshold ?? ckb.smallPlatformThreshold;
  const none = kb.meshes.none!;
  return {
    meshes: ckb.meshes.map(m => meshPage(m, ckb, platform, threshold)),
    declaresNothing: reason(
      'mesh.none',
      'The service declares no requirement or preference a mesh would serve, so the mesh would be pure cost.',
      'against',
      sourceRefs(
        kb,
        none.guidanceSources.length
          ? none.guidanceSources
          : none.license.sources,
      ),
    ),
    companion: companions(kb),
  };
}
