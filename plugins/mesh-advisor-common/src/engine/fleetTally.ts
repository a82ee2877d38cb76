import {
  CompiledKnowledgeBase,
  maskOf,
  popcount,
} from '../knowledgeBase/compile';
import type { KnowledgeBase } from '../knowledgeBase/schema';
import { MESH_IDS, MeshId } from '../vocabulary';
import type { FleetTally, LeftServices } from './fleetTypes';
import { meshOf } from './platformChange';
import type { CandidateResult, EvaluationResult } from './types';

/** Counts one more service for `id`. */
const countFact = (counts: Map<string, number>, id: string) =>
  counts.set(id, (counts.get(id) ?? 0) + 1);

/** A candidate's tally before any result is added. */
export function emptyTally(kb: KnowledgeBase, mesh: MeshId): FleetTally {
  return {
    mesh,
    name: kb.meshes[mesh]!.name,
    servicesSatisfied: 0,
    requirementsMet: 0,
    requirementsPartial: 0,
    requirementsUnknown: 0,
    requirementsUnmet: 0,
    firstChoiceOf: 0,
    totalMemoryMiB: 0,
    costUnknown: false,
    alreadyPaid: [],
    nodeProxyPaid: false,
    change: 'keep',
    meanScore: 0,
    scoreSum: 0,
    scoreMean: 0,
    marginSum: 0,
    unsatisfied: [],
    unsatisfiedTotal: 0,
    leftWhereMet: MESH_IDS.map(() => ({
      count: 0,
      missing: new Map(),
      facts: new Set(),
    })),
    parts: {},
    gapFacts: new Map(),
    preferenceFacts: new Map(),
  };
}

/** What the tallies need besides the result: the knowledge base, and the platform's paid node proxies. */
export type TallyContext = {
  ckb: CompiledKnowledgeBase;
  /** by index in MESH_IDS: its per-node proxy already runs (see nodeProxyPaid) */
  paid: readonly boolean[];
  maxUnsatisfied: number;
};

/**
 * Adds one service's evaluation to every candidate's tally (`tallies`, in
 * MESH_IDS order).
 */
export function tallyResult(
  tallies: FleetTally[],
  result: EvaluationResult,
  context: TallyContext,
) {
  const { ckb } = context;
  const declared = declaredRequirements(result);
  const first = firstChoice(result);
  const firstScore = result.ranking.find(c => c.mesh === first)?.score;
  const met = metMask(result, ckb);
  for (const c of result.ranking) {
    const t = tallies[ckb.indexOf[c.mesh]];
    if (c.mesh === first) t.firstChoiceOf++;
    tallyRequirements(t, result, c, declared, ckb);
    if (c.blocked) tallyUnsatisfied(t, result, c, met, context.maxUnsatisfied);
    else tallySatisfied(t, c, first, firstScore, context);
  }
}

/**
 * How many hard requirements the service is held to: what the engine held
 * it to on any candidate (it may add platform-wide needs for a mesh, e.g.
 * multi-cluster), plus its latency budget. A candidate that cannot run on
 * the platform fails all of them.
 */
function declaredRequirements(result: EvaluationResult): number {
  const heldTo = (c: CandidateResult) =>
    c.satisfied.length +
    c.partial.length +
    c.unverified.length +
    c.blockers.filter(b => b.kind === 'capability').length;
  const budget = result.requirements.latencyBudgetMs !== undefined ? 1 : 0;
  return (
    budget +
    Math.max(result.requirements.requires.length, ...result.ranking.map(heldTo))
  );
}

/** The service's own first choice: its recommendation, or for an invalid one the top of what it ranked. */
function firstChoice(r: EvaluationResult): MeshId | undefined {
  if (r.recommendation) return r.recommendation.mesh;
  const top = r.ranking[0];
  return r.status === 'invalid' && top && !top.blocked ? top.mesh : undefined;
}

