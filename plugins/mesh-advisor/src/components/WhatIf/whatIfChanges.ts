import type {
  CandidateResult,
  EvaluationResult,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/** How one candidate moved between the current advice and the what-if. */
export type CandidateChange = {
  candidate: CandidateResult;
  kind: 'now-blocked' | 'unblocked' | 'score';
  before: number;
  after: number;
};

/** The candidates whose blocked state or score differ from the current advice. */
export function candidateChanges(
  current: CandidateResult[],
  next: CandidateResult[],
): CandidateChange[] {
  const changes: CandidateChange[] = [];
  for (const c of next) {
    const was = current.find(p => p.mesh === c.mesh);
    if (!was) continue;
    if (c.blocked && !was.blocked) {
      changes.push({
        candidate: c,
        kind: 'now-blocked',
        before: was.score,
        after: 0,
      });
    } else if (!c.blocked && was.blocked) {
      changes.push({
        candidate: c,
        kind: 'unblocked',
        before: 0,
        after: c.score,
      });
    } else if (!c.blocked && c.score !== was.score) {
      changes.push({
        candidate: c,
        kind: 'score',
        before: was.score,
        after: c.score,
      });
    }
  }
  return changes;
}

/** The top candidate that meets every hard requirement, if any. */
export const topOf = (r: Pick<EvaluationResult, 'ranking'>) =>
  r.ranking.find(c => !c.blocked);

/** One sentence for screen readers after each edit. */
export function announcement(
  top: CandidateResult | undefined,
  currentTopName: string | undefined,
  changes: CandidateChange[],
): string {
  const pick = top
    ? `Top pick ${top.name}${
        currentTopName && currentTopName !== top.name
          ? `, changed from ${currentTopName}`
          : ', unchanged'
      }.`
    : 'No candidate meets every requirement.';
  const blocked = changes.filter(c => c.kind === 'now-blocked');
  return `${pick}${
    blocked.length
      ? ` Now blocked: ${blocked.map(c => c.candidate.name).join(', ')}.`
      : ''
  }`;
}
