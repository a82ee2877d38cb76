import {
  CompiledKnowledgeBase,
  CompiledMesh,
  capabilitiesOf,
  capabilityList,
  popcount,
} from '../knowledgeBase/compile';
import { CAPABILITIES, type Capability, type MeshId } from '../vocabulary';
import {
  BLOCKED_CAPABILITY,
  BLOCKED_LATENCY,
  needsL7Proxy,
  p99LowPerHop,
  requiredOf,
} from './constraints';
import { lowestBitIndex, withoutLowestBit } from './bits';
import { estimateOverhead } from './costs';
import { formatNumber } from './format';
import type { MeshPage } from './meshPage';
import { ReasonBook, operationsKey, overheadKey } from './reasonBook';
import { reason } from './sourceRefs';
import { declaresNothing } from './scoring';
import type { Situation } from './situation';
import type {
  Blocker,
  CandidateResult,
  Companion,
  Confidence,
  OverheadEstimate,
  Reason,
  ScoreBreakdown,
} from './types';

const fmtMs = (v: number) => `${formatNumber(v, 2)} ms`;

// Most services rely on no immature or beta feature: one shared, frozen empty list.
const NONE = Object.freeze([]) as unknown as Capability[];

// Every candidate's explanation and the summary name the same requirements.
let lastRequired = -1;
let lastList = '';
function requiredList(req: number): string {
  if (req !== lastRequired) {
    lastRequired = req;
    lastList = capabilityList(req);
  }
  return lastList;
}

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
      message: `Adds at least ${fmtMs(low)} p99 per hop${
        waypoint ? ' (with the waypoint its L7 needs)' : ''
      } — the low end of its range — over the ${fmtMs(s.budgetMs)} budget.`,
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
    `The ${fmtMs(s.budgetMs)} budget falls inside its ${
      o.p99Basis ?? 'measured'
    } p99 per hop of ${formatNumber(range.low, 2)}–${fmtMs(range.high)}${
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
      ? ` (${fmtMs(o.p99ChainMs!)} along its ${
          s.depth
        }-hop call chain: the hops' median plus one hop's tail)`
      : '';
  const range = o.p99PerHopRange;
  const estimate =
    o.p99Basis === 'estimated' && range && range.low !== range.high
      ? `, estimated at ${formatNumber(range.low, 2)}–${fmtMs(range.high)}`
      : '';
  const mem =
    o.memoryMiB === null
      ? 'unknown memory'
      : `~${formatNumber(o.memoryMiB, 1)} MiB for ${s.replicas} replica${
          s.replicas === 1 ? '' : 's'
        }`;
  const made = reason(
    page.factIds.p99,
    `Adds about ${fmtMs(
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

const CONFIDENCE_LEVELS: readonly Confidence[] = ['low', 'medium', 'high'];

/**
 * Confidence from the margin over the runner-up, lowered by unverified
 * facts, by a hard requirement met only partly or by an alpha or
 * experimental feature, by a second mesh, by a latency budget inside the
 * pick's range, and by experimental services.
 */
export function confidenceOf(
  top: CandidateResult,
  runnerUp: CandidateResult | undefined,
  experimental: boolean,
  noKubernetesId: boolean,
  budgetMs = Infinity,
): Confidence {
  const margin =
    runnerUp && !runnerUp.blocked ? top.score - runnerUp.score : 100;
  let level = 0;
  if (margin >= 10) level = 2;
  else if (margin >= 4) level = 1;
  if (top.unverified.length) level--;
  if (top.partial.length || top.immature.length) level--;
  if (top.adoption === 'second-mesh') level--;
  // the budget falls inside the pick's latency range: it may not hold
  const range = top.overhead.p99PerHopRange;
  if (range && budgetMs < range.high) level--;
  if (experimental) level--;
  if (noKubernetesId && top.mesh !== 'none') level--;
  return CONFIDENCE_LEVELS[Math.max(0, level)];
}

/** The platform's requirement counts for meshes, not for no mesh. */
const ckbPlatformBit = (c: CandidateResult) => (c.mesh === 'none' ? 0 : -1);

/** The one-sentence why. */
export function summarize(
  top: CandidateResult,
  ranking: CandidateResult[],
  s: Situation,
): string {
  let runnerUp: CandidateResult | undefined;
  let heldBack: CandidateResult | undefined;
  let anyBlocked = false;
  for (const c of ranking) {
    if (c === top) continue;
    if (c.blocked) anyBlocked = true;
    else if (c.heldBack) heldBack ??= c;
    else runnerUp ??= c;
  }
  let tail = '';
  if (runnerUp) tail = `; next is ${runnerUp.name} at ${runnerUp.score}`;
  else if (anyBlocked && !heldBack)
    tail = '; every other candidate has a hard blocker';
  if (heldBack && heldBack.score > top.score)
    tail += `; ${heldBack.name} scores ${heldBack.score} for this service alone, but would be a second mesh beside the installed one`;
  if (top.mesh === 'none') {
    return s.req
      ? `No mesh: what it requires (${requiredList(
          s.req,
        )}) needs no mesh, and a mesh would only add cost${tail}.`
      : `No mesh: nothing this service requires needs one, so it adds no latency, memory or operations${tail}.`;
  }
  const count = popcount(s.req);
  const shortfalls: string[] = [];
  if (top.partial.length)
    shortfalls.push(`${top.partial.join(', ')} only partly`);
  if (top.unverified.length)
    shortfalls.push(`${top.unverified.join(', ')} unverified`);
  if (top.immature.length)
    shortfalls.push(
      `${top.immature.join(', ')} through an alpha or experimental feature`,
    );
  let what = 'covers its preferences';
  if (count && !shortfalls.length)
    what = `meets all ${count} hard requirement${
      count === 1 ? '' : 's'
    } (${requiredList(s.req)})`;
  else if (count || shortfalls.length)
    what = `is the best fit for its hard requirements (${requiredList(
      s.req | (s.platformReq & ckbPlatformBit(top)),
    )})`;
  const caveats = shortfalls.length ? ` — ${shortfalls.join('; ')} —` : '';
  const o = top.overhead;
  let cost = '';
  if (o.p99PerHopMs !== null && o.p99Basis === 'estimated' && o.p99PerHopRange)
    cost = ` at an estimated ${formatNumber(o.p99PerHopRange.low, 2)}–${fmtMs(
      o.p99PerHopRange.high,
    )} p99 per hop`;
  else if (o.p99PerHopMs !== null)
    cost = ` at ~${fmtMs(o.p99PerHopMs)} p99 per hop`;
  let change = '';
  if (top.adoption === 'mode-change')
    change = ' — a mode change within the installed mesh, not a new mesh —';
  else if (top.adoption === 'second-mesh')
    change = ' — a second mesh, as the installed one has a hard blocker —';
  return `${top.name}${change} ${what}${cost}${caveats} and scores ${top.score}/100${tail}.`;
}

export function companionFor(
  book: ReasonBook,
  exposure: string,
  top: MeshId | undefined,
): Companion | null {
  if (exposure !== 'edge' || !book.companion) return null;
  return top === 'linkerd' ? book.companion.linkerd : book.companion.other;
}
