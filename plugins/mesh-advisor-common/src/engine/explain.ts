import {
  CompiledKnowledgeBase,
  CompiledMesh,
  capabilitiesOf,
  capabilityList,
  popcount,
} from '../knowledgeBase/compile';
import { CAPABILITIES, type MeshId } from '../vocabulary';
import { BLOCKED_CAPABILITY, BLOCKED_LATENCY, p99PerHop } from './constraints';
import { estimateOverhead } from './costs';
import { formatNumber } from './format';
import {
  MeshPage,
  ReasonBook,
  operationsKey,
  overheadKey,
  reason,
} from './reasonBook';
import { declaresNothing } from './scoring';
import { Situation } from './situation';
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
  for (let rest = mask; rest !== 0; rest &= rest - 1) {
    out.push(table[31 - Math.clz32(rest & -rest)]!);
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
    pick(s.req & m.no, page.capabilityBlockers, out);
  if (flags & BLOCKED_LATENCY) {
    const p99 = p99PerHop(m, s, ckb)!;
    const waypoint = p99 !== m.p99Ms;
    out.push({
      kind: 'latency-budget',
      message: `Adds about ${fmtMs(p99)} p99 per hop${
        waypoint ? ' (with the waypoint its L7 needs)' : ''
      }, over the ${fmtMs(s.budgetMs)} budget.`,
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
  if (c.blocked) {
    pick(s.req & m.no, page.capabilityBlockerReasons, reasons);
    for (const b of c.blockers)
      if (b.kind !== 'capability')
        reasons.push({
          factId: b.factId,
          text: b.message,
          effect: 'against',
          sources: b.sources,
        });
  }
  if (s.req && !c.blocked && c.satisfied.length === popcount(s.req)) {
    reasons.push({
      factId: page.factIds.mesh,
      text: `Provides every requirement (${requiredList(s.req)}).`,
      effect: 'for',
      sources: page.guidanceSources,
    });
  }
  pick(s.req & m.partial, page.partialReasons, reasons);
  pick(s.req & m.unknown, page.unverifiedReasons, reasons);
  const missing = s.pref & (m.no | m.unknown);
  if (missing) {
    const first = 31 - Math.clz32(missing & -missing);
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
  if (page.cniInPlace) reasons.push(page.cniInPlace);
  if (page.smallPlatform) reasons.push(page.smallPlatform);
  if (m.placement !== 'none' && declaresNothing(s))
    reasons.push(book.declaresNothing);
  if (page.releaseModel) reasons.push(page.releaseModel);
  return reasons;
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
      ? ` (${fmtMs(o.p99ChainMs!)} along its ${s.depth}-hop call chain)`
      : '';
  const mem =
    o.memoryMiB === null
      ? 'unknown memory'
      : `~${formatNumber(o.memoryMiB, 1)} MiB for ${s.replicas} replica${
          s.replicas === 1 ? '' : 's'
        }`;
  const made = reason(
    page.factIds.p99,
    `Adds about ${fmtMs(o.p99PerHopMs!)} p99 per hop${chain} and ${mem}.`,
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
  const candidate: CandidateResult = {
    mesh: m.id,
    name: m.name,
    score: blocked ? 0 : score,
    blocked,
    blockers: blocked ? explainBlockers(m, page, s, ckb, flags) : [],
    satisfied: capabilitiesOf(s.req & m.yes),
    partial: capabilitiesOf(s.req & m.partial),
    unverified: capabilitiesOf(s.req & m.unknown),
    preferredMet: capabilitiesOf(s.pref & (m.yes | m.partial)),
    preferredMissing: capabilitiesOf(s.pref & (m.no | m.unknown)),
    overhead: estimateOverhead(m, s, ckb),
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
  return CONFIDENCE_LEVELS[Math.max(0, level)];
}

/** The one-sentence why. */
export function summarize(
  top: CandidateResult,
  ranking: CandidateResult[],
  s: Situation,
): string {
  let runnerUp: CandidateResult | undefined;
  let anyBlocked = false;
  for (const c of ranking) {
    if (c === top) continue;
    if (c.blocked) anyBlocked = true;
    else runnerUp ??= c;
  }
  let tail = '';
  if (runnerUp) tail = `; next is ${runnerUp.name} at ${runnerUp.score}`;
  else if (anyBlocked) tail = '; every other candidate has a hard blocker';
  if (top.mesh === 'none') {
    return s.req
      ? `No mesh: what it requires (${requiredList(
          s.req,
        )}) needs no mesh, and a mesh would only add cost${tail}.`
      : `No mesh: nothing this service requires needs one, so it adds no latency, memory or operations${tail}.`;
  }
  const count = popcount(s.req);
  const what = count
    ? `meets all ${count} hard requirement${
        count === 1 ? '' : 's'
      } (${requiredList(s.req)})`
    : 'covers its preferences';
  const cost =
    top.overhead.p99PerHopMs !== null
      ? ` at ~${fmtMs(top.overhead.p99PerHopMs)} p99 per hop`
      : '';
  return `${top.name} ${what}${cost} and scores ${top.score}/100${tail}.`;
}

export function companionFor(
  book: ReasonBook,
  exposure: string,
  top: MeshId | undefined,
): Companion | null {
  if (exposure !== 'edge' || !book.companion) return null;
  return top === 'linkerd' ? book.companion.linkerd : book.companion.other;
}
