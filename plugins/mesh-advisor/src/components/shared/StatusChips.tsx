import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type {
  DecisionStatus,
  EvaluationStatus,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { readableTone } from './tones';

const useStyles = makeStyles((theme: Theme) => ({
  good: {
    color: readableTone(theme, 'good'),
    borderColor: theme.palette.success.main,
  },
  pending: {
    color: readableTone(theme, 'info'),
    borderColor: theme.palette.info.main,
  },
  bad: {
    color: readableTone(theme, 'bad'),
    borderColor: theme.palette.error.main,
  },
  neutral: {
    color: theme.palette.text.secondary,
    borderColor: theme.palette.text.secondary,
  },
}));

const DECISION_TONE = {
  accepted: 'good',
  proposed: 'pending',
  rejected: 'bad',
  superseded: 'neutral',
} as const;

/** proposed · accepted · rejected · superseded. */
export function DecisionStatusChip(props: { status: DecisionStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes[DECISION_TONE[props.status]]}
      label={props.status}
    />
  );
}

const EVALUATION_TONE = {
  evaluated: 'good',
  invalid: 'bad',
  excluded: 'neutral',
  'not-applicable': 'neutral',
} as const;

/** evaluated · invalid · excluded · not-applicable. */
export function EvaluationStatusChip(props: { status: EvaluationStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes[EVALUATION_TONE[props.status]]}
      label={props.status}
    />
  );
}
