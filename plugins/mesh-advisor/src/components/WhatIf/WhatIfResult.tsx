import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type {
  CandidateResult,
  EvaluationResult,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { BlockerList } from '../MeshTab/BlockerList';
import { CostForService } from '../MeshTab/CostForService';
import { MeshChip } from '../shared';
import { announcement, candidateChanges, topOf } from './whatIfChanges';

function ChangeLine(props: {
  change: ReturnType<typeof candidateChanges>[number];
}) {
  const { candidate: c, kind, before, after } = props.change;
  if (kind === 'now-blocked') {
    return (
      <>
        <Typography variant="body2">
          <strong>{c.name}</strong>: now blocked (was {before})
        </Typography>
        <BlockerList candidateName={c.name} blockers={c.blockers} />
      </>
    );
  }
  if (kind === 'unblocked') {
    return (
      <Typography variant="body2">
        <strong>{c.name}</strong>: no longer blocked, score {after}
      </Typography>
    );
  }
  const delta = after - before;
  return (
    <Typography variant="body2">
      <strong>{c.name}</strong>: {before} → {after} ({delta > 0 ? '+' : ''}
      {delta})
    </Typography>
  );
}

/**
 * The what-if result against the current advice: the top pick, what it
 * would cost, and only the candidates that moved. Announced politely to
 * screen readers after each edit.
 */
export function WhatIfResult(props: {
  result: EvaluationResult;
  current: CandidateResult[];
  latencyBudgetMs?: number;
}) {
  const { result, current, latencyBudgetMs } = props;
  const top = topOf(result);
  const currentTop = current.find(c => !c.blocked);
  const changes = candidateChanges(current, result.ranking);
  const moved = Boolean(currentTop && top && currentTop.mesh !== top.mesh);
  return (
    <Box>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        mb={1}
        data-testid="what-if-top"
        data-mesh={result.recommendation?.mesh ?? top?.mesh ?? ''}
      >
        <Typography variant="subtitle1" component="span">
          Top pick:&nbsp;
        </Typography>
        {top ? (
          <MeshChip mesh={top.mesh} name={top.name} primary size="medium" />
        ) : (
          <Typography component="span">none meets every requirement</Typography>
        )}
        <Box ml={1}>
          <Chip
            size="small"
            variant="outlined"
            label={
              moved
                ? `changed from ${currentTop!.name}`
                : 'same as the current advice'
            }
          />
        </Box>
      </Box>
      <Typography
        variant="srOnly"
        aria-live="polite"
        data-testid="what-if-announcement"
      >
        {announcement(top, currentTop?.name, changes)}
      </Typography>
      {result.recommendation && (
        <Typography variant="body2">{result.recommendation.summary}</Typography>
      )}
      {top && (
        <CostForService candidate={top} latencyBudgetMs={latencyBudgetMs} />
      )}
      <Typography variant="subtitle2" component="h3">
        Changed against the current advice
      </Typography>
      {changes.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          Nothing: every candidate scores as it does now.
        </Typography>
      ) : (
        <Box
          component="ul"
          pl={0}
          m={0}
          style={{ listStyle: 'none' }}
          data-testid="what-if-changes"
        >
          {changes.map(ch => (
            <Box component="li" key={ch.candidate.mesh} py={0.25}>
              <ChangeLine change={ch} />
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
