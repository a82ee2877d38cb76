import type { CompiledKnowledgeBase } from '../knowledgeBase/compile';
import type { PlatformContext } from '../platform';
import { MESH_IDS, MeshId } from '../vocabulary';
import type { FleetCandidate, FleetTally } from './fleetTypes';
import { alreadyPaidNotes, platformChange } from './platformChange';
import type { Confidence } from './types';

/**
 * How many more services the installed mesh may leave unsatisfied than the
 * best candidate and still stay the platform's pick: migrating every service
 * costs more than serving one service — or a tenth of them — another way
 * (at the gateway, in a library). A judgement, stated in the explanation.
 */
export const migrationTolerance = (considered: number) =>
  Math.max(1, Math.ceil(considered / 10));

/**
 * Closes the tallies once every result is in: mean scores, what each
 * candidate changes on the platform and what it does not charge.
 */
export function closeTallies(
  tallies: FleetTally[],
  platform: PlatformContext | undefined,
  paid: readonly boolean[],
  ckb: CompiledKnowledgeBase,
) {
  const current: MeshId = platform?.currentMesh ?? 'none';
  for (const t of tallies) {
    t.scoreMean = t.servicesSatisfied ? t.scoreSum / t.servicesSatisfied : 0;
    t.change = platformChange(ckb, t.mesh, current);
    t.alreadyPaid = platform ? alreadyPaidNotes(ckb, t.mesh, platform) : [];
    t.nodeProxyPaid = paid[ckb.indexOf[t.mesh]] ?? false;
  }
}

/**
 * The tallies, best first:
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
 */
export function rankTallies(
  tallies: FleetTally[],
  considered: number,
  current: MeshId,
): FleetTally[] {
  const installed = (t: FleetTally) =>
    current !== 'none' && (t.change === 'keep' || t.change === 'mode-change')
      ? 1
      : 0;
  const most = Math.max(...tallies.map(t => t.servicesSatisfied));
  const tolerance = migrationTolerance(considered);
  const counted = (t: FleetTally) =>
    installed(t) && t.servicesSatisfied >= most - tolerance
      ? most
      : t.servicesSatisfied;
  return [...tallies].sort(
    (a, b) =>
      counted(b) - counted(a) ||
      installed(b) - installed(a) ||
      b.servicesSatisfied - a.servicesSatisfied ||
      b.scoreMean - a.scoreMean ||
      a.totalMemoryMiB - b.totalMemoryMiB ||
      MESH_IDS.indexOf(a.mesh) - MESH_IDS.indexOf(b.mesh),
  );
}

/** A closed tally as the recommendation shows it, figures rounded. */
export const toCandidate = (t: FleetTally): FleetCandidate => ({
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
});

const CONFIDENCE_LEVELS: readonly Confidence[] = ['low', 'medium', 'high'];

/**
 * Confidence from the margin over the runner-up (services satisfied, then
 * mean score), lowered when many of the hard requirements it meets are met
 * only partly or unverified.
 */
export function fleetConfidence(
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
