import type { Entity } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import type { StoredEvaluation } from '../../api/types';
import { useKnowledgeBase } from '../../hooks/useKnowledgeBase';
import { CapabilityComparisonTable, GuidanceCard } from '../Comparison';
import { DecisionsCard } from '../Decisions';
import { WhatIfPanel } from '../WhatIf';
import { CompanionCard } from './CompanionCard';
import { OperationsCard } from './OperationsCard';
import { OverheadTable } from './OverheadTable';
import { RankingCard } from './RankingCard';
import { RecommendationCard } from './RecommendationCard';
import { ValidationIssuesCard } from './ValidationIssuesCard';
import { WhatWouldChangeCard } from './WhatWouldChangeCard';

function KnowledgeBaseSections(props: {
  entity: Entity;
  evaluation: StoredEvaluation;
}) {
  const { entity, evaluation } = props;
  const { knowledgeBase, fallbackReason, loading } = useKnowledgeBase();
  if (loading && !knowledgeBase) {
    return (
      <Grid item xs={12}>
        <Progress />
      </Grid>
    );
  }
  if (!knowledgeBase) return null;
  return (
    <>
      {fallbackReason && (
        <Grid item xs={12}>
          <Alert severity="warning">{fallbackReason}</Alert>
        </Grid>
      )}
      {evaluation.ranking.length > 0 && (
        <Grid item xs={12}>
          <WhatIfPanel
            entity={entity}
            evaluation={evaluation}
            knowledgeBase={knowledgeBase}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <CapabilityComparisonTable
          knowledgeBase={knowledgeBase}
          requirements={evaluation.requirements}
        />
      </Grid>
      <Grid item xs={12}>
        <GuidanceCard knowledgeBase={knowledgeBase} />
      </Grid>
    </>
  );
}

/** Everything the Mesh tab shows about one evaluated service. */
export function MeshTabContent(props: {
  entity: Entity;
  evaluation: StoredEvaluation;
  onEvaluateNow: () => void;
}) {
  const { entity, evaluation, onEvaluateNow } = props;
  const ranked = evaluation.ranking.length > 0;
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={7}>
        <RecommendationCard
          evaluation={evaluation}
          onEvaluateNow={onEvaluateNow}
        />
      </Grid>
      <Grid item xs={12} md={5}>
        <DecisionsCard entity={entity} evaluation={evaluation} />
      </Grid>
      {evaluation.issues.length > 0 && (
        <Grid item xs={12}>
          <ValidationIssuesCard
            issues={evaluation.issues}
            annotations={entity.metadata.annotations}
          />
        </Grid>
      )}
      {ranked && (
        <>
          <Grid item xs={12} md={6}>
            <RankingCard
              ranking={evaluation.ranking}
              recommended={evaluation.recommendation?.mesh}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <OverheadTable ranking={evaluation.ranking} />
          </Grid>
          <Grid item xs={12} md={6}>
            <WhatWouldChangeCard flips={evaluation.whatWouldChange} />
          </Grid>
          <Grid item xs={12} md={6}>
            <OperationsCard
              ranking={evaluation.ranking}
              requirements={evaluation.requirements}
            />
          </Grid>
        </>
      )}
      {evaluation.companion && (
        <Grid item xs={12}>
          <CompanionCard companion={evaluation.companion} />
        </Grid>
      )}
      <KnowledgeBaseSections entity={entity} evaluation={evaluation} />
    </Grid>
  );
}
