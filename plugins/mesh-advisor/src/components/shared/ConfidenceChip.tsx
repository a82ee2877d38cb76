import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type { Confidence } from '@mesh-advisor/plugin-mesh-advisor-common';
import { readableTone } from './tones';

const useStyles = makeStyles((theme: Theme) => ({
  high: {
    color: readableTone(theme, 'good'),
    borderColor: theme.palette.success.main,
  },
  medium: {
    color: readableTone(theme, 'warn'),
    borderColor: theme.palette.warning.main,
  },
  low: {
    color: theme.palette.text.secondary,
    borderColor: theme.palette.text.secondary,
  },
}));

/** How sure the engine is of its pick. @public */
export function ConfidenceChip(props: { confidence: Confidence }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes[props.confidence]}
      label={`${props.confidence} confidence`}
    />
  );
}
