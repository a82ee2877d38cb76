import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { readableTone } from '../shared/tones';
import type {
  CandidateResult,
  Requirements,
} from '@mesh-advisor/plugin-mesh-advisor-common';

const useStyles = makeStyles((theme: Theme) => ({
  comfortable: {
    color: readableTone(theme, 'good'),
    borderColor: theme.palette.success.main,
  },
  stretch: {
    color: readableTone(theme, 'warn'),
    borderColor: theme.palette.warning.main,
  },
  overload: {
    color: readableTone(theme, 'bad'),
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
      titleTypographyProps={{ component: 'h3' }}
      subheader={`Team ops capacity: ${capacity}${
        requirements.opsCapacity ? '' : ' (not declared; default)'
      }`}
    >
      {ranking.map(c => (
        <Box key={c.mesh} display="flex" alignItems="center" py={0.5}>
          <Box width={180} mr={1}>
            <Typography variant="body2">{c.name}</Typography>
          </Box>
          {/* a number, not a bar: a longer bar read as better, as the score's does */}
          <Typography variant="body2" color="textSecondary">
            {c.operations.complexity === 0
              ? 'nothing to run'
              : `burden ${c.operations.complexity} of 5`}
          </Typography>
          <Box ml={1}>
            <Tooltip title={c.operations.note}>
              <Chip
                size="small"
                variant="outlined"
                className={classes[c.operations.fit]}
                label={
                  c.operations.complexity === 0 ? 'no burden' : c.operations.fit
                }
              />
            </Tooltip>
          </Box>
        </Box>
      ))}
    </InfoCard>
  );
}
