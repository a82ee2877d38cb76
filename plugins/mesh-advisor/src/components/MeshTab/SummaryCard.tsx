import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { StoredEvaluation } from '@mesh-advisor/plugin-mesh-advisor-common';
import { CONFIDENCE_DEFINITION } from '../../lib/scoreParts';
import { ConfidenceChip, MeshChip } from '../shared';
import { CostForService } from './CostForService';
import {
  DecisionInForceLine,
  EntityDecisionsState,
} from './DecisionInForceLine';
import { EvaluationMeta } from './EvaluationMeta';
import { PickCaveats } from './PickCaveats';
import { ScoreExplainer } from './ScoreExplainer';
import { TopFlips } from './TopFlips';

function NoRecommendation(props: { evaluation: StoredEvaluation }) {
  const { status } = props.evaluation;
  if (status === 'invalid') {
    return (
      <Alert severity="warning">
        No recommendation until the annotation problems below are fixed.
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

/**
 * The one card a service owner reads: the pick and how sure, what it costs
 * this service against its budget, why, what would change it, and the
 * decision in force. Everything else on the tab is detail.
 */
export function SummaryCard(props: {
  evaluation: StoredEvaluation;
  decisions: EntityDecisionsState;
  onEvaluateNow: () => void;
  /** the entity's metadata.etag as the page has it, to tell whether the advice reflects it */
  entityEtag?: string;
}) {
  const { evaluation, decisions, onEvaluateNow, entityEtag } = props;
  const rec = evaluation.recommendation;
  const pick = rec && evaluation.ranking.find(c => c.mesh === rec.mesh);
  return (
    <InfoCard title="Recommendation" titleTypographyProps={{ component: 'h2' }}>
      {rec ? (
        <>
          <Box display="flex" alignItems="center" flexWrap="wrap" mb={1}>
            <Box mr={1}>
              <MeshChip mesh={rec.mesh} name={rec.name} primary size="medium" />
            </Box>
            <Box mr={1}>
              <ConfidenceChip confidence={rec.confidence} />
            </Box>
            {pick && (
              <ScoreExplainer candidate={pick} platform={evaluation.platform} />
            )}
          </Box>
          <Typography variant="body1" data-testid="recommendation-summary">
            {rec.summary}
          </Typography>
          {pick && <PickCaveats recommendation={rec} candidate={pick} />}
          {pick && (
            <CostForService
              candidate={pick}
              latencyBudgetMs={evaluation.requirements.latencyBudgetMs}
            />
          )}
          <Typography variant="caption" color="textSecondary" component="p">
            {CONFIDENCE_DEFINITION}
          </Typography>
        </>
      ) : (
        <NoRecommendation evaluation={evaluation} />
      )}
      {evaluation.ranking.length > 0 && (
        <TopFlips flips={evaluation.whatWouldChange} />
      )}
      <DecisionInForceLine state={decisions} />
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
      <EvaluationMeta
        evaluation={evaluation}
        onEvaluateNow={onEvaluateNow}
        entityEtag={entityEtag}
      />
    </InfoCard>
  );
}
