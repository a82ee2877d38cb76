import type { CompiledKnowledgeBase } from '../knowledgeBase/compile';
import type { PlatformContext } from '../platform';
import { MESH_IDS } from '../vocabulary';
import { plural } from './format';
import type { FleetTally, LeftServices } from './fleetTypes';
import { meshOf } from './platformChange';

/** Why one candidate ranks above another: a clause after "because", and the facts it turns on. */
export type Because = { text: string; factIds: string[] };

/** A candidate's name inside a sentence: "No mesh" reads as "no mesh". */
export const inline = (t: FleetTally) =>
  t.mesh === 'none' ? 'no mesh' : t.name;

/** The most frequent first, ties by name. */
const commonest = (counts: Map<string, number>) =>
  [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id]) => id);

/** What each part of the score (ScoreBreakdown) weighs, as written after "most of it on". */
const PART_PHRASES: Record<string, string> = {
  requirements: 'hard requirements met fully rather than partly',
  preferences: 'the capabilities they prefer',
  overhead: 'added latency, memory and CPU',
  operations: 'what their teams can operate',
  platform: 'what already runs on the platform',
  smallPlatformPenalty: 'the small platform, where a mesh must earn its place',
  noNeedPenalty: 'services that declare nothing a mesh would serve',
  coherencePenalty: 'the cost of a second mesh or a mode change',
  releasePolicyPenalty: "the platform's release policy",
};
/** Parts that are taken off the score: less is better. */
const isPenalty = (part: string) => part.endsWith('Penalty');

function partFacts(
  part: string,
  winner: FleetTally,
  loser: FleetTally,
  platform: PlatformContext,
  ckb: CompiledKnowledgeBase,
): string[] {
  switch (part) {
    case 'requirements':
      return commonest(loser.gapFacts).slice(0, 2);
    case 'preferences':
      return commonest(loser.preferenceFacts).slice(0, 2);
    case 'overhead':
      return [
        `mesh.${loser.mesh}.overhead.p99Ms`,
        `mesh.${loser.mesh}.overhead.memoryMiB`,
      ];
    case 'operations':
      return [`mesh.${loser.mesh}.operationalComplexity`];
    case 'smallPlatformPenalty':
      return ['guidance.smallPlatformThreshold'];
    case 'noNeedPenalty':
      return ['mesh.none'];
    case 'coherencePenalty':
      return [
        loser.change === 'mode-change'
          ? 'coherence.modeChange'
          : 'coherence.secondMesh',
      ];
    case 'releasePolicyPenalty':
      return [`mesh.${loser.mesh}.releaseModel`];
    default:
      return [paidFact(winner, platform, ckb)];
  }
}

/** The fact that makes `winner`'s node proxy already paid: the CNI it needs, or the installed mesh. */
function paidFact(
  winner: FleetTally,
  platform: PlatformContext,
  ckb: CompiledKnowledgeBase,
): string {
  const m = meshOf(ckb, winner.mesh);
  return m.requiresCni && m.requiresCni === platform.cni
    ? `mesh.${winner.mesh}.requiresCni`
    : `mesh.${platform.currentMesh}`;
}

/** The part of the score where `winner` gains most over `loser`, per service on average. */
function decisivePart(winner: FleetTally, loser: FleetTally): string {
  const mean = (t: FleetTally, part: string) =>
    t.servicesSatisfied ? (t.parts[part] ?? 0) / t.servicesSatisfied : 0;
  let best = 'requirements';
  let gain = -Infinity;
  for (const part of Object.keys(winner.parts)) {
    const g =
      (mean(winner, part) - mean(loser, part)) * (isPenalty(part) ? -1 : 1);
    if (g > gain) [best, gain] = [part, g];
  }
  return best;
}

/** Services `loser` leaves without a hard requirement that `winner` meets. */
const leftBy = (loser: FleetTally, winner: FleetTally): LeftServices =>
  loser.leftWhereMet[MESH_IDS.indexOf(winner.mesh)];

/**
 * "2 services without a hard requirement (sidecar-free)": what they miss,
 * commonest first. It names no service: the summary is shared with callers
 * who may read only some services (the unsatisfied list is filtered for them).
 */
function withoutRequirement(left: LeftServices): string {
  return `${plural(
    left.count,
    'service',
  )} without a hard requirement (${commonest(left.missing).join(', ')})`;
}

/** Why `winner` is ranked above `loser` for the platform, as a clause after "because". */
export function because(
  winner: FleetTally,
  loser: FleetTally,
  platform: PlatformContext,
  ckb: CompiledKnowledgeBase,
): Because {
  if (winner.servicesSatisfied > loser.servicesSatisfied) {
    const left = leftBy(loser, winner);
    return {
      text: `${inline(loser)} would leave ${withoutRequirement(left)}`,
      factIds: [...left.facts],
    };
  }
  const family = (t: FleetTally) =>
    t.change === 'keep' || t.change === 'mode-change';
  if (platform.currentMesh !== 'none' && family(winner) && !family(loser))
    return installedBecause(winner, loser, platform, ckb);
  if (winner.scoreMean > loser.scoreMean) {
    const part = decisivePart(winner, loser);
    return {
      text: `over the services it satisfies it scores ${Math.round(
        winner.scoreMean,
      )} on average against ${Math.round(loser.scoreMean)}, most of it on ${
        PART_PHRASES[part] ?? part
      }`,
      factIds: partFacts(part, winner, loser, platform, ckb),
    };
  }
  const memory = (t: FleetTally) =>
    `${Math.round(t.totalMemoryMiB * 10) / 10} MiB`;
  if (winner.totalMemoryMiB < loser.totalMemoryMiB) {
    const paid = winner.alreadyPaid.length
      ? [paidFact(winner, platform, ckb)]
      : [];
    return {
      text: `it scores as well and adds less memory (${memory(
        winner,
      )} against ${memory(loser)})`,
      factIds: [...paid, `mesh.${loser.mesh}.overhead.memoryMiB`],
    };
  }
  return {
    text: `it ties with ${inline(loser)} and comes first in the list`,
    factIds: [],
  };
}

/**
 * `winner` is the installed mesh or its other mode, `loser` a second mesh
 * that satisfies as many services or more: the installed mesh stays.
 */
function installedBecause(
  winner: FleetTally,
  loser: FleetTally,
  platform: PlatformContext,
  ckb: CompiledKnowledgeBase,
): Because {
  const installed = meshOf(ckb, platform.currentMesh).name;
  const what =
    winner.change === 'keep'
      ? 'it is already installed'
      : `it is the installed ${installed}'s other data-plane mode (a mode change, not a new mesh)`;
  const installedFacts = [
    `mesh.${platform.currentMesh}`,
    'coherence.secondMesh',
  ];
  if (winner.servicesSatisfied < loser.servicesSatisfied) {
    const left = leftBy(winner, loser);
    return {
      text: `${what} and leaves only ${withoutRequirement(left)}: serving ${
        left.count === 1 ? 'it' : 'them'
      } another way (at the gateway, in a library) costs less than moving every service to a second mesh`,
      factIds: [...installedFacts, ...left.facts],
    };
  }
  return {
    text: `${what} and meets the hard requirements of as many services; ${inline(
      loser,
    )} would add a second control plane, trust domain and upgrade cadence`,
    factIds: installedFacts,
  };
}
