import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type { Reason } from '@mesh-advisor/plugin-mesh-advisor-common';
import { SourceLinks } from '../shared';

const useStyles = makeStyles((theme: Theme) => ({
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
  for: { color: theme.palette.success.main },
  against: { color: theme.palette.error.main },
  neutral: { color: theme.palette.text.secondary },
}));

const MARK = { for: '+', against: '−', neutral: '·' };

/** The sentences behind a candidate's score, each with its sources. */
export function ReasonList(props: { reasons: Reason[] }) {
  const classes = useStyles();
  return (
    <ul className={classes.list}>
      {props.reasons.map(r => (
        <li key={r.factId + r.text}>
          <Typography variant="body2">
            <span className={classes[r.effect]} aria-label={r.effect}>
              {MARK[r.effect]}
            </span>{' '}
            {r.text}
          </Typography>
          <SourceLinks sources={r.sources} max={2} />
        </li>
      ))}
    </ul>
  );
}
