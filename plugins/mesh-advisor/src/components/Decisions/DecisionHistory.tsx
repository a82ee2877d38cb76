import { Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useDecision } from '../../hooks/useDecisions';
import { shortRef } from '../../lib/refs';
import { ErrorWithRetry, RelativeTime } from '../shared';

const VERB = {
  created: 'Proposed',
  accepted: 'Accepted',
  rejected: 'Rejected',
  superseded: 'Superseded',
};

/** The decision's events, oldest first. */
export function DecisionHistory(props: {
  decisionId: string;
  version: number;
}) {
  const { value, loading, error, retry } = useDecision(
    props.decisionId,
    props.version,
  );
  if (loading && !value) return <Progress />;
  if (error) {
    return <ErrorWithRetry error={error} what="the history" onRetry={retry} />;
  }
  if (!value) return null;
  return (
    <Box component="ol" pl={2.5} m={0} aria-label="Decision history">
      {value.events.map(e => (
        <Typography
          component="li"
          variant="body2"
          key={`${e.version}-${e.type}`}
        >
          {VERB[e.type]} by {shortRef(e.actor)} <RelativeTime iso={e.at} />{' '}
          (version {e.version}){e.note ? `: ${e.note}` : ''}
        </Typography>
      ))}
    </Box>
  );
}
