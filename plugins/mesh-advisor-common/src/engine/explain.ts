import {
  CompiledKnowledgeBase,
  CompiledMesh,
  capabilitiesOf,
  capabilityList,
} from '../knowledgeBase/compile';
import { CAPABILITIES, type Capability } from '../vocabulary';
import {
  BLOCKED_CAPABILITY,
  BLOCKED_LATENCY,
  needsL7Proxy,
  p99LowPerHop,
  requiredOf,
} from './constraints';
import { lowestBitIndex, withoutLowestBit } from './bits';
import { estimateOverhead } from './costs';
import { formatMs, formatNumber, requiredList } from './format';
import type { MeshPage } from './meshPage';
import { ReasonBook, operationsKey, overheadKey } from './reasonBook';
import { reason } from './sourceRefs';
import { declaresNothing } from './scoring';
import type { Situation } from './situation';
import type {
  Blocker,
  CandidateResult,
  OverheadEstimate,
  Reason,
  ScoreBreakdown,
} from './types';

// Most services rely on no immature or beta feature: one shared, frozen empty list.
const NONE = Object.freeze([]) as unknown as Capability[];

/** Each set bit's entry of a per-capability table, in vocabulary order. */
function pick<T>(mask: number, table: (T | undefined)[], out: T[]) {
  for (let rest = mask; rest !== 0; rest = withoutLowestBit(rest)) {
    out.push(table[lowestBitIndex(rest)]!);
  }
}

function explainBlockers(
  m: CompiledMesh,
  page: MeshPage,
  s: Situation,
  ckb: CompiledKnowledgeBase,
  flags: number,
): Blocker[] {
  const out: Blocker[] = [];
  if (flags & BLOCKED_CAPABILITY)
    pick(requiredOf(m, s) & m.no, page.capabilityBlockers, out);
  if (flags & BLOCKED_LATENCY) {
    const low = p99LowPerHop(m, s, ckb)!;
    const waypoint = needsL7Proxy(m, s, ckb);
    out.push({
      kind: 'latency-budget',
      message: `Adds at least ${formatMs(low)} p99 per hop${
        waypoint ? ' (with the waypoint its L7 needs)' : ''
      } — the low end of its range — over the ${formatMs(s.budgetMs)} budget.`,
      factId: `mesh.${m.id}.overhead.${waypoint ? 'l7Proxy.p99Ms' : 'p99Ms'}`,
      sources: waypoint ? page.p99WithWaypointSources : page.p99Sources,
    });
  }
  if (page.platformBlocker) out.push(page.platformBlocker);
  return out;
}

/** The sentences, in the order a reader weighs them: blockers, requirements, costs, operations, platform. */
function reasonsFor(
  m: CompiledMesh,
  page: MeshPage,
  book: ReasonBook,
  s: Situation,
  ckb: CompiledKnowledgeBase,
  c: CandidateResult,
): Reason[] {
  const reasons: Reason[] = [];
  const req = requiredOf(m, s);
  if (c.blocked) {
    pick(req & m.no, page.capabilityBlockerReasons, reasons);
    for (const b of c.blockers)
      if (b.kind !== 'capability')
        reasons.push({
          factId: b.factId,
          text: b.message,
          effect: 'against',
          sources: b.sources,
        });
  }
  if (s.req && !c.blocked && !(s.req & ~m.yes)) {
    reasons.push({
      factId: page.factIds.mesh,
      text: `Provides every requirement (${requiredList(s.req)}).`,
      effect: 'for',
      sources: page.guidanceSources,
    });
  }
  if (page.multiCluster) reasons.push(page.multiCluster);
  pick(req & m.partial, page.partialReasons, reasons);
  pick(req & m.unknown, page.unverifiedReasons, reasons);
  pick(req & m.immature, page.immatureReasons, reasons);
  pick(req & m.beta, page.betaReasons, reasons);
  const missing = s.pref & (m.no | m.unknown);
  if (missing) {
    const first = lowestBitIndex(missing);
    reasons.push({
      factId: `capability.${CAPABILITIES[first]}.${m.id}`,
      text: `Lacks or cannot confirm preferred ${capabilityList(missing)}.`,
      effect: 'against',
      sources: page.capabilitySources[first],
    });
  }

  const o = c.overhead;
  if (m.placement === 'none') {
    if (!s.req) reasons.push(page.noMesh!);
  } else if (o.p99PerHopMs === null) {
    reasons.push(page.noP99!);
  } else {
    reasons.push(overheadReason(page, o, s));
    const caveat = budgetCaveat(page, o, s);
    if (caveat) reasons.push(caveat);
  }
  if (o.needsL7Proxy) {
    reasons.push({
      factId: page.factIds.l7Proxy,
      text: `Its L7 features (${capabilityList(
        (s.req | s.pref) & ckb.l7Mask,
      )}) need a waypoint proxy, which adds latency and memory.`,
      effect: 'against',
      sources: page.l7Sources,
    });
  }

  const ops =
    page.operations[
      operationsKey(s.capacity, s.capacityDeclared, s.deprecated)
    ];
  if (ops.reason) reasons.push(ops.reason);
  if (page.currentMesh) reasons.push(page.currentMesh);
  if (page.coherence) reasons.push(page.coherence);
  if (page.cniInPlace) reasons.push(page.cniInPlace);
  if (page.smallPlatform) reasons.push(page.smallPlatform);
  if (m.placement !== 'none' && declaresNothing(s))
    reasons.push(book.declaresNothing);
  if (page.releaseModel) reasons.push(page.releaseModel);
  return reasons;
}

