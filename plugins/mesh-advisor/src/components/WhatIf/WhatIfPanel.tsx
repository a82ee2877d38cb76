import type { Entity } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  KnowledgeBase,
  OPS_CAPACITIES,
  OpsCapacity,
  StoredEvaluation,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { useWhatIf } from '../../hooks/useWhatIf';
import { AnnotationSnippet } from './AnnotationSnippet';
import { CapabilityToggles } from './CapabilityToggles';
import { NumberField } from './NumberField';
import { WhatIfResult } from './WhatIfResult';

const useStyles = makeStyles(theme => ({
  // the result stays in view beside the list being edited
  result: {
    position: 'sticky',
    top: theme.spacing(2),
    padding: theme.spacing(2),
    maxHeight: `calc(100vh - ${theme.spacing(4)}px)`,
    overflowY: 'auto',
  },
}));

/**
 * Edit the requirements and watch the pick move: the same engine as the
 * backend runs in the browser, with the stored evaluation's platform.
 */
export function WhatIfPanel(props: {
  entity: Entity;
  evaluation: StoredEvaluation;
  knowledgeBase: KnowledgeBase;
}) {
  const { entity, evaluation, knowledgeBase } = props;
  const classes = useStyles();
  const w = useWhatIf(entity, evaluation, knowledgeBase);
  const waiting = w.invalid.latencyBudgetMs || w.invalid.replicas;
  return (
    <Grid container spacing={3} data-testid="what-if">
      <Grid item xs={12} md={7}>
        <Typography variant="body2" color="textSecondary" paragraph>
          Starts from this service's annotations. Nothing is saved: copy the
          annotations into catalog-info.yaml to make a change real. The URL
          keeps your edits, so you can share them.
        </Typography>
        <CapabilityToggles
          requirements={w.requirements}
          initial={w.initial}
          knowledgeBase={knowledgeBase}
          onChange={w.setCapability}
        />
        <Box mt={2}>
          <NumberField
            label="Latency budget (ms p99 per hop)"
            value={w.requirements.latencyBudgetMs}
            onChange={w.setLatencyBudget}
            onInvalidChange={invalid =>
              w.setFieldInvalid('latencyBudgetMs', invalid)
            }
            edited={
              w.requirements.latencyBudgetMs !== w.initial.latencyBudgetMs
            }
            validate={n => (n > 0 ? undefined : 'Must be greater than 0')}
            helperText="Empty: no budget"
          />
          <NumberField
            label="Replicas"
            value={w.requirements.replicas}
            onChange={w.setReplicas}
            onInvalidChange={invalid => w.setFieldInvalid('replicas', invalid)}
            edited={w.requirements.replicas !== w.initial.replicas}
            validate={n =>
              Number.isInteger(n) && n >= 0
                ? undefined
                : 'A whole number, 0 or more'
            }
            helperText="Empty: 1 assumed"
          />
          <TextField
            select
            id="mesh-what-if-ops-capacity"
            label={
              w.requirements.opsCapacity !== w.initial.opsCapacity
                ? 'Team ops capacity (edited)'
                : 'Team ops capacity'
            }
            value={w.requirements.opsCapacity ?? ''}
            onChange={e =>
              w.setOpsCapacity(
                e.target.value ? (e.target.value as OpsCapacity) : undefined,
              )
            }
            size="small"
            variant="outlined"
            margin="dense"
            fullWidth
            SelectProps={{ native: true }}
          >
            <option value="">not declared (medium)</option>
            {OPS_CAPACITIES.map(c => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </TextField>
        </Box>
      </Grid>
      <Grid item xs={12} md={5}>
        <Paper variant="outlined" className={classes.result}>
          <Box display="flex" justifyContent="flex-end" mb={1}>
            <Button size="small" onClick={w.reset} disabled={!w.changed}>
              Reset to current annotations
            </Button>
          </Box>
          <WhatIfResult
            result={w.result}
            current={evaluation.ranking}
            latencyBudgetMs={w.requirements.latencyBudgetMs}
          />
          <Box mt={2}>
            <Typography variant="subtitle2" component="h3" gutterBottom>
              Annotations for catalog-info.yaml
            </Typography>
            {waiting ? (
              <Alert severity="warning">
                Fix the number marked in red: the annotations wait for a valid
                value.
              </Alert>
            ) : (
              <AnnotationSnippet yaml={w.yaml} />
            )}
          </Box>
        </Paper>
      </Grid>
    </Grid>
  );
}
