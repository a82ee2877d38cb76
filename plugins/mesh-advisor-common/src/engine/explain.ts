import {
  CompiledKnowledgeBase,
  CompiledMesh,
  capabilitiesOf,
} from '../knowledgeBase/compile';
import type { KnowledgeBase } from '../knowledgeBase/schema';
import type { Capability, MeshId } from '../vocabulary';
import {
  BLOCKED_CAPABILITY,
  BLOCKED_LATENCY,
  BLOCKED_PLATFORM,
  p99PerHop,
} from './constraints';
import { estimateOverhead } from './costs';
import { declaresNothing, isSmallPlatform } from './scoring';
import { CAPACITY_LEVEL, Situation } from './situation';
import type {
  Blocker,
  CandidateResult,
  Companion,
  Confidence,
  OperationsFit,
  OverheadEstimate,
  Reason,
  ScoreBreakdown,
  SourceRef,
} from './types';

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
      return s ? [{ id, url: s.url, title: s.title }] : [];
    });
    refCache.set(ids, refs);
  }
  return refs;
}

function capabilityFact(kb: KnowledgeBase, cap: Capability, mesh: MeshId) {
  return kb.capabilities[cap].support[mesh]!;
}

const list = (caps: readonly string[]) => caps.join(', ');
const fmtMs = (v: number) => `${Math.round(v * 100) / 100} ms`;

export function explainBlockers(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
  flags: number,
): Blocker[] {
  const { kb } = ckb;
  const out: Blocker[] = [];
  if (flags & BLOCKED_CAPABILITY) {
    for (const cap of capabilitiesOf(s.req & m.no)) {
      const fact = capabilityFact(kb, cap, m.id);
      out.push({
        kind: 'capability',
        capability: cap,
        message: `Requires ${cap}, which ${m.name} does not provide: ${fact.note}`,
        factId: `capability.${cap}.${m.id}`,
        sources: sourceRefs(kb, fact.sources),
      });
    }
  }
  if (flags & BLOCKED_LATENCY) {
    const p99 = p99PerHop(m, s, ckb)!;
    const o = kb.meshes[m.id]!.overhead!;
    const waypoint = p99 !== m.p99Ms;
    out.push({
      kind: 'latency-budget',
      message: `Adds about ${fmtMs(p99)} p99 per hop${
        waypoint ? ' (with the waypoint its L7 needs)' : ''
      }, over the ${fmtMs(s.budgetMs)} budget.`,
      factId: `mesh.${m.id}.overhead.${waypoint ? 'l7Proxy.p99Ms' : 'p99Ms'}`,
      sources: sourceRefs(
        kb,
        waypoint
          ? [...o.p99Ms.sources, ...(o.l7Proxy?.p99Ms.sources ?? [])]
          : o.p99Ms.sources,
      ),
    });
  }
  if (flags & BLOCKED_PLATFORM) {
    const facts = kb.meshes[m.id]!;
    out.push({
      kind: 'platform',
      message: `${m.name} needs ${m.requiresCni} as the cluster CNI; this platform runs ${s.cni}, so adopting it means migrating the CNI.`,
      factId: `mesh.${m.id}.requiresCni`,
      sources: sourceRefs(kb, facts.operationalComplexity.sources),
    });
  }
  return out;
}

export function explainOperations(
  m: CompiledMesh,
  s: Situation,
): OperationsFit {
  const capacity = CAPACITY_LEVEL[s.capacity];
  const c = m.complexity;
  let fit: OperationsFit['fit'] = 'overload';
  if (c <= capacity) fit = 'comfortable';
  else if (c - capacity === 1) fit = 'stretch';
  const verdict = {
    comfortable: 'within reach',
    stretch: 'a stretch',
    overload: 'more than the team can absorb',
  }[fit];
  const declared = s.capacityDeclared
    ? `the team's declared ${s.capacity} capacity`
    : 'the default medium capacity (not declared)';
  const note =
    c === 0
      ? 'Nothing to operate.'
      : `Complexity ${c}/5 against ${declared}: ${verdict}${
          s.deprecated
            ? '; the service is deprecated, so little is worth investing'
            : ''
        }.`;
  return { complexity: c, capacity: s.capacity, fit, note };
}

