import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { StoredEvaluation } from '@mesh-advisor/plugin-mesh-advisor-common';
import { RelativeTime } from '../shared';

/**
 * Whether the advice reflects the entity as the catalog has it: the
 * evaluation records the entity's etag it was computed from.
 */
export function freshnessOf(
  evaluation: StoredEvaluation,
  entityEtag: string | undefined,
): 'up-to-date' | 'pending' | 'unknown' {
  if (!evaluation.catalogVersion || !entityEtag) return 'unknown';
  return evaluation.catalogVersion === entityEtag ? 'up-to-date' : 'pending';
}

/** When the evaluation was made, with what, and whether it may be stale. */
export function EvaluationMeta(props: {
  evaluation: StoredEvaluation;
  onEvaluateNow: () => void;
  entityEtag?: string;
}) {
  const { evaluation, onEvaluateNow, entityEtag } = props;
  const freshness = freshnessOf(evaluation, entityEtag);
  return (
    <Box mt={2}>
      {evaluation.stale && (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" onClick={onEvaluateNow}>
              Evaluate now
            </Button>
          }
        >
          This evaluation may be stale: the last sweep could not read the
          catalog, so changes since then are not reflected.
        </Alert>
      )}
      {freshness === 'pending' && (
        <Box mb={1}>
          <Alert
            severity="info"
            data-testid="evaluation-freshness"
            action={
              <Button color="inherit" size="small" onClick={onEvaluateNow}>
                Evaluate now
              </Button>
            }
          >
            Your latest catalog change is being evaluated: this advice was
            computed from an earlier version of the entity (catalog version{' '}
            <code>{evaluation.catalogVersion}</code>, the entity is now at{' '}
            <code>{entityEtag}</code>). It is re-evaluated within seconds of the
            catalog processing the change; reload to see it.
          </Alert>
        </Box>
      )}
      <Typography variant="caption" color="textSecondary" component="p">
        {evaluation.evaluatedAt ? (
          <>
            Evaluated <RelativeTime iso={evaluation.evaluatedAt} />
            {evaluation.live ? ' (on request, not stored yet)' : ''}
          </>
        ) : (
          'Evaluation time unknown'
        )}
        {freshness === 'up-to-date' && (
          <span data-testid="evaluation-freshness">
            {' · '}up to date with the entity's latest catalog version
          </span>
        )}
        {' · '}engine {evaluation.engineVersion} · knowledge base{' '}
        {evaluation.knowledgeBaseVersion} · call-chain depth{' '}
        {evaluation.callChainDepth}
      </Typography>
    </Box>
  );
}
