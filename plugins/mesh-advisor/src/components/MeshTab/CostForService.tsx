import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { CandidateResult } from '@mesh-advisor/plugin-mesh-advisor-common';
import { readableTone } from '../shared/tones';
import { figure, memory, plural } from './formatFigures';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))',
    gap: theme.spacing(1, 2),
    margin: theme.spacing(1.5, 0),
  },
  term: { color: theme.palette.text.secondary, fontSize: '0.8125rem' },
  value: { margin: 0, fontSize: '1.125rem', fontWeight: 500 },
  within: { color: readableTone(theme, 'good') },
  over: { color: readableTone(theme, 'bad') },
}));

/** The added p99 per hop against the service's declared budget. */
export function budgetVerdict(
  p99PerHopMs: number | null,
  budgetMs: number | undefined,
): { text: string; tone: 'within' | 'over' | 'none' } {
  if (budgetMs === undefined)
    return { text: 'no budget declared', tone: 'none' };
  if (p99PerHopMs === null) {
    return {
      text: `budget ${budgetMs} ms; no figure to compare`,
      tone: 'none',
    };
  }
  return p99PerHopMs <= budgetMs
    ? { text: `within the ${budgetMs} ms budget`, tone: 'within' }
    : { text: `over the ${budgetMs} ms budget`, tone: 'over' };
}

/** "0.6–1.2 ms, measured": the range the sources leave a figure in. */
export function rangeNote(
  range: { low: number; high: number } | null | undefined,
  basis?: 'measured' | 'estimated' | null,
): string | undefined {
  // (optional: evaluations stored by an older engine have neither)
  const parts: string[] = [];
  if (range && range.low !== range.high) {
    parts.push(
      `${Number(range.low.toFixed(2))}–${Number(range.high.toFixed(2))} ms`,
    );
  }
  if (basis) parts.push(basis);
  return parts.length ? parts.join(', ') : undefined;
}

/**
 * What the pick costs this service: memory for its replicas, CPU at its
 * traffic, and added p99 against the latency budget it declared.
 */
export function CostForService(props: {
  candidate: CandidateResult;
  latencyBudgetMs?: number;
}) {
  const { candidate, latencyBudgetMs } = props;
  const classes = useStyles();
  const o = candidate.overhead;
  const verdict = budgetVerdict(o.p99PerHopMs, latencyBudgetMs);
  return (
    <Box
      component="dl"
      className={classes.list}
      data-testid="recommendation-cost"
    >
      <div>
        <dt className={classes.term}>
          Memory, {plural(o.replicas, 'replica')}
        </dt>
        <dd className={classes.value}>{memory(o.memoryMiB)}</dd>
      </div>
      <div>
        <dt className={classes.term}>
          CPU{o.rps !== null ? ` at ${o.rps} rps` : ''}
        </dt>
        <dd className={classes.value}>{figure(o.cpuVcpu, 'vCPU', 3)}</dd>
      </div>
      <div>
        <dt className={classes.term}>Added p99 per hop</dt>
        <dd className={classes.value}>
          {figure(o.p99PerHopMs, 'ms')}
          {rangeNote(o.p99PerHopRange, o.p99Basis) && (
            <Typography
              component="span"
              variant="body2"
              className={classes.term}
            >
              {' '}
              ({rangeNote(o.p99PerHopRange, o.p99Basis)})
            </Typography>
          )}
          <Typography
            component="span"
            variant="body2"
            display="block"
            className={
              verdict.tone === 'none' ? classes.term : classes[verdict.tone]
            }
            data-testid="latency-budget"
          >
            {verdict.tone === 'within' && '✓ '}
            {verdict.tone === 'over' && '✗ '}
            {verdict.text}
          </Typography>
        </dd>
      </div>
      <div>
        <dt className={classes.term}>
          Along the call chain (depth {o.callChainDepth})
        </dt>
        <dd className={classes.value}>
          {figure(o.p99ChainMs, 'ms')}
          {rangeNote(o.p99ChainRange) && (
            <Typography
              component="span"
              variant="body2"
              className={classes.term}
            >
              {' '}
              ({rangeNote(o.p99ChainRange)})
            </Typography>
          )}
        </dd>
      </div>
    </Box>
  );
}
