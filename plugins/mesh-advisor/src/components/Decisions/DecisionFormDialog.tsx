import { useState } from 'react';
import { MarkdownContent } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  Decision,
  MESH_IDS,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { meshAdvisorApiRef } from '../../api/MeshAdvisorApi';
import { serverMessage } from '../../lib/errors';
import { meshName } from '../../lib/meshNames';
import {
  DecisionDraft,
  DecisionDraftErrors,
  validateDecision,
} from './validateDecision';

/** Files a decision about one entity: validated, with a markdown preview. */
export function DecisionFormDialog(props: {
  open: boolean;
  entityRef: string;
  initial: DecisionDraft;
  onClose: () => void;
  onCreated: (decision: Decision) => void;
}) {
  const { open, entityRef, initial, onClose, onCreated } = props;
  const api = useApi(meshAdvisorApiRef);
  const [draft, setDraft] = useState<DecisionDraft>(initial);
  const [errors, setErrors] = useState<DecisionDraftErrors>({});
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | undefined>();

  const update = (patch: Partial<DecisionDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    // Once a field was flagged, re-check as the user fixes it.
    if (Object.keys(errors).length) setErrors(validateDecision(next));
  };

  const submit = async () => {
    const found = validateDecision(draft);
    setErrors(found);
    if (Object.keys(found).length) return;
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      const created = await api.createDecision({
        entityRef,
        chosen: draft.chosen as MeshId,
        title: draft.title.trim(),
        context: draft.context.trim() || undefined,
        rationale: draft.rationale.trim(),
        alternatives: draft.alternatives.filter(a => a !== draft.chosen),
      });
      onCreated(created);
    } catch (e) {
      setSubmitError(serverMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="mesh-decision-form-title"
    >
      <DialogTitle id="mesh-decision-form-title">
        File a mesh decision
      </DialogTitle>
      <DialogContent>
        {submitError && (
          <Box mb={2}>
            <Alert severity="error">{submitError}</Alert>
          </Box>
        )}
        <TextField
          id="mesh-decision-title"
          label="Title"
          required
          fullWidth
          margin="dense"
          value={draft.title}
          onChange={e => update({ title: e.target.value })}
          error={Boolean(errors.title)}
          helperText={errors.title}
        />
        <TextField
          select
          id="mesh-decision-chosen"
          label="Chosen mesh"
          required
          fullWidth
          margin="dense"
          value={draft.chosen}
          onChange={e => update({ chosen: e.target.value as MeshId | '' })}
          error={Boolean(errors.chosen)}
          helperText={errors.chosen}
          SelectProps={{ native: true }}
        >
          <option value="">Choose…</option>
          {MESH_IDS.map(m => (
            <option key={m} value={m}>
              {meshName(m)}
            </option>
          ))}
        </TextField>
        <Box mt={2}>
          <FormLabel component="legend">Alternatives considered</FormLabel>
          <FormGroup row>
            {MESH_IDS.filter(m => m !== draft.chosen).map(m => (
              <FormControlLabel
                key={m}
                label={meshName(m)}
                control={
                  <Checkbox
                    size="small"
                    checked={draft.alternatives.includes(m)}
                    onChange={(_e, checked) =>
                      update({
                        alternatives: checked
                          ? [...draft.alternatives, m]
                          : draft.alternatives.filter(a => a !== m),
                      })
                    }
                  />
                }
              />
            ))}
          </FormGroup>
        </Box>
        <TextField
          id="mesh-decision-context"
          label="Context"
          fullWidth
          multiline
          minRows={3}
          margin="dense"
          value={draft.context}
          onChange={e => update({ context: e.target.value })}
          error={Boolean(errors.context)}
          helperText={errors.context ?? 'The situation and the forces at play.'}
        />
        <Box mt={2}>
          <Tabs
            value={tab}
            onChange={(_e, v) => setTab(v)}
            indicatorColor="primary"
            aria-label="Rationale editor"
          >
            <Tab value="write" label="Write rationale" />
            <Tab value="preview" label="Preview" />
          </Tabs>
          {tab === 'write' ? (
            <TextField
              id="mesh-decision-rationale"
              label="Rationale (markdown)"
              required
              fullWidth
              multiline
              minRows={5}
              margin="dense"
              value={draft.rationale}
              onChange={e => update({ rationale: e.target.value })}
              error={Boolean(errors.rationale)}
              helperText={errors.rationale ?? 'Why this mesh; markdown works.'}
            />
          ) : (
            <Box py={1} data-testid="rationale-preview" minHeight={120}>
              {draft.rationale.trim() ? (
                <MarkdownContent content={draft.rationale} />
              ) : (
                <Typography color="textSecondary">
                  Nothing to preview.
                </Typography>
              )}
              {errors.rationale && (
                <Typography color="error" variant="caption">
                  {errors.rationale}
                </Typography>
              )}
            </Box>
          )}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={submitting}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={submitting}
        >
          {submitting ? 'Filing…' : 'File decision'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