/**
 * A budget inside the candidate's p99 range is a caveat, not a blocker: the
 * figure may or may not fit it, and the reason says how it was obtained.
 */
function budgetCaveat(
  page: MeshPage,
  o: OverheadEstimate,
  s: Situation,
): Reason | undefined {
  const range = o.p99PerHopRange;
  // below the range it is a blocker, at or above its top it holds
  if (!range || s.budgetMs < range.low || s.budgetMs >= range.high)
    return undefined;
  const waypoint = o.needsL7Proxy;
  return reason(
    page.factIds.p99,
    `The ${formatMs(s.budgetMs)} budget falls inside its ${
      o.p99Basis ?? 'measured'
    } p99 per hop of ${formatNumber(range.low, 2)}–${formatMs(range.high)}${
      waypoint ? ' (with the waypoint)' : ''
    }: it may not hold, so load-test before relying on it. ${
      page.p99Method[waypoint ? 1 : 0]
    }`,
    'against',
    waypoint ? page.p99WithWaypointSources : page.p99Sources,
  );
}

/** "Adds about … p99 per hop …": the same few recur across a catalog, so they are shared. */
function overheadReason(
  page: MeshPage,
  o: OverheadEstimate,
  s: Situation,
): Reason {
  const key = overheadKey(o.needsL7Proxy, s.replicas, s.depth);
  const hit = key === undefined ? undefined : page.overheadReasons.get(key);
  if (hit) return hit;
  const chain =
    s.depth > 1
      ? ` (${formatMs(o.p99ChainMs!)} along its ${
          s.depth
        }-hop call chain: the hops' median plus one hop's tail)`
      : '';
  const range = o.p99PerHopRange;
  const estimate =
    o.p99Basis === 'estimated' && range && range.low !== range.high
      ? `, estimated at ${formatNumber(range.low, 2)}–${formatMs(range.high)}`
      : '';
  const mem =
    o.memoryMiB === null
      ? 'unknown memory'
      : `~${formatNumber(o.memoryMiB, 1)} MiB for ${s.replicas} replica${
          s.replicas === 1 ? '' : 's'
        }`;
  const made = reason(
    page.factIds.p99,
    `Adds about ${formatMs(
      o.p99PerHopMs!,
    )} p99 per hop${estimate}${chain} and ${mem}.`,
    o.p99PerHopMs! <= 0.5 ? 'for' : 'neutral',
    page.p99Sources,
  );
  return key === undefined ? made : page.overheadReasons.set(key, made);
}

export function explainCandidate(
  m: CompiledMesh,
  book: ReasonBook,
  s: Situation,
  ckb: CompiledKnowledgeBase,
  flags: number,
  breakdown: ScoreBreakdown,
  score: number,
): CandidateResult {
  const page = book.meshes[m.index];
  const blocked = flags !== 0;
  const req = requiredOf(m, s);
  const candidate: CandidateResult = {
    mesh: m.id,
    name: m.name,
    score: blocked ? 0 : score,
    blocked,
    blockers: blocked ? explainBlockers(m, page, s, ckb, flags) : [],
    adoption: page.adoption,
    heldBack: false,
    satisfied: capabilitiesOf(req & m.yes),
    partial: capabilitiesOf(req & m.partial),
    unverified: capabilitiesOf(req & m.unknown),
    immature: req & m.immature ? capabilitiesOf(req & m.immature) : NONE,
    beta: req & m.beta ? capabilitiesOf(req & m.beta) : NONE,
    preferredMet: capabilitiesOf(s.pref & (m.yes | m.partial)),
    preferredMissing: capabilitiesOf(s.pref & (m.no | m.unknown)),
    overhead: estimateOverhead(
      m,
      s,
      ckb,
      page.pathFacts[needsL7Proxy(m, s, ckb) ? 1 : 0],
    ),
    operations:
      page.operations[
        operationsKey(s.capacity, s.capacityDeclared, s.deprecated)
      ].fit,
    breakdown,
    reasons: [],
  };
  candidate.reasons = reasonsFor(m, page, book, s, ckb, candidate);
  return candidate;
}
