import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { useEntityDecisions } from '../../hooks/useDecisions';
import { DecisionStatusChip, MeshChip } from '../shared';

/** What useEntityDecisions returns, shared by the summary and the Decision card. */
export type EntityDecisionsState = ReturnType<typeof useEntityDecisions>;

/** The decision in force, in one line of the summary. */
export function DecisionInForceLine(props: { state: EntityDecisionsState }) {
  const { inForce, loading, error } = props.state;
  let body;
  if (inForce) {
    body = (
      <>
        <Box mr={1} component="span">
          <MeshChip mesh={inForce.chosen} />
        </Box>
        <Box mr={1} component="span">
          <DecisionStatusChip status={inForce.status} />
        </Box>
        <Typography variant="body2" component="span">
          {inForce.title}
        </Typography>
      </>
    );
  } else if (loading) {
    body = (
      <Typography variant="body2" color="textSecondary" component="span">
        Loading…
      </Typography>
    );
  } else if (error) {
    body = (
      <Typography variant="body2" color="textSecondary" component="span">
        Could not load decisions (see the Decision card).
      </Typography>
    );
  } else {
    body = (
      <Typography variant="body2" color="textSecondary" component="span">
        None yet — file one in the Decision card.
      </Typography>
    );
  }
  return (
    <Box mt={1.5} data-testid="summary-decision">
      <Typography variant="subtitle2" component="h3">
        Decision in force
      </Typography>
      <Box display="flex" alignItems="center" flexWrap="wrap">
        {body}
      </Box>
    </Box>
  );
}
