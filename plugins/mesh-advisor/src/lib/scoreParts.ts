import {
  DEFAULT_WEIGHTS,
  PlatformContext,
  ScoreBreakdown,
  ScoreWeights,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/** One line of "how the score adds up". */
export type ScorePart = {
  label: string;
  /** points out of 100, after normalising the weights */
  points: number;
  /** the most this part can give (its weight share of 100); 0 for a penalty */
  max: number;
};

const PARTS: Array<{ key: keyof ScoreWeights; label: string }> = [
  { key: 'requirements', label: 'Hard requirements' },
  { key: 'preferences', label: 'Preferences' },
  { key: 'overhead', label: 'Overhead (less is better)' },
  { key: 'operations', label: 'Operations fit' },
  { key: 'platform', label: 'Platform fit' },
];

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The score's parts in points out of 100, as the engine adds them: each
 * part is weighted and the total normalised by the sum of the weights, then
 * the penalties are taken off.
 */
export function scoreParts(
  breakdown: ScoreBreakdown,
  platform: Pick<PlatformContext, 'weights'> | undefined,
): ScorePart[] {
  const weights = { ...DEFAULT_WEIGHTS, ...(platform?.weights ?? {}) };
  const sum = PARTS.reduce((s, p) => s + weights[p.key], 0) || 1;
  const parts: ScorePart[] = PARTS.map(p => ({
    label: p.label,
    points: round1((breakdown[p.key] * 100) / sum),
    max: round1((weights[p.key] * 100) / sum),
  }));
  if (breakdown.smallPlatformPenalty) {
    parts.push({
      label: 'Small platform: a mesh must earn its place',
      points: -round1(breakdown.smallPlatformPenalty),
      max: 0,
    });
  }
  if (breakdown.noNeedPenalty) {
    parts.push({
      label: 'Nothing declared needs a mesh',
      points: -round1(breakdown.noNeedPenalty),
      max: 0,
    });
  }
  // (optional: evaluations stored by an older engine lack them)
  if (breakdown.coherencePenalty) {
    parts.push({
      label: 'Mode change or second mesh beside the installed one',
      points: -round1(breakdown.coherencePenalty),
      max: 0,
    });
  }
  if (breakdown.releasePolicyPenalty) {
    parts.push({
      label: 'Stable releases need a subscription (release policy)',
      points: -round1(breakdown.releasePolicyPenalty),
      max: 0,
    });
  }
  return parts;
}

/** What "confidence" means, in one line. */
export const CONFIDENCE_DEFINITION =
  'Confidence is how far the pick leads the next candidate (high: 10 points or more, medium: 4 or more), lowered a step when a fact it relies on has no source or the service is experimental.';
