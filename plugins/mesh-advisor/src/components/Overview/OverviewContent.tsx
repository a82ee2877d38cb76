import { useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { useSummary } from '../../hooks/useSummary';
import type { EvaluationFilters } from '../../hooks/useEvaluations';
import { relativeTime } from '../../lib/relativeTime';
import { AnnotateEmptyState } from './AnnotateEmptyState';
import { MeshCountsChart } from './MeshCountsChart';
import { PlatformRecommendationCard } from './PlatformRecommendationCard';
import { ServicesTable } from './ServicesTable';

/** The overview: platform pick, counts per mesh, and every service. */
export function OverviewContent() {
  const summary = useSummary();
  const [filters, setFilters] = useState<EvaluationFilters>({
    sort: 'name',
    order: 'asc',
  });
  const changeFilters = (patch: Partial<EvaluationFilters>) =>
    setFilters(f => ({ ...f, ...patch }));

  if (summary.error) return <ResponseErrorPanel error={summary.error} />;
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
          selected={filters.mesh}
          onSelect={mesh => changeFilters({ mesh })}
        />
      </Grid>
      <Grid item xs={12}>
        <InfoCard title={`Services (${s.total})`}>
          <ServicesTable filters={filters} onFiltersChange={changeFilters} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
