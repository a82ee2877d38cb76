import type { KnowledgeBase } from '../knowledgeBase/schema';
import { MESH_IDS, MeshId } from '../vocabulary';
import type { Confidence, EvaluationResult } from './types';

/** One candidate for the whole platform. @public */
export type FleetCandidate = {
  mesh: MeshId;
  name: string;
  /** services whose hard requirements it meets */
  servicesSatisfied: number;
  /** hard requirements (capabilities and latency budgets) met, summed over services */
  requirementsMet: number;
  /** memory charged to the services it satisfies, MiB (unknown figures count as 0 and set `costUnknown`) */
  totalMemoryMiB: number;
  costUnknown: boolean;
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
  recommendation: { mesh: MeshId; name: string; confidence: Confidence } | null;
  ranking: FleetCandidate[];
  unsatisfied: UnsatisfiedService[];
  servicesConsidered: number;
};

type Tally = FleetCandidate & {
  scoreSum: number;
  unsatisfied: UnsatisfiedService[];
};

/**
 * Recommends the one mesh for the platform: the candidate that meets the
 * most hard requirements across all evaluated services, then satisfies the
 * most services, then costs the least total memory, then scores best. Takes results one at a time (`add`) so a
 * caller can stream a large catalog through it.
 * @public
 */
export function createFleetAccumulator(kb: KnowledgeBase) {
  const tallies = new Map<MeshId, Tally>(
    MESH_IDS.map(mesh => [
      mesh,
      {
        mesh,
        name: kb.meshes[mesh]!.name,
        servicesSatisfied: 0,
        requirementsMet: 0,
        totalMemoryMiB: 0,
        costUnknown: false,
        meanScore: 0,
        scoreSum: 0,
        unsatisfied: [],
      },
    ]),
  );
  let considered = 0;

  return {
    add(result: EvaluationResult) {
      // Invalid results still count on their valid requirements: the platform
      // decision should not wait for one team's typo.
      if (result.status !== 'evaluated' && result.status !== 'invalid') return;
      considered++;
      const budget = result.requirements.latencyBudgetMs !== undefined ? 1 : 0;
      for (const c of result.ranking) {
        const t = tallies.get(c.mesh)!;
        // A mesh that cannot run on the platform meets nothing.
        if (!c.blockers.some(b => b.kind === 'platform')) {
          const missingCaps = c.blockers.filter(
            b => b.kind === 'capability',
          ).length;
          const overBudget = c.blockers.some(b => b.kind === 'latency-budget')
            ? 1
            : 0;
          t.requirementsMet +=
            result.requirements.requires.length -
            missingCaps +
            budget -
            overBudget;
        }
        if (c.blocked) {
          t.unsatisfied.push({
            entityRef: result.entityRef,
            missing: c.blockers.map(b => {
              if (b.kind === 'capability') return b.capability!;
              if (b.kind === 'latency-budget') {
                return `latency-budget ≤ ${result.requirements.latencyBudgetMs} ms`;
              }
              return 'cni';
            }),
          });
        } else {
          t.servicesSatisfied++;
          t.scoreSum += c.score;
          if (c.overhead.memoryMiB === null) t.costUnknown = true;
          else t.totalMemoryMiB += c.overhead.memoryMiB;
        }
      }
    },
    result(): FleetRecommendation {
      const ranking = [...tallies.values()].map(
        ({ scoreSum, unsatisfied, ...t }) => ({
          ...t,
          totalMemoryMiB: Math.round(t.totalMemoryMiB * 10) / 10,
          meanScore: t.servicesSatisfied
            ? Math.round(scoreSum / t.servicesSatisfied)
            : 0,
        }),
      );
      ranking.sort(
        (a, b) =>
          b.requirementsMet - a.requirementsMet ||
          b.servicesSatisfied - a.servicesSatisfied ||
          a.totalMemoryMiB - b.totalMemoryMiB ||
          b.meanScore - a.meanScore ||
          MESH_IDS.indexOf(a.mesh) - MESH_IDS.indexOf(b.mesh),
      );
      const top = ranking[0];
      if (!top || considered === 0) {
        return {
          recommendation: null,
          ranking,
          unsatisfied: [],
          servicesConsidered: considered,
        };
      }
      const second = ranking[1];
      const marginShare = second
        ? (top.requirementsMet - second.requirementsMet) /
          Math.max(1, top.requirementsMet)
        : 1;
      let confidence: Confidence = 'low';
      if (marginShare >= 0.1) confidence = 'high';
      else if (
        marginShare > 0 ||
        top.totalMemoryMiB < second.totalMemoryMiB * 0.8
      ) {
        confidence = 'medium';
      }
      return {
        recommendation: { mesh: top.mesh, name: top.name, confidence },
        ranking,
        unsatisfied: tallies.get(top.mesh)!.unsatisfied,
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
