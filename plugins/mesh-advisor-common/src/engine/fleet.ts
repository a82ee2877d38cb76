import { compileKnowledgeBase } from '../knowledgeBase/compile';
import type { KnowledgeBase } from '../knowledgeBase/schema';
import type { PlatformContext } from '../platform';
import { MESH_IDS } from '../vocabulary';
import { explainFleet } from './fleetExplanation';
import {
  closeTallies,
  fleetConfidence,
  rankTallies,
  toCandidate,
} from './fleetRanking';
import { emptyTally, tallyResult } from './fleetTally';
import type { FleetOptions, FleetRecommendation } from './fleetTypes';
import { nodeProxyPaid } from './platformChange';
import type { EvaluationResult } from './types';

export type {
  FleetCandidate,
  FleetOptions,
  FleetRecommendation,
  PlatformChange,
  UnsatisfiedService,
} from './fleetTypes';

/**
 * Recommends the one mesh for the platform from the services' own
 * evaluations, so that it agrees with them wherever one mesh can: the
 * candidate that satisfies the most services — the installed mesh staying
 * while it leaves at most a tenth more unsatisfied — then the installed
 * mesh's family, the best mean score and the least memory added (see
 * rankTallies). When the pick is not every service's own first choice,
 * `explanation` says why in one sentence. Takes results one at a time
 * (`add`) so a caller can stream a large catalog through it; the platform
 * comes with them. What it keeps does not grow with the catalog, except the
 * unsatisfied services it lists (bounded by `options.maxUnsatisfied`).
 * @public
 */
export function createFleetAccumulator(
  kb: KnowledgeBase,
  options: FleetOptions = {},
) {
  const ckb = compileKnowledgeBase(kb);
  const tallies = MESH_IDS.map(mesh => emptyTally(kb, mesh));
  const maxUnsatisfied = options.maxUnsatisfied ?? Infinity;
  let considered = 0;
  let platform: PlatformContext | undefined;
  let paid: boolean[] = [];

  return {
    add(result: EvaluationResult) {
      // Invalid results still count on their valid requirements: the platform
      // decision should not wait for one team's typo.
      if (result.status !== 'evaluated' && result.status !== 'invalid') return;
      if (!platform) {
        const p = result.platform;
        platform = p;
        paid = MESH_IDS.map(mesh => nodeProxyPaid(ckb, mesh, p) !== null);
      }
      considered++;
      tallyResult(tallies, result, { ckb, paid, maxUnsatisfied });
    },
    result(): FleetRecommendation {
      closeTallies(tallies, platform, paid, ckb);
      const ranked = rankTallies(
        tallies,
        considered,
        platform?.currentMesh ?? 'none',
      );
      const ranking = ranked.map(toCandidate);
      const [top] = ranked;
      if (considered === 0 || !platform) {
        return {
          recommendation: null,
          explanation: null,
          ranking,
          unsatisfied: [],
          servicesConsidered: considered,
          unsatisfiedTotal: 0,
        };
      }
      const { summary, explanation, factIds } = explainFleet(
        ranked,
        considered,
        platform,
        ckb,
      );
      return {
        recommendation: {
          mesh: top.mesh,
          name: top.name,
          confidence: fleetConfidence(top, ranked[1], considered),
          summary,
          factIds,
        },
        explanation,
        ranking,
        unsatisfied: top.unsatisfied,
        servicesConsidered: considered,
        unsatisfiedTotal: top.unsatisfiedTotal,
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
