import { CompiledKnowledgeBase, CompiledMesh } from '../knowledgeBase/compile';
import type { KnowledgeBase } from '../knowledgeBase/schema';
import type { PlatformContext } from '../platform';
import {
  CAPABILITIES,
  Capability,
  OPS_CAPACITIES,
  OpsCapacity,
} from '../vocabulary';
import { BoundedCache } from './boundedCache';
import { CAPACITY_LEVEL } from './scoring';
import type {
  Blocker,
  Companion,
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
    make: (cap: Capability, fact: { note: string; sources: string[] }) => T,
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
    releaseModel:
      m.id === 'linkerd' || facts.license.spdx !== 'Apache-2.0'
        ? reason(
            `mesh.${m.id}.releaseModel`,
            facts.releaseModel.note,
            'neutral',
            refs(facts.releaseModel.sources),
          )
        : undefined,
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
