import { CompiledKnowledgeBase, CompiledMesh } from '../knowledgeBase/compile';
import type { CapabilityFact } from '../knowledgeBase/schema';
import type { PlatformContext } from '../platform';
import {
  CAPABILITIES,
  Capability,
  OPS_CAPACITIES,
  OpsCapacity,
} from '../vocabulary';
import { BoundedCache } from './boundedCache';
import { type PathFacts, pathFactsOf } from './costs';
import { coherenceReasons, platformReasons } from './platformReasons';
import { type Refs, reason, sourceRefs } from './sourceRefs';
import { CAPACITY_LEVEL } from './tables';
import type {
  Adoption,
  Blocker,
  OperationsFit,
  Reason,
  SourceRef,
} from './types';

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

/** One candidate's page, for one knowledge base and platform. */
export function meshPage(
  m: CompiledMesh,
  ckb: CompiledKnowledgeBase,
  platform: PlatformContext,
  smallPlatformThreshold: number,
): MeshPage {
  const { kb } = ckb;
  const facts = kb.meshes[m.id]!;
  const refs: Refs = ids => sourceRefs(kb, ids);
  const guidanceSources = refs(
    facts.guidanceSources.length
      ? facts.guidanceSources
      : facts.license.sources,
  );
  const o = facts.overhead;
  return {
    ...capabilityReasons(m, ckb, refs),
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
    operations: operationsReasons(m, ckb, refs),
    ...platformReasons(m, ckb, platform, smallPlatformThreshold, refs),
    noMesh:
      m.placement !== 'none'
        ? undefined
        : reason(
            'mesh.none',
            'Nothing this service requires needs a mesh: no mesh adds no latency, no memory and nothing to operate.',
            'for',
            guidanceSources,
          ),
    ...coherenceReasons(m, ckb, platform, refs),
    pathFacts: pathFactsOf(m, kb),
    p99Method: [
      o?.p99Ms.method ?? o?.p99Ms.conditions ?? '',
      o?.l7Proxy?.p99Ms.method ?? o?.p99Ms.method ?? '',
    ],
  };
}

/** The reasons about each capability the mesh lacks, only partly has, or has through an immature feature. */
function capabilityReasons(
  m: CompiledMesh,
  ckb: CompiledKnowledgeBase,
  refs: Refs,
) {
  const { kb } = ckb;
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
  const maturityReason = (cap: Capability, fact: CapabilityFact) =>
    reason(
      `capability.${cap}.${m.id}`,
      `${cap} rests on a feature upstream calls ${fact.maturity!.level}${
        fact.maturity!.note ? ` (${fact.maturity!.note})` : ''
      }: ${fact.note}`,
      fact.maturity!.level === 'beta' ? 'neutral' : 'against',
      refs(fact.maturity!.sources),
    );
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
  };
}

/** The operations fit and its reason, by `operationsKey`. */
function operationsReasons(
  m: CompiledMesh,
  ckb: CompiledKnowledgeBase,
  refs: Refs,
): MeshPage['operations'] {
  const facts = ckb.kb.meshes[m.id]!;
  return OPS_CAPACITIES.flatMap(capacity =>
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
}
