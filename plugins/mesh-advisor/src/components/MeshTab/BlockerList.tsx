import Typography from '@material-ui/core/Typography';
import { lighten, makeStyles } from '@material-ui/core/styles';
import type { Blocker } from '@mesh-advisor/plugin-mesh-advisor-common';
import { groupBlockers } from '../../lib/groupBlockers';
import { SourceLinks } from '../shared';

const useStyles = makeStyles(theme => ({
  list: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(2.5) },
  // error.main is too faint for body text (3.7:1 on white, 2.7:1 on the
  // dark theme's cards); these shades keep it red and readable (≥ 4.5:1).
  message: {
    color:
      theme.palette.type === 'dark'
        ? lighten(theme.palette.error.main, 0.5)
        : theme.palette.error.dark,
  },
}));

/**
 * Why a candidate is ruled out, each with the fact's sources; missing
 * capabilities with the same sources are said once.
 */
export function BlockerList(props: {
  candidateName: string;
  blockers: Blocker[];
}) {
  const classes = useStyles();
  return (
    <ul
      className={classes.list}
      aria-label={`Blockers of ${props.candidateName}`}
    >
      {groupBlockers(props.candidateName, props.blockers).map(b => (
        <li key={b.key}>
          <Typography variant="body2" className={classes.message}>
            {b.message}
          </Typography>
          <SourceLinks sources={b.sources} />
        </li>
      ))}
    </ul>
  );
}
