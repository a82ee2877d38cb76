import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';

/** A 0–100 score as a bar with its number. */
export function ScoreBar(props: {
  score: number;
  label: string;
  muted?: boolean;
}) {
  const { score, label, muted } = props;
  return (
    <Box display="flex" alignItems="center" minWidth={160}>
      <Box flexGrow={1} mr={1}>
        <LinearProgress
          variant="determinate"
          value={Math.max(0, Math.min(100, score))}
          color={muted ? 'secondary' : 'primary'}
          aria-label={`${label} score`}
        />
      </Box>
      <Typography variant="body2" component="span">
        {score}
      </Typography>
    </Box>
  );
}
