import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type {
  CandidateResult,
  Requirements,
} from '@mesh-advisor/plugin-mesh-advisor-common';

const useStyles = makeStyles((theme: Theme) => ({
  comfortable: {
    color: theme.palette.success.main,
    borderColor: theme.palette.success.main,
  },
  stretch: {
    color: theme.palette.warning.main,
    borderColor: theme.palette.warning.main,
  },
  overload: {
    color: theme.palette.error.main,
    borderColor: theme.palette.error.main,
  },
}));

/** Each candidate's operational burden against the team's capacity. */
export function OperationsCard(props: {
  ranking: CandidateResult[];
  requirements: Requirements;
}) {
  const classes = useStyles();
  const { ranking, requirements } = props;
  const capacity = ranking[0]?.operations.capacity ?? 'medium';
  return (
    <InfoCard
      title="Operational burden"
      subheader={`Team ops capacity: ${capacity}${
        requirements.opsCapacity ? '' : ' (not declared; default)'
      }`}
    >
      {ranking.map(c => (
        <Box key={c.mesh} display="flex" alignItems="center" py={0.5}>
          <Box width={180} mr={1}>
            <Typography variant="body2">{c.name}</Typography>
          </Box>
          <Box width={100} mr={1}>
            <LinearProgress
              variant="determinate"
              value={(c.operations.complexity / 5) * 100}
              aria-label={`${c.name} complexity ${c.operations.complexity} of 5`}
            />
          </Box>
          <Typography variant="caption" color="textSecondary">
            {c.operations.complexity}/5
          </Typography>
          <Box ml={1}>
            <Tooltip title={c.operations.note}>
              <Chip
                size="small"
                variant="outlined"
                className={classes[c.operations.fit]}
                label={c.operations.fit}
              />
            </Tooltip>
          </Box>
        </Box>
      ))}
    </InfoCard>
  );
}
