import type { CompiledKnowledgeBase } from '../knowledgeBase/compile';
import type { PlatformContext } from '../platform';
import { MESH_IDS } from '../vocabulary';
import type { FleetCandidate, UnsatisfiedService } from './fleet';

/** A fleet candidate while results are added: the sums its figures come from. */
export type FleetTally = FleetCandidate & {
  /** its per-node proxy already runs on every node (the CNI's agent, or installed) */
  nodeProxyPaid: boolean;
  scoreSum: number;
  /** unrounded mean score over the services it satisfies */
  scoreMean: number;
  /** over the services it satisfies but that rank another mesh first: points below their first choice */
  marginSum: number;
  unsatisfied: UnsatisfiedService[];
  /** per unsatisfied service, the facts of its blockers */
  blockerFacts: string[][];
  /** score points per part (breakdown), summed over the services it satisfies */
  parts: Record<string, number>;
  /** partly met or unverified hard requirements: fact id → services */
  gapFacts: Map<string, number>;
  /** preferences it lacks or cannot confirm: fact id → services */
  preferenceFacts: Map<string, number>;
};

type Because = { text: string; factIds: string[] };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** "No mesh" reads as "no mesh" inside a sentence. */
const inline = (t: FleetTally) => (t.mesh === 'none' ? 'no mesh' : t.name);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const countFact = (counts: Map<string, number>, key: string) =>
  counts.set(key, (counts.get(key) ?? 0) + 1);

/** The most frequent facts first. */
const commonest = (facts: Map<string, number>, n = 2) =>
  [...facts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
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
      return commonest(loser.gapFacts);
    case 'preferences':
      return commonest(loser.preferenceFacts);
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
    default: {
      const m = ckb.meshes[MESH_IDS.indexOf(winner.mesh)];
      if (m.requiresCni && m.requiresCni === platform.cni)
        return [`mesh.${winner.mesh}.requiresCni`];
      return [`mesh.${platform.currentMesh}`];
    }
  }
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

/** Services `loser` leaves without a hard requirement that `winner` meets, with their blockers' facts. */
function leftBy(loser: FleetTally, winner: FleetTally) {
  const alsoLeftByWinner = new Set(winner.unsatisfied.map(u => u.entityRef));
  return loser.unsatisfied
    .map((u, i) => ({ u, facts: loser.blockerFacts[i] }))
    .filter(x => !alsoLeftByWinner.has(x.u.entityRef));
}

/**
 * "2 services without a hard requirement (sidecar-free)": what they miss,
 * commonest first. It names no service: the summary is shared with callers
 * who may read only some services (the unsatisfied list is filtered for them).
 */
function withoutRequirement(left: ReturnType<typeof leftBy>): string {
  const missing = new Map<string, number>();
  for (const x of left) for (const m of x.u.missing) countFact(missing, m);
  const what = [...missing.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([m]) => m)
    .join(', ');
  return `${plural(
    left.length,
    'service',
  )} without a hard requirement (${what})`;
}

