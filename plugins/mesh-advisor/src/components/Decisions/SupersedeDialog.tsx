import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import type { Decision } from '@mesh-advisor/plugin-mesh-advisor-common';
import { meshName } from '../../lib/meshNames';

/** Picks the newer decision that supersedes an accepted one. */
export function SupersedeDialog(props: {
  open: boolean;
  decision: Decision;
  candidates: Decision[];
  busy: boolean;
  onClose: () => void;
  onConfirm: (supersededBy: string, note: string | undefined) => void;
}) {
  const { open, decision, candidates, busy, onClose, onConfirm } = props;
  const [newer, setNewer] = useState(candidates[0]?.id ?? '');
  const [note, setNote] = useState('');
  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="mesh-supersede-title"
    >
      <DialogTitle id="mesh-supersede-title">
        Supersede “{decision.title}”
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          Pick the newer decision that replaces this one. Only proposed or
          accepted decisions about the same service, filed after it, qualify.
        </DialogContentText>
        <TextField
          select
          id="mesh-supersede-by"
          label="Superseded by"
          fullWidth
          margin="dense"
          value={newer}
          onChange={e => setNewer(e.target.value)}
          SelectProps={{ native: true }}
        >
          {candidates.map(d => (
            <option key={d.id} value={d.id}>
              {d.title} — {meshName(d.chosen)} ({d.status})
            </option>
          ))}
        </TextField>
        <TextField
          id="mesh-supersede-note"
          label="Note (optional)"
          fullWidth
          margin="dense"
          value={note}
          onChange={e => setNote(e.target.value)}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!newer || busy}
          onClick={() => onConfirm(newer, note.trim() || undefined)}
        >
          Supersede
        </Button>
      </DialogActions>
    </Dialog>
  );
}
