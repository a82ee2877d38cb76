import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type {
  ActualState,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { readableTone } from '../shared/tones';
import { DRIFT_LABELS, meshName } from './driftLabels';

const useStyles = makeStyles((theme: Theme) => ({
  columns: {
    display: 'flex',
    gap: theme.spacing(3),
    flexWrap: 'wrap',
    marginBottom: theme.spacing(2),
  },
  column: { minWidth: 140 },
  good: {
    color: readableTone(theme, 'good'),
    borderColor: theme.palette.success.main,
  },
  warn: {
    color: readableTone(theme, 'warn'),
    borderColor: theme.palette.warning.main,
  },
  bad: {
    color: readableTone(theme, 'bad'),
    borderColor: theme.palette.error.main,
  },
  info: {
    color: readableTone(theme, 'info'),
    borderColor: theme.palette.info.main,
  },
  neutral: { color: readableTone(theme, 'neutral') },
}));

function Column(props: { label: string; mesh: MeshId | null; note?: string }) {
  const classes = useStyles();
  return (
    <Box className={classes.column}>
      <Typography variant="overline" component="h4">
        {props.label}
      </Typography>
      <Typography variant="h6" component="p">
        {meshName(props.mesh)}
      </Typography>
      {props.note && (
        <Typography variant="body2" color="textSecondary">
          {props.note}
        </Typography>
      )}
    </Box>
  );
}

/**
 * What a service actually runs, beside what Mesh Advisor recommends and what
 * its team decided: the drift state and why, the share of meshed pods, proxy
 * versions, waypoints, namespace labels and a few pods with the rule that
 * placed each.
 * @public
 */
export function ActualStateCard(props: { actual: ActualState }) {
  const classes = useStyles();
  const { actual } = props;
  const drift = DRIFT_LABELS[actual.drift];
  const share = Math.round(actual.meshedShare * 100);
  return (
    <InfoCard
      title="Actual mesh"
      titleTypographyProps={{ component: 'h3' }}
      subheader={`Observed ${new Date(actual.observedAt).toLocaleString()}${
        actual.stale ? ' — some clusters unreachable; last known state' : ''
      }`}
    >
      <Box display="flex" alignItems="center" mb={2} style={{ gap: 8 }}>
        <Chip
          variant="outlined"
          size="small"
          label={drift.label}
          className={classes[drift.tone]}
          title={drift.help}
        />
        {actual.stale && (
          <Chip
            variant="outlined"
            size="small"
            label="Stale"
            className={classes.warn}
          />
        )}
        <Typography variant="body2">{actual.driftReason}</Typography>
      </Box>
      <Box className={classes.columns}>
        <Column label="Recommended" mesh={actual.recommended} />
        <Column
          label="Decided"
          mesh={actual.decided}
          note={actual.decided ? undefined : 'no accepted decision'}
        />
        <Column
          label="Actual"
          mesh={actual.mesh}
          note={
            actual.pods
              ? `${actual.meshedPods} of ${actual.pods} pods meshed (${share}%)`
              : 'no pods found'
          }
        />
      </Box>
      {(actual.versions.length > 0 ||
        actual.waypoints.length > 0 ||
        actual.namespaceLabels.length > 0 ||
        actual.clusters.length > 0) && (
        <Box mb={2}>
          {actual.clusters.length > 0 && (
            <Typography variant="body2">
              Clusters: {actual.clusters.join(', ')}
            </Typography>
          )}
          {actual.versions.length > 0 && (
            <Typography variant="body2">
              Proxy versions: {actual.versions.join(', ')}
            </Typography>
          )}
          {actual.waypoints.length > 0 && (
            <Typography variant="body2">
              Waypoints: {actual.waypoints.join(', ')}
            </Typography>
          )}
          {actual.namespaceLabels.length > 0 && (
            <Typography variant="body2">
              Namespace labels: {actual.namespaceLabels.join('; ')}
            </Typography>
          )}
        </Box>
      )}
      {actual.evidence.length > 0 && (
        <Table size="small" aria-label="Pods and the evidence for their mesh">
          <TableHead>
            <TableRow>
              <TableCell>Pod</TableCell>
              <TableCell>Mesh</TableCell>
              <TableCell>Evidence</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {actual.evidence.map(p => (
              <TableRow key={`${p.cluster}/${p.namespace}/${p.name}`}>
                <TableCell>
                  {p.cluster} · {p.namespace}/{p.name}
                </TableCell>
                <TableCell>
                  {meshName(p.mesh)}
                  {p.version ? ` ${p.version}` : ''}
                </TableCell>
                <TableCell>
                  {p.evidence.map(e => (
                    <Typography key={e.rule} variant="body2">
                      <code>{e.rule}</code>: {e.detail}
                    </Typography>
                  ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
