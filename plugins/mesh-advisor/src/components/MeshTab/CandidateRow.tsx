import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Collapse from '@material-ui/core/Collapse';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { CandidateResult } from '@mesh-advisor/plugin-mesh-advisor-common';
import { MeshChip, ScoreBar } from '../shared';
import { BlockerList } from './BlockerList';
import { ReasonList } from './ReasonList';

// (Box's borderColor loses to its own border shorthand in MUI v4: the line
// came out in the text colour, black, or white on the dark theme)
const useStyles = makeStyles(theme => ({
  row: { borderBottom: `1px solid ${theme.palette.divider}` },
}));

/** One candidate of the ranking: score bar, blockers, and the reasons. */
export function CandidateRow(props: {
  candidate: CandidateResult;
  recommended: boolean;
}) {
  const { candidate: c, recommended } = props;
  const [open, setOpen] = useState(false);
  const classes = useStyles();
  return (
    <Box
      component="li"
      py={1}
      className={classes.row}
      aria-label={`${c.name}${c.blocked ? ' (blocked)' : ''}`}
    >
      <Box display="flex" alignItems="center" flexWrap="wrap">
        <Box width={200} mr={1}>
          <MeshChip mesh={c.mesh} name={c.name} primary={recommended} />
        </Box>
        <Box flexGrow={1} mr={1}>
          {c.blocked ? (
            <Chip size="small" label="blocked" variant="outlined" />
          ) : (
            <ScoreBar score={c.score} label={c.name} />
          )}
        </Box>
        {/* the name keeps five "Why" buttons apart for screen readers */}
        <Button
          size="small"
          aria-expanded={open}
          aria-label={`${open ? 'Hide why' : 'Why'}: ${c.name}`}
          onClick={() => setOpen(o => !o)}
        >
          {open ? 'Hide why' : 'Why'}
        </Button>
      </Box>
      {c.blocked && (
        <BlockerList candidateName={c.name} blockers={c.blockers} />
      )}
      {(c.partial.length > 0 || c.unverified.length > 0) && (
        <Typography variant="caption" color="textSecondary" component="p">
          {c.partial.length > 0 && `Partly: ${c.partial.join(', ')}. `}
          {c.unverified.length > 0 &&
            `Unverified (no source): ${c.unverified.join(', ')}.`}
        </Typography>
      )}
      <Collapse in={open} unmountOnExit>
        <ReasonList reasons={c.reasons} />
      </Collapse>
    </Box>
  );
}
