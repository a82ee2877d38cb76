import { useId, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  CandidateResult,
  PlatformContext,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { scoreParts } from '../../lib/scoreParts';

/** "score 72/100" and, on request, how its parts add up by weight. */
export function ScoreExplainer(props: {
  candidate: CandidateResult;
  platform?: PlatformContext;
}) {
  const { candidate, platform } = props;
  const [open, setOpen] = useState(false);
  const id = useId();
  const parts = scoreParts(candidate.breakdown, platform);
  return (
    <>
      <Typography variant="body2" component="span" color="textSecondary">
        score {candidate.score}/100
      </Typography>
      <Button
        size="small"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(o => !o)}
      >
        {open ? 'Hide score breakdown' : 'How the score adds up'}
      </Button>
      {open && (
        <Box id={id} width="100%" maxWidth={480} mt={1}>
          <Table size="small" aria-label={`${candidate.name} score by part`}>
            <TableBody>
              {parts.map(p => (
                <TableRow key={p.label}>
                  <TableCell component="th" scope="row">
                    {p.label}
                  </TableCell>
                  <TableCell align="right">
                    {p.max ? `${p.points} of ${p.max}` : p.points}
                  </TableCell>
                </TableRow>
              ))}
              <TableRow>
                <TableCell component="th" scope="row">
                  <strong>Score (rounded)</strong>
                </TableCell>
                <TableCell align="right">
                  <strong>{candidate.score}</strong>
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
        </Box>
      )}
    </>
  );
}
