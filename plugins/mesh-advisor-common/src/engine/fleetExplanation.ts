import type { CompiledKnowledgeBase } from '../knowledgeBase/compile';
import type { PlatformContext } from '../platform';
import { because, inline } from './fleetBecause';
import { plural } from './format';
import type { FleetTally } from './fleetTypes';
import { meshOf } from './platformChange';

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

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
  const facts = new Set(pickFacts(top, platform, ckb));
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
    explanation = `${firstChoices(
      ranked,
      rival,
      withChoice,
    )}; one mesh for all is ${inline(top)} because ${why.text}.`;
  }
  return {
    summary: summarize(top, considered, platform, ckb),
    explanation,
    factIds: [...facts],
  };
}

/** The facts the pick itself turns on: the installed mesh, the coherence cost it pays, the CNI it needs. */
function pickFacts(
  top: FleetTally,
  platform: PlatformContext,
  ckb: CompiledKnowledgeBase,
): string[] {
  const facts: string[] = [];
  if (top.change !== 'adopt' && platform.currentMesh !== 'none')
    facts.push(`mesh.${platform.currentMesh}`);
  if (top.change === 'mode-change') facts.push('coherence.modeChange');
  if (top.change === 'migrate') facts.push('coherence.secondMesh');
  const m = meshOf(ckb, top.mesh);
  if (m.requiresCni && m.requiresCni === platform.cni)
    facts.push(`mesh.${top.mesh}.requiresCni`);
  return facts;
}

/** Who ranks what first, against the pick (`ranked[0]`): "Every service ranks Linkerd first, by …". */
function firstChoices(
  ranked: FleetTally[],
  rival: FleetTally,
  withChoice: number,
): string {
  const [top] = ranked;
  if (rival.firstChoiceOf === withChoice) {
    const margin = top.servicesSatisfied
      ? Math.round((top.marginSum / top.servicesSatisfied) * 10) / 10
      : 0;
    return `Every service ranks ${inline(rival)} first${
      top.servicesSatisfied
        ? `, by ${margin} points over ${inline(top)} on average`
        : ''
    }`;
  }
  if (rival.firstChoiceOf > top.firstChoiceOf)
    return `${capital(inline(rival))} is the first choice of ${
      rival.firstChoiceOf
    } of ${plural(withChoice, 'service')} (${inline(top)}: ${
      top.firstChoiceOf
    })`;
  const others = ranked
    .filter(t => t !== top && t.firstChoiceOf > 0)
    .map(t => `${inline(t)} ${t.firstChoiceOf}`)
    .join(', ');
  return `${capital(inline(top))} is the first choice of ${
    top.firstChoiceOf
  } of ${plural(withChoice, 'service')} (the others: ${others})`;
}

function changeClause(
  top: FleetTally,
  platform: PlatformContext,
  ckb: CompiledKnowledgeBase,
): string {
  const installed = meshOf(ckb, platform.currentMesh).name;
  switch (top.change) {
    case 'keep':
      return top.mesh === 'none' ? '' : '; it is already installed';
    case 'adopt':
      return "; it would be the platform's first mesh";
    case 'mode-change':
      // e.g. sidecar → ambient: ztunnel (and Istio's CNI agent) go on every node first
      return `; moving from the installed ${installed} is a data-plane mode change under the same control plane, not a new mesh${
        meshOf(ckb, top.mesh).placement === 'node'
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