/** Why `winner` is ranked above `loser` for the platform, as a clause after "because". */
function because(
  winner: FleetTally,
  loser: FleetTally,
  platform: PlatformContext,
  ckb: CompiledKnowledgeBase,
): Because {
  if (winner.servicesSatisfied > loser.servicesSatisfied) {
    const left = leftBy(loser, winner);
    return {
      text: `${inline(loser)} would leave ${withoutRequirement(left)}`,
      factIds: [...new Set(left.flatMap(x => x.facts))],
    };
  }
  const family = (t: FleetTally) =>
    t.change === 'keep' || t.change === 'mode-change';
  if (platform.currentMesh !== 'none' && family(winner) && !family(loser)) {
    const installed = ckb.meshes[MESH_IDS.indexOf(platform.currentMesh)].name;
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
          left.length === 1 ? 'it' : 'them'
        } another way (at the gateway, in a library) costs less than moving every service to a second mesh`,
        factIds: [...installedFacts, ...new Set(left.flatMap(x => x.facts))],
      };
    }
    return {
      text: `${what} and meets the hard requirements of as many services; ${inline(
        loser,
      )} would add a second control plane, trust domain and upgrade cadence`,
      factIds: installedFacts,
    };
  }
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
      ? [
          ckb.meshes[MESH_IDS.indexOf(winner.mesh)].requiresCni === platform.cni
            ? `mesh.${winner.mesh}.requiresCni`
            : `mesh.${platform.currentMesh}`,
        ]
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

function changeClause(
  top: FleetTally,
  platform: PlatformContext,
  ckb: CompiledKnowledgeBase,
): string {
  const installed = ckb.meshes[MESH_IDS.indexOf(platform.currentMesh)].name;
  switch (top.change) {
    case 'keep':
      return top.mesh === 'none' ? '' : '; it is already installed';
    case 'adopt':
      return "; it would be the platform's first mesh";
    case 'mode-change':
      // e.g. sidecar → ambient: ztunnel (and Istio's CNI agent) go on every node first
      return `; moving from the installed ${installed} is a data-plane mode change under the same control plane, not a new mesh${
        ckb.meshes[MESH_IDS.indexOf(top.mesh)].placement === 'node'
          ? ', once its per-node proxy is installed on every node'
          : ''
      }`;
    case 'migrate':
      return `; it replaces the installed ${installed}, so until every service has moved the platform runs two control planes and two trust domains (mTLS between them needs gateways)`;
    default:
      return `; the installed ${installed} could be retired`;
  }
}

function summarize(
  top: FleetTally,
  considered: number,
  platform: PlatformContext,
  ckb: CompiledKnowledgeBase,
): string {
  const change = changeClause(top, platform, ckb);
  const of = `${top.servicesSatisfied} of ${plural(considered, 'service')}`;
  const counted =
    top.requirementsMet + top.requirementsPartial + top.requirementsUnknown;
  if (top.mesh === 'none' && counted === 0)
    return `No mesh: ${of} require nothing a mesh must provide, so a mesh would only add cost${change}.`;
  const counts = `${top.requirementsMet} fully met, ${top.requirementsPartial} partly, ${top.requirementsUnknown} unverified`;
  const memory =
    top.mesh === 'none'
      ? ''
      : `, adding ${Math.round(top.totalMemoryMiB * 10) / 10} MiB${
          top.costUnknown ? ' plus figures no source gives' : ''
        }${top.nodeProxyPaid ? ' (its per-node proxy already runs)' : ''}`;
  return `${top.name} meets the hard requirements of ${of} (${counts})${memory}${change}.`;
}

/**
 * The pick's one-sentence summary, the facts it turns on, and — when some
 * services rank another mesh first — the one sentence that says why one
 * mesh for all is still the pick. `ranked`: the tallies, best first.
 */
export function explainFleet(
  ranked: FleetTally[],
  considered: number,
  platform: PlatformContext,
  ckb: CompiledKnowledgeBase,
): { summary: string; explanation: string | null; factIds: string[] } {
  const [top] = ranked;
  const facts = new Set<string>();
  if (top.change !== 'adopt' && platform.currentMesh !== 'none')
    facts.add(`mesh.${platform.currentMesh}`);
  if (top.change === 'mode-change') facts.add('coherence.modeChange');
  if (top.change === 'migrate') facts.add('coherence.secondMesh');
  const topMesh = ckb.meshes[MESH_IDS.indexOf(top.mesh)];
  if (topMesh.requiresCni && topMesh.requiresCni === platform.cni)
    facts.add(`mesh.${top.mesh}.requiresCni`);
  // what puts the pick ahead of each other candidate, the runner-up first
  for (const t of ranked.slice(1))
    because(top, t, platform, ckb).factIds.forEach(f => facts.add(f));

  const withChoice = ranked.reduce((n, t) => n + t.firstChoiceOf, 0);
  let explanation: string | null = null;
  if (top.firstChoiceOf < withChoice) {
    // The rival: the most popular first choice other than the pick.
    const rival = ranked
      .filter(t => t !== top)
      .reduce((a, b) => (b.firstChoiceOf > a.firstChoiceOf ? b : a));
    const why = because(top, rival, platform, ckb);
    why.factIds.forEach(f => facts.add(f));
    let who: string;
    if (rival.firstChoiceOf === withChoice) {
      const margin = top.servicesSatisfied
        ? Math.round((top.marginSum / top.servicesSatisfied) * 10) / 10
        : 0;
      who = `Every service ranks ${inline(rival)} first${
        top.servicesSatisfied
          ? `, by ${margin} points over ${inline(top)} on average`
          : ''
      }`;
    } else if (rival.firstChoiceOf > top.firstChoiceOf) {
      who = `${capital(inline(rival))} is the first choice of ${
        rival.firstChoiceOf
      } of ${plural(withChoice, 'service')} (${inline(top)}: ${
        top.firstChoiceOf
      })`;
    } else {
      const others = ranked
        .filter(t => t !== top && t.firstChoiceOf > 0)
        .map(t => `${inline(t)} ${t.firstChoiceOf}`)
        .join(', ');
      who = `${capital(inline(top))} is the first choice of ${
        top.firstChoiceOf
      } of ${plural(withChoice, 'service')} (the others: ${others})`;
    }
    explanation = `${who}; one mesh for all is ${inline(top)} because ${
      why.text
    }.`;
  }
  return {
    summary: summarize(top, considered, platform, ckb),
    explanation,
    factIds: [...facts],
  };
}