function reasonsFor(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
  blocked: boolean,
  flagsBlockers: Blocker[],
  o: OverheadEstimate,
  ops: OperationsFit,
): Reason[] {
  const { kb } = ckb;
  const facts = kb.meshes[m.id]!;
  const reasons: Reason[] = [];
  const push = (
    factId: string,
    text: string,
    effect: Reason['effect'],
    sources: readonly string[],
  ) => reasons.push({ factId, text, effect, sources: sourceRefs(kb, sources) });

  for (const b of flagsBlockers)
    reasons.push({
      factId: b.factId,
      text: b.message,
      effect: 'against',
      sources: b.sources,
    });

  const met = capabilitiesOf(s.req & m.yes);
  if (s.req && !blocked && met.length === capabilitiesOf(s.req).length) {
    push(
      `mesh.${m.id}`,
      `Provides every requirement (${list(met)}).`,
      'for',
      facts.guidanceSources.length
        ? facts.guidanceSources
        : facts.license.sources,
    );
  }
  for (const cap of capabilitiesOf(s.req & m.partial)) {
    const f = capabilityFact(kb, cap, m.id);
    push(
      `capability.${cap}.${m.id}`,
      `${cap} only partly: ${f.note}`,
      'against',
      f.sources,
    );
  }
  for (const cap of capabilitiesOf(s.req & m.unknown)) {
    const f = capabilityFact(kb, cap, m.id);
    push(
      `capability.${cap}.${m.id}`,
      `${cap} is unverified for ${m.name} — no source confirms it: ${f.note}`,
      'against',
      f.sources,
    );
  }
  const prefMissing = capabilitiesOf(s.pref & (m.no | m.unknown));
  if (prefMissing.length) {
    const cap = prefMissing[0];
    push(
      `capability.${cap}.${m.id}`,
      `Lacks or cannot confirm preferred ${list(prefMissing)}.`,
      'against',
      capabilityFact(kb, cap, m.id).sources,
    );
  }

  if (m.placement === 'none') {
    if (!s.req) {
      push(
        'mesh.none',
        'Nothing this service requires needs a mesh: no mesh adds no latency, no memory and nothing to operate.',
        'for',
        facts.guidanceSources.length
          ? facts.guidanceSources
          : facts.license.sources,
      );
    }
  } else {
    const ov = facts.overhead!;
    if (o.p99PerHopMs === null) {
      push(
        `mesh.${m.id}.overhead.p99Ms`,
        `No sourced per-hop latency figure for ${m.name}.`,
        'neutral',
        ov.p99Ms.sources,
      );
    } else {
      const chain =
        s.depth > 1
          ? ` (${fmtMs(o.p99ChainMs!)} along its ${s.depth}-hop call chain)`
          : '';
      const mem =
        o.memoryMiB === null
          ? 'unknown memory'
          : `~${o.memoryMiB} MiB for ${s.replicas} replica${
              s.replicas === 1 ? '' : 's'
            }`;
      push(
        `mesh.${m.id}.overhead.p99Ms`,
        `Adds about ${fmtMs(o.p99PerHopMs)} p99 per hop${chain} and ${mem}.`,
        o.p99PerHopMs <= 0.5 ? 'for' : 'neutral',
        ov.p99Ms.sources,
      );
    }
    if (o.needsL7Proxy && ov.l7Proxy) {
      push(
        `mesh.${m.id}.overhead.l7Proxy`,
        `Its L7 features (${list(
          capabilitiesOf((s.req | s.pref) & ckb.l7Mask),
        )}) need a waypoint proxy, which adds latency and memory.`,
        'against',
        ov.l7Proxy.p99Ms.sources,
      );
    }
  }

  if (m.complexity > 0) {
    push(
      `mesh.${m.id}.operationalComplexity`,
      `${ops.note} ${facts.operationalComplexity.note}`,
      ops.fit === 'comfortable' ? 'neutral' : 'against',
      facts.operationalComplexity.sources,
    );
  }
  if (m.id === s.currentMesh && m.id !== 'none') {
    push(
      `mesh.${m.id}`,
      `The platform already runs ${m.name}: no migration.`,
      'for',
      facts.releaseModel.sources,
    );
  }
  if (m.requiresCni && s.cni === m.requiresCni) {
    push(
      `mesh.${m.id}.requiresCni`,
      `${m.requiresCni} is already the cluster CNI, so its mesh data plane is in place.`,
      'for',
      facts.operationalComplexity.sources,
    );
  }
  if (m.placement !== 'none' && isSmallPlatform(s)) {
    const g = kb.guidance.smallPlatformThreshold;
    push(
      'guidance.smallPlatformThreshold',
      `The platform has ${s.serviceCount} services, below the ${s.smallPlatformThreshold}-service threshold where a mesh must earn its place.`,
      'against',
      g.sources,
    );
  }
  if (m.placement !== 'none' && declaresNothing(s)) {
    const none = kb.meshes.none!;
    push(
      'mesh.none',
      'The service declares no requirement or preference a mesh would serve, so the mesh would be pure cost.',
      'against',
      none.guidanceSources.length ? none.guidanceSources : none.license.sources,
    );
  }
  if (m.id === 'linkerd' || facts.license.spdx !== 'Apache-2.0') {
    push(
      `mesh.${m.id}.releaseModel`,
      facts.releaseModel.note,
      'neutral',
      facts.releaseModel.sources,
    );
  }
  return reasons;
}

