import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { Blocker } from '@mesh-advisor/plugin-mesh-advisor-common';
import { SourceLinks } from '../shared';

const useStyles = makeStyles(theme => ({
  list: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(2.5) },
  message: { color: theme.palette.error.main },
}));

/** Why a candidate is ruled out, each with the fact's sources. */
export function BlockerList(props: { blockers: Blocker[] }) {
  const classes = useStyles();
  return (
    <ul className={classes.list} aria-label="Blockers">
      {props.blockers.map(b => (
        <li key={b.factId + b.message}>
          <Typography variant="body2" className={classes.message}>
            {b.message}
          </Typography>
          <SourceLinks sources={b.sources} />
        </li>
      ))}
    </ul>
  );
}
