import {
  compileKnowledgeBase,
  CompiledKnowledgeBase,
  maskOf,
  popcount,
} from '../knowledgeBase/compile';
import type { KnowledgeBase } from '../knowledgeBase/schema';
import type { PlatformContext } from '../platform';
import { MESH_IDS, MeshId } from '../vocabulary';
import { explainFleet, FleetTally } from './fleetExplanation';
import type { CandidateResult, Confidence, EvaluationResult } from './types';

/**
 * What adopting a candidate means for the platform as it runs today:
 * keep the installed mesh (or no mesh), adopt a first mesh, switch the
 * installed mesh's data-plane mode (Istio sidecar ↔ ambient: the same
 * control plane), migrate to a different mesh, or remove the mesh.
 * @public
 */
export type PlatformChange =
  | 'keep'
  | 'adopt'
  | 'mode-change'
  | 'migrate'
  | 'remove';

/** One candidate for the whole platform. @public */
export type FleetCandidate = {
  mesh: MeshId;
  name: string;
  /** services whose hard requirements it meets (none blocks it) */
  servicesSatisfied: number;
  /** hard requirements (capabilities and latency budgets) fully met, summed over services: supported, and not by an alpha or experimental feature */
  requirementsMet: number;
  /** hard requirements met only partly or by an alpha/experimental feature */
  requirementsPartial: number;
  /** hard requirements no source confirms (support unknown) */
  requirementsUnknown: number;
  /** hard requirements it does not meet (including every one on a platform it cannot run on) */
  requirementsUnmet: number;
  /** services that rank it first themselves */
  firstChoiceOf: number;
  /** memory the platform would add for the services it satisfies, MiB: costs already paid are left out (unknown figures count as 0 and set `costUnknown`) */
  totalMemoryMiB: number;
  costUnknown: boolean;
  /** what is already paid and so not charged ("Cilium's per-node agent already runs as the CNI …") */
  alreadyPaid: string[];
  /** what choosing it means for the platform as it runs today */
  change: PlatformChange;
  /** mean score over the services it satisfies */
  meanScore: number;
};

/** A service the platform pick leaves with unmet hard requirements. @public */
export type UnsatisfiedService = {
  entityRef: string;
  missing: string[];
};

/** @public */
export type FleetRecommendation = {
  recommendation: {
    mesh: MeshId;
    name: string;
    confidence: Confidence;
    /** one sentence: what the pick covers and what it changes on the platform */
    summary: string;
    /** the facts the pick turns on: knowledge-base fact ids (`capability.jwt-auth.linkerd`, `mesh.cilium.requiresCni`, `mesh.istio-sidecar` for the installed mesh) */
    factIds: string[];
  } | null;
  /**
   * Why the platform pick is not every service's own first choice, in one
   * sentence ("Every service ranks Linkerd first; one mesh for all is Istio
   * (sidecar mode) because …"); null when they agree.
   */
  explanation: string | null;
  ranking: FleetCandidate[];
  unsatisfied: UnsatisfiedService[];
  servicesConsidered: number;
};

/** One mesh of the compiled knowledge base. */
const meshOf = (ckb: CompiledKnowledgeBase, mesh: MeshId) =>
  ckb.meshes[MESH_IDS.indexOf(mesh)];

/**
 * What choosing `mesh` means on a platform that runs `current`. Meshes of
 * one family in the knowledge base (`coherence.families`: Istio's sidecar
 * and ambient modes) share a control plane, so moving between them is a
 * mode change, not a new mesh.
 */
export function platformChange(
  ckb: CompiledKnowledgeBase,
  mesh: MeshId,
  current: MeshId,
): PlatformChange {
  if (mesh === current) return 'keep';
  if (current === 'none') return 'adopt';
  if (mesh === 'none') return 'remove';
  return meshOf(ckb, current).family & (1 << MESH_IDS.indexOf(mesh))
    ? 'mode-change'
    : 'migrate';
}

/**
 * A per-node proxy that already runs on every node costs the platform
 * nothing more: the CNI's agent (Cilium's data plane is the cilium-agent
 * the CNI runs) or the installed mesh's node proxy (ztunnel). Per-pod
 * proxies are still charged: which pods are injected is not known.
 */
function nodeProxyPaid(
  ckb: CompiledKnowledgeBase,
  mesh: MeshId,
  platform: PlatformContext,
): 'cni' | 'installed' | null {
  const m = meshOf(ckb, mesh);
  if (m.placement !== 'node') return null;
  if (m.requiresCni && m.requiresCni === platform.cni) return 'cni';
  if (mesh === platform.currentMesh) return 'installed';
  return null;
}

