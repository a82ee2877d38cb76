import { InfoCard } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  KnowledgeBase,
  OPS_CAPACITIES,
  OpsCapacity,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { StoredEvaluation } from '../../api/types';
import { useWhatIf } from '../../hooks/useWhatIf';
import { AnnotationSnippet } from './AnnotationSnippet';
import { CapabilityToggles } from './CapabilityToggles';
import { NumberField } from './NumberField';
import { WhatIfResult } from './WhatIfResult';

/**
 * Edit the requirements and watch the ranking move: the same engine as the
 * backend runs in the browser, with the stored evaluation's platform.
 */
export function WhatIfPanel(props: {
  entity: Entity;
  evaluation: StoredEvaluation;
  knowledgeBase: KnowledgeBase;
}) {
  const { entity, evaluation, knowledgeBase } = props;
  const w = useWhatIf(entity, evaluation, knowledgeBase);
  const currentTop =
    evaluation.recommendation?.mesh ??
    evaluation.ranking.find(c => !c.blocked)?.mesh;
  return (
    <InfoCard
      title="What if"
      subheader="Starts from this service's annotations. Nothing is saved: copy the annotations into catalog-info.yaml to make a change real."
    >
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <CapabilityToggles
            requirements={w.requirements}
            knowledgeBase={knowledgeBase}
            onChange={w.setCapability}
          />
          <Box mt={2}>
            <NumberField
              label="Latency budget (ms p99 per hop)"
              value={w.requirements.latencyBudgetMs}
              onChange={w.setLatencyBudget}
              validate={n => (n > 0 ? undefined : 'Must be greater than 0')}
              helperText="Empty: no budget"
            />
            <NumberField
              label="Replicas"
              value={w.requirements.replicas}
              onChange={w.setReplicas}
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
              label="Team ops capacity"
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
              inputProps={{ 'aria-label': 'Team ops capacity' }}
            >
              <option value="">not declared (medium)</option>
              {OPS_CAPACITIES.map(c => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </TextField>
          </Box>
          <Box mt={1}>
            <Button size="small" onClick={w.reset} disabled={!w.changed}>
              Reset to current annotations
            </Button>
          </Box>
        </Grid>
        <Grid item xs={12} md={6}>
          <WhatIfResult result={w.result} currentTop={currentTop} />
          <Box mt={2}>
            <Typography variant="subtitle2" gutterBottom>
              Annotations for catalog-info.yaml
            </Typography>
            <AnnotationSnippet yaml={w.yaml} />
          </Box>
        </Grid>
      </Grid>
    </InfoCard>
  );
}
