import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { useSummary } from '../../hooks/useSummary';
import { useOverviewUrlState } from '../../hooks/useOverviewUrlState';
import { useLiveClusters } from '../../hooks/useLive';
import { ErrorWithRetry } from '../shared';
import { relativeTime } from '../../lib/relativeTime';
import { AnnotateEmptyState } from './AnnotateEmptyState';
import { CoverageCard } from './CoverageCard';
import { MeshCountsChart } from './MeshCountsChart';
import { PlatformRecommendationCard } from './PlatformRecommendationCard';
import { RollupCard } from './RollupCard';
import { ServicesTable } from './ServicesTable';

/** The overview: platform pick, counts per mesh, and every service. */
export function OverviewContent() {
  const summary = useSummary();
  const state = useOverviewUrlState();
  // the clusters' state; absent (or failing) without Kubernetes: nothing shown
  const live = useLiveClusters();
  const liveValue = live.value?.at ? live.value : undefined;

  if (summary.error) {
    return (
      <ErrorWithRetry
        error={summary.error}
        what="the Mesh Advisor summary"
        onRetry={summary.retry}
      />
    );
  }
  if (!summary.value) return <Progress />;
  const s = summary.value;
  if (s.total === 0) return <AnnotateEmptyState />;

  return (
    <Grid container spacing={3}>
      {s.stale && (
        <Grid item xs={12}>
          <WarningPanel
            severity="warning"
            title="Results may be stale"
            message={`The last sweep could not read the catalog${
              s.lastSweep?.message ? ` (${s.lastSweep.message})` : ''
            }; results are from ${
              s.lastSuccessAt
                ? relativeTime(s.lastSuccessAt)
                : 'an earlier sweep'
            }.`}
          />
        </Grid>
      )}
      <Grid item xs={12} lg={8}>
        <PlatformRecommendationCard platform={s.platform} />
      </Grid>
      <Grid item xs={12} lg={4}>
        <MeshCountsChart
          byMesh={s.byMesh}
          total={s.total}
          selected={state.filters.mesh}
          onSelect={mesh => state.changeFilters({ mesh })}
        />
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title={`Services (${s.total})`}
          titleTypographyProps={{ component: 'h2' }}
        >
          <ServicesTable state={state} live={Boolean(liveValue)} />
        </InfoCard>
      </Grid>
      {liveValue && (
        <Grid item xs={12}>
          <CoverageCard live={liveValue} />
        </Grid>
      )}
      <Grid item xs={12}>
        <RollupCard />
      </Grid>
    </Grid>
  );
}
