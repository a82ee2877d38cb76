import { MarkdownContent } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  Decision,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { meshName } from '../../lib/meshNames';
import { shortRef } from '../../lib/refs';
import { DecisionStatusChip, MeshChip, RelativeTime } from '../shared';

/** A decision: what was chosen, by whom, when, and why. */
export function DecisionSummary(props: {
  decision: Decision;
  recommended?: MeshId;
}) {
  const { decision: d, recommended } = props;
  return (
    <Box>
      <Typography variant="subtitle1" component="h3">
        {d.title}
      </Typography>
      <Box display="flex" alignItems="center" flexWrap="wrap" my={0.5}>
        <Box mr={1}>
          <MeshChip mesh={d.chosen} primary />
        </Box>
        <DecisionStatusChip status={d.status} />
      </Box>
      <Typography variant="caption" color="textSecondary" component="p">
        Filed by {shortRef(d.author)} <RelativeTime iso={d.createdAt} /> ·
        version {d.version}
      </Typography>
      {recommended && recommended !== d.chosen && (
        <Box my={1}>
          <Alert severity="info">
            Differs from the current recommendation ({meshName(recommended)}).
          </Alert>
        </Box>
      )}
      <Box mt={1}>
        <MarkdownContent content={d.rationale} />
      </Box>
    </Box>
  );
}
