import { CopyTextButton, InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import type { ValidationIssue } from '@mesh-advisor/plugin-mesh-advisor-common';
import { correctedAnnotationLine } from '../../lib/issueFix';

const useStyles = makeStyles(theme => ({
  fix: {
    display: 'flex',
    alignItems: 'center',
    marginTop: theme.spacing(0.5),
    '& code': {
      backgroundColor: theme.palette.action.hover,
      padding: theme.spacing(0.25, 0.75),
      borderRadius: theme.shape.borderRadius,
    },
  },
}));

/** The annotations' problems, each with the exact line that fixes it. */
export function ValidationIssuesCard(props: {
  issues: ValidationIssue[];
  annotations: Record<string, string> | undefined;
}) {
  const classes = useStyles();
  const { issues, annotations } = props;
  return (
    <InfoCard
      title="Annotation problems"
      titleTypographyProps={{ component: 'h2' }}
    >
      {issues.map(issue => {
        const fix = correctedAnnotationLine(issue, issues, annotations);
        return (
          <Box key={`${issue.annotation}:${issue.value}`} mb={1.5}>
            <Alert severity="error">
              <Typography variant="body2">{issue.message}</Typography>
              {fix ? (
                <div className={classes.fix}>
                  <Typography variant="body2" component="span">
                    Fix:&nbsp;
                  </Typography>
                  <code data-testid="issue-fix">{fix}</code>
                  <CopyTextButton text={fix} tooltipText="Fix copied" />
                </div>
              ) : (
                issue.allowed && (
                  <Typography variant="caption" component="p">
                    Allowed: {issue.allowed.join(', ')}
                  </Typography>
                )
              )}
            </Alert>
          </Box>
        );
      })}
    </InfoCard>
  );
}
