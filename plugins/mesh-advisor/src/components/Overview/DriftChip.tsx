import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type {
  ActualState,
  DriftState,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { DRIFT_LABELS } from '../ActualState';
import { MeshChip } from '../shared';
import { useCoverageStyles } from './coverageStyles';

/** A drift state as a chip in its tone. */
export function DriftChip(props: { drift: DriftState }) {
  const classes = useCoverageStyles();
  const d = DRIFT_LABELS[props.drift];
  return (
    <Chip
      size="small"
      variant="outlined"
      label={d.label}
      title={d.help}
      className={classes[d.tone]}
      data-drift={props.drift}
    />
  );
}

/** The actual mesh of a row of the services table, with its drift state. */
export function ActualCell(props: { actual?: ActualState }) {
  const { actual } = props;
  if (!actual) {
    return (
      <Typography variant="body2" color="textSecondary">
        —
      </Typography>
    );
  }
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 4 }}>
      {actual.mesh ? <MeshChip mesh={actual.mesh} /> : null}
      <DriftChip drift={actual.drift} />
    </Box>
  );
}
