import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  Adoption,
  CandidateResult,
  Recommendation,
} from '@mesh-advisor/plugin-mesh-advisor-common';

const ADOPTION: Record<Adoption, string> = {
  installed: 'Stays on the mesh the platform runs.',
  'mode-change': 'A change of data-plane mode of the mesh the platform runs.',
  'second-mesh': 'A second mesh beside the one the platform runs.',
  adopt: "The platform's first mesh.",
  'leave-mesh': 'Takes this service out of the mesh the platform runs.',
};

/**
 * What to know before acting on the pick: what it means for the platform,
 * and hard requirements it meets only through immature features. Fields an
 * older engine did not store are simply left out.
 */
export function PickCaveats(props: {
  recommendation: Recommendation;
  candidate: CandidateResult;
}) {
  const { recommendation, candidate } = props;
  const lines: string[] = [];
  if (recommendation.adoption) lines.push(ADOPTION[recommendation.adoption]);
  if (candidate.immature?.length) {
    lines.push(
      `Meets ${candidate.immature.join(
        ', ',
      )} only through a feature upstream calls alpha or experimental.`,
    );
  }
  if (candidate.beta?.length) {
    lines.push(`Relies on beta features for ${candidate.beta.join(', ')}.`);
  }
  if (!lines.length) return null;
  return (
    <Box component="ul" pl={2.5} my={1} data-testid="pick-caveats">
      {lines.map(line => (
        <Typography key={line} component="li" variant="body2">
          {line}
        </Typography>
      ))}
    </Box>
  );
}