/** The candidates (bits by index in MESH_IDS) that do not block the service. */
function metMask(result: EvaluationResult, ckb: CompiledKnowledgeBase): number {
  let blocked = 0;
  for (const c of result.ranking)
    if (c.blocked) blocked |= 1 << ckb.indexOf[c.mesh];
  return ((1 << MESH_IDS.length) - 1) & ~blocked;
}

function tallyRequirements(
  t: FleetTally,
  result: EvaluationResult,
  c: CandidateResult,
  declared: number,
  ckb: CompiledKnowledgeBase,
) {
  if (c.blockers.some(b => b.kind === 'platform')) {
    // A mesh that cannot run on the platform meets nothing.
    t.requirementsUnmet += declared;
    return;
  }
  const budget = result.requirements.latencyBudgetMs !== undefined ? 1 : 0;
  const immature = popcount(maskOf(c.satisfied) & meshOf(ckb, c.mesh).immature);
  const overBudget = c.blockers.some(b => b.kind === 'latency-budget') ? 1 : 0;
  t.requirementsMet += c.satisfied.length - immature + budget - overBudget;
  t.requirementsPartial += c.partial.length + immature;
  t.requirementsUnknown += c.unverified.length;
  t.requirementsUnmet +=
    c.blockers.filter(b => b.kind === 'capability').length + overBudget;
}

/**
 * A service `c` blocks: listed while there is room, counted, and noted
 * against every candidate that meets it (`met`) for the explanation — so
 * no list of every unsatisfied service is kept.
 */
function tallyUnsatisfied(
  t: FleetTally,
  result: EvaluationResult,
  c: CandidateResult,
  met: number,
  maxUnsatisfied: number,
) {
  const missing = missingOf(result, c);
  t.unsatisfiedTotal++;
  if (t.unsatisfied.length < maxUnsatisfied)
    t.unsatisfied.push({ entityRef: result.entityRef, missing });
  for (let i = 0; i < MESH_IDS.length; i++)
    if (met & (1 << i)) noteLeft(t.leftWhereMet[i], missing, c);
}

function missingOf(r: EvaluationResult, c: CandidateResult): string[] {
  return c.blockers.map(b => {
    if (b.kind === 'capability') return b.capability!;
    if (b.kind === 'latency-budget')
      return `latency-budget ≤ ${r.requirements.latencyBudgetMs} ms`;
    return 'cni';
  });
}

function noteLeft(left: LeftServices, missing: string[], c: CandidateResult) {
  left.count++;
  for (const m of missing) countFact(left.missing, m);
  for (const b of c.blockers) left.facts.add(b.factId);
}

function tallySatisfied(
  t: FleetTally,
  c: CandidateResult,
  first: MeshId | undefined,
  firstScore: number | undefined,
  { ckb, paid }: TallyContext,
) {
  t.servicesSatisfied++;
  t.scoreSum += c.score;
  if (firstScore !== undefined && c.mesh !== first)
    t.marginSum += firstScore - c.score;
  for (const [part, points] of Object.entries(c.breakdown))
    t.parts[part] = (t.parts[part] ?? 0) + points;
  for (const cap of [...c.partial, ...c.unverified])
    countFact(t.gapFacts, `capability.${cap}.${c.mesh}`);
  for (const cap of c.preferredMissing)
    countFact(t.preferenceFacts, `capability.${cap}.${c.mesh}`);
  const mem = addedMemory(ckb, c, paid[ckb.indexOf[c.mesh]]);
  if (mem === null) t.costUnknown = true;
  else t.totalMemoryMiB += mem;
}

/** Memory the platform adds for this service on this candidate, MiB (null: unknown). */
function addedMemory(
  ckb: CompiledKnowledgeBase,
  c: CandidateResult,
  paid: boolean,
): number | null {
  if (!paid) return c.overhead.memoryMiB;
  // Only the waypoint (Istio ambient's L7 proxy, one per service) is new.
  if (!c.overhead.needsL7Proxy) return 0;
  return meshOf(ckb, c.mesh).l7MemoryMiB;
}
