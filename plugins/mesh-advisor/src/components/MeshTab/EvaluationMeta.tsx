import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { StoredEvaluation } from '../../api/types';
import { RelativeTime } from '../shared';

/** When the evaluation was made, with what, and whether it may be stale. */
export function EvaluationMeta(props: {
  evaluation: StoredEvaluation;
  onEvaluateNow: () => void;
}) {
  const { evaluation, onEvaluateNow } = props;
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
      <Typography variant="caption" color="textSecondary" component="p">
        {evaluation.evaluatedAt ? (
          <>
            Evaluated <RelativeTime iso={evaluation.evaluatedAt} />
            {evaluation.live ? ' (on request, not stored yet)' : ''}
          </>
        ) : (
          'Evaluation time unknown'
        )}
        {' · '}engine {evaluation.engineVersion} · knowledge base{' '}
        {evaluation.knowledgeBaseVersion} · call-chain depth{' '}
        {evaluation.callChainDepth}
      </Typography>
    </Box>
  );
}
