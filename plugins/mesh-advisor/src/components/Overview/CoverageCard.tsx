import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  DRIFT_STATES,
  DriftState,
  LiveClusters,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { useSearchParams } from 'react-router-dom';
import { relativeTime } from '../../lib/relativeTime';
import { DRIFT_LABELS } from '../ActualState';
import { coverageCounts } from './coverageCounts';
import { percent } from './coverageStyles';
import { CoverageTable } from './CoverageTable';
import { DriftServices } from './DriftServices';

export { ActualCell, DriftChip } from './DriftChip';

/** The drift state picked in the URL (`?drift=`), and a way to pick one. */
function useDriftParam() {
  const [params, setParams] = useSearchParams();
  const selectedRaw = params.get('drift');
  const selected = (DRIFT_STATES as readonly string[]).includes(
    selectedRaw ?? '',
  )
    ? (selectedRaw as DriftState)
    : undefined;
  const select = (drift: DriftState | undefined) =>
    setParams(
      prev => {
        const next = new URLSearchParams(prev);
        if (drift) next.set('drift', drift);
        else next.delete('drift');
        return next;
      },
      { replace: true },
    );
  return { selected, select };
}

/** One button per drift state with its count; the picked one lists its services. */
function DriftFilter(props: { drift: Record<string, number> }) {
  const { selected, select } = useDriftParam();
  return (
    <Box mt={2}>
      <Typography variant="subtitle2" component="h3" id="drift-filter-label">
        Drift: pick a state to list its services
      </Typography>
      <Box
        display="flex"
        flexWrap="wrap"
        role="group"
        aria-labelledby="drift-filter-label"
        style={{ gap: 8 }}
        mt={1}
      >
        {DRIFT_STATES.map(d => (
          <Button
            key={d}
            size="small"
            variant={selected === d ? 'contained' : 'outlined'}
            color={selected === d ? 'primary' : 'default'}
            aria-pressed={selected === d}
            onClick={() => select(selected === d ? undefined : d)}
          >
            {DRIFT_LABELS[d].label} ({props.drift[d] ?? 0})
          </Button>
        ))}
      </Box>
      {selected && <DriftServices drift={selected} />}
    </Box>
  );
}

/**
 * What the clusters show: the share of services and of pods on each mesh
 * (from GET /live/clusters), and the services per drift state — pick one to
 * list them (`?drift=` in the URL).
 */
export function CoverageCard(props: { live: LiveClusters }) {
  const { live } = props;
  const counts = coverageCounts(live);
  const { totalServices, totalPods, meshedServices, meshedPods } = counts;
  const unreachable = live.clusters.filter(c => !c.reachable);
  return (
    <InfoCard
      title="Actual mesh coverage"
      titleTypographyProps={{ component: 'h2' }}
      subheader={`From ${live.clusters.length} cluster${
        live.clusters.length === 1 ? '' : 's'
      } read ${live.at ? relativeTime(live.at) : 'never'}${
        unreachable.length
          ? ` (${unreachable
              .map(c => c.name)
              .join(', ')} unreachable: last known state)`
          : ''
      }`}
    >
      <Typography variant="body1" data-testid="coverage-summary">
        {meshedServices} of {totalServices} services meshed (
        {percent(meshedServices, totalServices)}%) · {meshedPods} of {totalPods}{' '}
        pods meshed ({percent(meshedPods, totalPods)}%)
      </Typography>
      <CoverageTable counts={counts} />
      <DriftFilter drift={live.services.drift ?? {}} />
    </InfoCard>
  );
}