function alreadyPaidNotes(
  ckb: CompiledKnowledgeBase,
  mesh: MeshId,
  platform: PlatformContext,
): string[] {
  const m = meshOf(ckb, mesh);
  const notes: string[] = [];
  const perNode = m.memoryMiB === null ? '' : ` (${m.memoryMiB} MiB per node)`;
  const paid = nodeProxyPaid(ckb, mesh, platform);
  if (paid === 'cni')
    notes.push(
      `${m.name}'s per-node agent already runs as the ${platform.cni} CNI, so it is not charged again${perNode}.`,
    );
  else if (paid === 'installed')
    notes.push(
      `${m.name}'s per-node proxy already runs on every node, so it is not charged again${perNode}.`,
    );
  const change = platformChange(ckb, mesh, platform.currentMesh);
  if (change === 'keep' && mesh !== 'none')
    notes.push(`${m.name}'s control plane is already installed.`);
  else if (change === 'mode-change')
    notes.push(
      `The installed ${
        meshOf(ckb, platform.currentMesh).name
      } control plane serves this mode too.`,
    );
  return notes;
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

/** The service's own first choice: its recommendation, or for an invalid one the top of what it ranked. */
function firstChoice(r: EvaluationResult): MeshId | undefined {
  if (r.recommendation) return r.recommendation.mesh;
  const top = r.ranking[0];
  return r.status === 'invalid' && top && !top.blocked ? top.mesh : undefined;
}

function missingOf(r: EvaluationResult, c: CandidateResult): string[] {
  return c.blockers.map(b => {
    if (b.kind === 'capability') return b.capability!;
    if (b.kind === 'latency-budget')
      return `latency-budget ≤ ${r.requirements.latencyBudgetMs} ms`;
    return 'cni';
  });
}

/**
 * How many more services the installed mesh may leave unsatisfied than the
 * best candidate and still stay the platform's pick: migrating every service
 * costs more than serving one service — or a tenth of them — another way
 * (at the gateway, in a library). A judgement, stated in the explanation.
 */
export const migrationTolerance = (considered: number) =>
  Math.max(1, Math.ceil(considered / 10));

const countFact = (facts: Map<string, number>, id: string) =>
  facts.set(id, (facts.get(id) ?? 0) + 1);

const CONFIDENCE_LEVELS: readonly Confidence[] = ['low', 'medium', 'high'];

/**
 * Confidence from the margin over the runner-up (services satisfied, then
 * mean score), lowered when many of the hard requirements it meets are met
 * only partly or unverified.
 */
function fleetConfidence(
  top: FleetTally,
  second: FleetTally | undefined,
  considered: number,
): Confidence {
  let level = 2;
  if (second) {
    const moreServices = top.servicesSatisfied - second.servicesSatisfied;
    const points = top.scoreMean - second.scoreMean;
    if (moreServices < 0) level = 1; // the installed mesh kept despite blockers
    else if (moreServices > 0) level = moreServices / considered >= 0.1 ? 2 : 1;
    else if (points >= 5) level = 2;
    else if (points >= 2) level = 1;
    else level = 0;
  }
  const counted =
    top.requirementsMet + top.requirementsPartial + top.requirementsUnknown;
  if (
    counted > 0 &&
    (top.requirementsPartial + top.requirementsUnknown) / counted >= 0.1
  )
    level--;
  return CONFIDENCE_LEVELS[Math.max(0, level)];
}

/**
 * Recommends the one mesh for the platform from the services' own
 * evaluations, so that it agrees with them wherever one mesh can:
 *  1. the candidate that satisfies the most services (no hard blocker) —
 *     where the installed mesh, or its other data-plane mode, counts as
 *     satisfying the most while it leaves at most `migrationTolerance` more
 *     services unsatisfied: a second mesh means a second control plane,
 *     trust domain and upgrade cadence, which no service's score carries;
 *  2. among those, the installed mesh's family;
 *  3. then the best mean score over the services it satisfies — the same
 *     scores the services rank by, so if every service ranks X first and X
 *     satisfies them all, X is the pick;
 *  4. then the least memory added (costs already paid left out), then the
 *     vocabulary order.
 * When the pick is not every service's own first choice, `explanation`
 * says why in one sentence. Takes results one at a time (`add`) so a caller
 * can stream a large catalog through it; the platform comes with them.
 * @public
 */
export function createFleetAccumulator(kb: KnowledgeBase) {
  const ckb = compileKnowledgeBase(kb);
  const tallies = new Map<MeshId, FleetTally>(
    MESH_IDS.map(mesh => [
      mesh,
      {
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
        blockerFacts: [],
        parts: {},
        gapFacts: new Map(),
        preferenceFacts: new Map(),
      },
    ]),
  );
  let considered = 0;
  let platform: PlatformContext | undefined;
  const paid = new Map<MeshId, boolean>();

  return {
    add(result: EvaluationResult) {
      // Invalid results still count on their valid requirements: the platform
      // decision should not wait for one team's typo.
      if (result.status !== 'evaluated' && result.status !== 'invalid') return;
      if (!platform) {
        platform = result.platform;
        for (const mesh of MESH_IDS)
          paid.set(mesh, nodeProxyPaid(ckb, mesh, platform) !== null);
      }
      considered++;
      const budget = result.requirements.latencyBudgetMs !== undefined ? 1 : 0;
      // What the engine held the service to on each candidate (it may add
      // platform-wide needs for a mesh, e.g. multi-cluster); a candidate
      // that cannot run on the platform fails the most any other was held to.
      const heldTo = (c: CandidateResult) =>
        c.satisfied.length +
        c.partial.length +
        c.unverified.length +
        c.blockers.filter(b => b.kind === 'capability').length;
      const declared =
        budget +
        Math.max(
          result.requirements.requires.length,
          ...result.ranking.map(heldTo),
        );
      const first = firstChoice(result);
      const firstScore = result.ranking.find(c => c.mesh === first)?.score;
      for (const c of result.ranking) {
        const t = tallies.get(c.mesh)!;
        if (c.mesh === first) t.firstChoiceOf++;
        if (c.blockers.some(b => b.kind === 'platform')) {
          // A mesh that cannot run on the platform meets nothing.
          t.requirementsUnmet += declared;
        } else {
          const m = meshOf(ckb, c.mesh);
          const immature = popcount(maskOf(c.satisfied) & m.immature);
          const overBudget = c.blockers.some(b => b.kind === 'latency-budget')
            ? 1
            : 0;
          t.requirementsMet +=
            c.satisfied.length - immature + budget - overBudget;
          t.requirementsPartial += c.partial.length + immature;
          t.requirementsUnknown += c.unverified.length;
          t.requirementsUnmet +=
            c.blockers.filter(b => b.kind === 'capability').length + overBudget;
        }
        if (c.blocked) {
          t.unsatisfied.push({
            entityRef: result.entityRef,
            missing: missingOf(result, c),
          });
          t.blockerFacts.push(c.blockers.map(b => b.factId));
          continue;
        }
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
        const mem = addedMemory(ckb, c, paid.get(c.mesh)!);
        if (mem === null) t.costUnknown = true;
        else t.totalMemoryMiB += mem;
      }
    },
    result(): FleetRecommendation {
      const current = platform?.currentMesh ?? 'none';
      const all = [...tallies.values()];
      for (const t of all) {
        t.scoreMean = t.servicesSatisfied
          ? t.scoreSum / t.servicesSatisfied
          : 0;
        t.change = platformChange(ckb, t.mesh, current);
        t.alreadyPaid = platform ? alreadyPaidNotes(ckb, t.mesh, platform) : [];
        t.nodeProxyPaid = paid.get(t.mesh) ?? false;
      }
      const installed = (t: FleetTally) =>
        current !== 'none' &&
        (t.change === 'keep' || t.change === 'mode-change')
          ? 1
          : 0;
      const most = Math.max(...all.map(t => t.servicesSatisfied));
      const tolerance = migrationTolerance(considered);
      // The installed mesh counts as satisfying the most services while it
      // leaves at most `tolerance` more unsatisfied than the best candidate.
      const counted = (t: FleetTally) =>
        installed(t) && t.servicesSatisfied >= most - tolerance
          ? most
          : t.servicesSatisfied;
      all.sort(
        (a, b) =>
          counted(b) - counted(a) ||
          installed(b) - installed(a) ||
          b.servicesSatisfied - a.servicesSatisfied ||
          b.scoreMean - a.scoreMean ||
          a.totalMemoryMiB - b.totalMemoryMiB ||
          MESH_IDS.indexOf(a.mesh) - MESH_IDS.indexOf(b.mesh),
      );
      const ranking: FleetCandidate[] = all.map(t => ({
        mesh: t.mesh,
        name: t.name,
        servicesSatisfied: t.servicesSatisfied,
        requirementsMet: t.requirementsMet,
        requirementsPartial: t.requirementsPartial,
        requirementsUnknown: t.requirementsUnknown,
        requirementsUnmet: t.requirementsUnmet,
        firstChoiceOf: t.firstChoiceOf,
        totalMemoryMiB: Math.round(t.totalMemoryMiB * 10) / 10,
        costUnknown: t.costUnknown,
        alreadyPaid: t.alreadyPaid,
        change: t.change,
        meanScore: Math.round(t.scoreMean),
      }));
      const top = all[0];
      if (!top || considered === 0 || !platform) {
        return {
          recommendation: null,
          explanation: null,
          ranking,
          unsatisfied: [],
          servicesConsidered: considered,
        };
      }
      const { summary, explanation, factIds } = explainFleet(
        all,
        considered,
        platform,
        ckb,
      );
      return {
        recommendation: {
          mesh: top.mesh,
          name: top.name,
          confidence: fleetConfidence(top, all[1], considered),
          summary,
          factIds,
        },
        explanation,
        ranking,
        unsatisfied: top.unsatisfied,
        servicesConsidered: considered,
      };
    },
  };
}

/** The platform-level recommendation for a set of evaluated services. @public */
export function recommendForPlatform(
  kb: KnowledgeBase,
  results: Iterable<EvaluationResult>,
): FleetRecommendation {
  const acc = createFleetAccumulator(kb);
  for (const r of results) acc.add(r);
  return acc.result();
}
