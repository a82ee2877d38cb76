import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { EvaluationRow } from '../../api/types';
import {
  ConfidenceChip,
  DecisionStatusChip,
  EvaluationStatusChip,
  MeshChip,
  RelativeTime,
} from '../shared';

/** group:default/team-a → team-a (the namespace only when not default). */
export function shortRef(ref: string | null | undefined): string {
  if (!ref) return '—';
  return ref.replace(/^[^:]+:/, '').replace(/^default\//, '');
}

/**
 * component:default/payments-api, allowed to wrap after the slash rather
 * than anywhere in the name.
 */
function breakableRef(ref: string) {
  const slash = ref.lastIndexOf('/');
  if (slash < 0) return ref;
  return (
    <>
      {ref.slice(0, slash + 1)}
      <wbr />
      {ref.slice(slash + 1)}
    </>
  );
}

/** One service of the overview table. */
export function ServiceRow(props: { row: EvaluationRow; meshTabLink: string }) {
  const { row: r, meshTabLink } = props;
  const differs =
    r.decision?.status === 'accepted' &&
    r.decision.chosen !== r.recommendedMesh;
  return (
    <TableRow hover>
      <TableCell>
        <Link to={meshTabLink}>{r.title || r.name}</Link>
        <Typography variant="caption" color="textSecondary" component="div">
          {breakableRef(r.entityRef)}
        </Typography>
      </TableCell>
      <TableCell>{shortRef(r.owner)}</TableCell>
      <TableCell>{shortRef(r.system)}</TableCell>
      <TableCell>
        {r.recommendedMesh ? (
          // one line: rows stay short, the table has room for it
          <Box display="flex" alignItems="center" flexWrap="nowrap">
            <Box mr={0.5}>
              <MeshChip mesh={r.recommendedMesh} />
            </Box>
            {r.confidence && <ConfidenceChip confidence={r.confidence} />}
          </Box>
        ) : (
          '—'
        )}
      </TableCell>
      <TableCell align="right">{r.score ?? '—'}</TableCell>
      <TableCell>
        <EvaluationStatusChip status={r.status} />
        {r.issueCount > 0 && (
          <Typography variant="caption" color="error" component="div">
            {r.issueCount} issue{r.issueCount === 1 ? '' : 's'}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {r.decision ? (
          <Box display="flex" alignItems="center" flexWrap="wrap">
            <Box mr={0.5}>
              <DecisionStatusChip status={r.decision.status} />
            </Box>
            <MeshChip mesh={r.decision.chosen} />
            {differs && (
              <Typography variant="caption" color="error" component="div">
                differs
              </Typography>
            )}
          </Box>
        ) : (
          <Typography variant="body2" color="textSecondary">
            none
          </Typography>
        )}
      </TableCell>
      <TableCell>
        <RelativeTime iso={r.evaluatedAt} />
        {r.stale && (
          <Box ml={0.5} component="span">
            <Chip size="small" label="stale" variant="outlined" />
          </Box>
        )}
      </TableCell>
    </TableRow>
  );
}
