import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import CancelIcon from '@material-ui/icons/Cancel';
import { readableTone } from '../shared/tones';

/**
 * One check's result as the Tech Insights backend answers
 * (`CheckResult` of `@backstage-community/plugin-tech-insights-common`,
 * the fields shown here).
 * @public
 */
export type ScorecardCheckResult = {
  check: {
    id: string;
    type: string;
    name: string;
    description: string;
    factIds?: string[];
  };
  facts: Record<string, { value?: unknown; description?: string }>;
  result: unknown;
};

const useStyles = makeStyles((theme: Theme) => ({
  pass: { color: readableTone(theme, 'good') },
  fail: { color: readableTone(theme, 'bad') },
}));

/** Each check passed or failed, with its description. @public */
export function MeshScorecard(props: { results: ScorecardCheckResult[] }) {
  const classes = useStyles();
  const { results } = props;
  if (results.length === 0) {
    return (
      <Typography variant="body2">
        No Mesh Advisor check has a result for this service yet: the Tech
        Insights fact retriever (mesh-advisor) stores facts on its schedule, and
        checks are configured under techInsights.factChecker.checks.
      </Typography>
    );
  }
  const passed = results.filter(r => r.result === true).length;
  return (
    <>
      <Typography variant="body2" data-testid="scorecard-summary">
        {passed} of {results.length} checks passed
      </Typography>
      <List dense aria-label="Mesh Advisor checks">
        {results.map(r => {
          const pass = r.result === true;
          return (
            <ListItem key={r.check.id} data-check={r.check.id}>
              <ListItemIcon>
                {pass ? (
                  <CheckCircleIcon className={classes.pass} aria-hidden />
                ) : (
                  <CancelIcon className={classes.fail} aria-hidden />
                )}
              </ListItemIcon>
              <ListItemText
                primary={
                  <>
                    {r.check.name}{' '}
                    <Typography
                      component="span"
                      variant="body2"
                      className={pass ? classes.pass : classes.fail}
                    >
                      — {pass ? 'passed' : 'failed'}
                    </Typography>
                  </>
                }
                secondary={r.check.description}
              />
            </ListItem>
          );
        })}
      </List>
    </>
  );
}
