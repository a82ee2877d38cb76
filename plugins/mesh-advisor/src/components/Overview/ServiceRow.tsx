import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { readableTone } from '../shared/tones';
import type {
  ActualState,
  EvaluationRow,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { ActualCell } from './CoverageCard';
import { shortRef } from '../../lib/refs';
import {
  ConfidenceChip,
  DecisionStatusChip,
  EvaluationStatusChip,
  MeshChip,
  RelativeTime,
} from '../shared';

const useStyles = makeStyles(theme => ({
  // error.main is 3.7:1 on white: too faint for caption text
  bad: { color: readableTone(theme, 'bad') },
}));

/** One service of the overview table. */
export function ServiceRow(props: {
  row: EvaluationRow;
  meshTabLink: string;
  /** columns the user hid */
  hidden?: string[];
  /** what the service actually runs, when the clusters were read */
  actual?: ActualState;
}) {
  const { row: r, meshTabLink, hidden = [] } = props;
  const show = (key: string) => !hidden.includes(key);
  const classes = useStyles();
  const differs =
    r.decision?.status === 'accepted' &&
    r.decision.chosen !== r.recommendedMesh;
  return (
    <TableRow hover>
      {show('service') && (
        <TableCell data-col="service">
          {/* the name, which the column sorts by; the title beneath when it differs */}
          <Link to={meshTabLink}>{r.name}</Link>
          {r.title && r.title !== r.name && (
            <Typography variant="caption" color="textSecondary" component="div">
              {r.title}
            </Typography>
          )}
        </TableCell>
      )}
      {show('owner') && (
        <TableCell data-col="owner">{shortRef(r.owner)}</TableCell>
      )}
      {show('system') && (
        <TableCell data-col="system">{shortRef(r.system)}</TableCell>
      )}
      {show('recommendation') && (
        <TableCell data-col="recommendation">
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
      )}
      {show('score') && (
        <TableCell data-col="score" align="right">
          {r.score ?? '—'}
        </TableCell>
      )}
      {show('status') && (
        <TableCell data-col="status">
          <EvaluationStatusChip status={r.status} />
          {r.issueCount > 0 && (
            <Typography
              variant="caption"
              className={classes.bad}
              component="div"
            >
              {r.issueCount} issue{r.issueCount === 1 ? '' : 's'}
            </Typography>
          )}
        </TableCell>
      )}
      {show('decision') && (
        <TableCell data-col="decision">
          {r.decision ? (
            <Box display="flex" alignItems="center" flexWrap="wrap">
              <Box mr={0.5}>
                <DecisionStatusChip status={r.decision.status} />
              </Box>
              <MeshChip mesh={r.decision.chosen} />
              {differs && (
                <Typography
                  variant="caption"
                  className={classes.bad}
                  component="div"
                >
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
      )}
      {show('evaluated') && (
        <TableCell data-col="evaluated">
          <RelativeTime iso={r.evaluatedAt} />
          {r.stale && (
            <Box ml={0.5} component="span">
              <Chip size="small" label="stale" variant="outlined" />
            </Box>
          )}
        </TableCell>
      )}
      {show('actual') && (
        <TableCell data-col="actual">
          <ActualCell actual={props.actual} />
        </TableCell>
      )}
    </TableRow>
  );
}