export function explainCandidate(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
  flags: number,
  breakdown: ScoreBreakdown,
  score: number,
): CandidateResult {
  const blocked = flags !== 0;
  const blockers = blocked ? explainBlockers(m, s, ckb, flags) : [];
  const overhead = estimateOverhead(m, s, ckb);
  const operations = explainOperations(m, s);
  return {
    mesh: m.id,
    name: m.name,
    score: blocked ? 0 : score,
    blocked,
    blockers,
    satisfied: capabilitiesOf(s.req & m.yes),
    partial: capabilitiesOf(s.req & m.partial),
    unverified: capabilitiesOf(s.req & m.unknown),
    preferredMet: capabilitiesOf(s.pref & (m.yes | m.partial)),
    preferredMissing: capabilitiesOf(s.pref & (m.no | m.unknown)),
    overhead,
    operations,
    breakdown,
    reasons: reasonsFor(m, s, ckb, blocked, blockers, overhead, operations),
  };
}

/** Confidence from the margin over the runner-up, lowered by unverified facts and experimental services. */
export function confidenceOf(
  top: CandidateResult,
  runnerUp: CandidateResult | undefined,
  experimental: boolean,
  noKubernetesId: boolean,
): Confidence {
  const margin =
    runnerUp && !runnerUp.blocked ? top.score - runnerUp.score : 100;
  let level = 0;
  if (margin >= 10) level = 2;
  else if (margin >= 4) level = 1;
  if (top.unverified.length) level--;
  if (experimental) level--;
  if (noKubernetesId && top.mesh !== 'none') level--;
  const levels: Confidence[] = ['low', 'medium', 'high'];
  return levels[Math.max(0, level)];
}

/** The one-sentence why. */
export function summarize(
  top: CandidateResult,
  ranking: CandidateResult[],
  s: Situation,
): string {
  const others = ranking.filter(c => c !== top);
  const blocked = others.filter(c => c.blocked);
  const runnerUp = others.find(c => !c.blocked);
  let tail = '';
  if (runnerUp) tail = `; next is ${runnerUp.name} at ${runnerUp.score}`;
  else if (blocked.length) tail = '; every other candidate has a hard blocker';
  if (top.mesh === 'none') {
    return s.req
      ? `No mesh: what it requires (${list(
          capabilitiesOf(s.req),
        )}) needs no mesh, and a mesh would only add cost${tail}.`
      : `No mesh: nothing this service requires needs one, so it adds no latency, memory or operations${tail}.`;
  }
  const req = capabilitiesOf(s.req);
  const what = req.length
    ? `meets all ${req.length} hard requirement${
        req.length === 1 ? '' : 's'
      } (${list(req)})`
    : 'covers its preferences';
  const cost =
    top.overhead.p99PerHopMs !== null
      ? ` at ~${fmtMs(top.overhead.p99PerHopMs)} p99 per hop`
      : '';
  return `${top.name} ${what}${cost} and scores ${top.score}/100${tail}.`;
}

export function companionFor(
  kb: KnowledgeBase,
  exposure: string,
  top: MeshId | undefined,
): Companion | null {
  const gw = kb.meshes['envoy-gateway'];
  if (exposure !== 'edge' || !gw) return null;
  const linkerd =
    top === 'linkerd'
      ? ' Linkerd ships no ingress of its own, so a gateway is needed anyway.'
      : '';
  return {
    id: 'envoy-gateway',
    name: gw.name,
    reason: `Edge-facing: put ${gw.name} (Gateway API, north–south) in front of the mesh for ingress, TLS and rate limiting.${linkerd}`,
    sources: sourceRefs(kb, [...gw.guidanceSources, ...gw.license.sources]),
  };
}
