import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { StoredEvaluation } from '../../api/types';
import { ConfidenceChip, MeshChip } from '../shared';
import { EvaluationMeta } from './EvaluationMeta';

function NoRecommendation(props: { evaluation: StoredEvaluation }) {
  const { status } = props.evaluation;
  if (status === 'invalid') {
    return (
      <Alert severity="warning">
        No recommendation until the annotation problems below are fixed. The
        ranking uses only the valid values.
      </Alert>
    );
  }
  if (status === 'excluded') {
    return (
      <Alert severity="info">
        This service opted out with <code>mesh-advisor.io/exclude: "true"</code>
        .
      </Alert>
    );
  }
  if (status === 'not-applicable') {
    return (
      <Alert severity="info">
        Only Components of type service are evaluated.
      </Alert>
    );
  }
  return (
    <Alert severity="warning">
      No candidate meets every hard requirement; see what would change it.
    </Alert>
  );
}

/** The pick, how sure, and the one-sentence why. */
export function RecommendationCard(props: {
  evaluation: StoredEvaluation;
  onEvaluateNow: () => void;
}) {
  const { evaluation, onEvaluateNow } = props;
  const rec = evaluation.recommendation;
  return (
    <InfoCard title="Recommendation">
      {rec ? (
        <>
          <Box display="flex" alignItems="center" flexWrap="wrap" mb={1}>
            <Box mr={1}>
              <MeshChip mesh={rec.mesh} name={rec.name} primary size="medium" />
            </Box>
            <Box mr={1}>
              <ConfidenceChip confidence={rec.confidence} />
            </Box>
            <Typography variant="body2" color="textSecondary">
              score {rec.score}/100
            </Typography>
          </Box>
          <Typography variant="body1" data-testid="recommendation-summary">
            {rec.summary}
          </Typography>
        </>
      ) : (
        <NoRecommendation evaluation={evaluation} />
      )}
      {evaluation.notes.length > 0 && (
        <Box component="ul" pl={2} mt={1} mb={0}>
          {evaluation.notes.map(note => (
            <Typography
              key={note}
              component="li"
              variant="body2"
              color="textSecondary"
            >
              {note}
            </Typography>
          ))}
        </Box>
      )}
      <EvaluationMeta evaluation={evaluation} onEvaluateNow={onEvaluateNow} />
    </InfoCard>
  );
}
