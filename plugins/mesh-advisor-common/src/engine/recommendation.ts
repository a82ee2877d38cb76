import { popcount } from '../knowledgeBase/compile';
import type { MeshId } from '../vocabulary';
import { formatMs, formatNumber, requiredList } from './format';
import type { ReasonBook } from './reasonBook';
import type { Situation } from './situation';
import type { CandidateResult, Companion, Confidence } from './types';

/*
 * The recommendation around the top pick: how confident it is, the
 * one-sentence why, and the gateway an edge service also needs.
 */

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

/** "its hard requirement", "both hard requirements", "all 4 hard requirements". */
function hardRequirements(count: number): string {
  if (count === 1) return 'its hard requirement';
  if (count === 2) return 'both hard requirements';
  return `all ${count} hard requirements`;
}

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
    tail +=
      heldBack.mesh === 'none'
        ? `; no mesh scores ${heldBack.score} for this service alone, but leaving a per-node mesh saves it nothing`
        : `; ${heldBack.name} scores ${heldBack.score} for this service alone, but would be a second mesh beside the installed one`;
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
    what = `meets ${hardRequirements(count)} (${requiredList(s.req)})`;
  else if (count || shortfalls.length)
    what = `is the best fit for its hard requirements (${requiredList(
      s.req | (s.platformReq & ckbPlatformBit(top)),
    )})`;
  const caveats = shortfalls.length ? ` — ${shortfalls.join('; ')} —` : '';
  const o = top.overhead;
  let cost = '';
  if (o.p99PerHopMs !== null && o.p99Basis === 'estimated' && o.p99PerHopRange)
    cost = ` at an estimated ${formatNumber(
      o.p99PerHopRange.low,
      2,
    )}–${formatMs(o.p99PerHopRange.high)} p99 per hop`;
  else if (o.p99PerHopMs !== null)
    cost = ` at ~${formatMs(o.p99PerHopMs)} p99 per hop`;
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
