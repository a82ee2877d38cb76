import { useState } from 'react';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import { useSearchParams } from 'react-router-dom';
import type { StoredEvaluation } from '@mesh-advisor/plugin-mesh-advisor-common';
import { useEntityDecisions } from '../../hooks/useDecisions';
import { useKnowledgeBase } from '../../hooks/useKnowledgeBase';
import { hasWhatIfState } from '../../lib/whatIfUrl';
import { CapabilityComparisonTable, GuidanceCard } from '../Comparison';
import { EntityActualStateCard } from '../ActualState';
import { DecisionsPanel } from '../Decisions';
import { WhatIfPanel } from '../WhatIf';
import { CompanionCard } from './CompanionCard';
import { MeshSection } from './MeshSection';
import { OperationsCard } from './OperationsCard';
import { OverheadTable } from './OverheadTable';
import { RankingCard } from './RankingCard';
import { SummaryCard } from './SummaryCard';
import { ValidationIssuesCard } from './ValidationIssuesCard';
import { WhatWouldChangeCard } from './WhatWouldChangeCard';

/** Sections that need the knowledge base, fetched apart from the evaluation. */
function WithKnowledgeBase(props: {
  children: (
    kb: NonNullable<ReturnType<typeof useKnowledgeBase>['knowledgeBase']>,
  ) => JSX.Element;
}) {
  const { knowledgeBase, fallbackReason, loading } = useKnowledgeBase();
  if (loading && !knowledgeBase) return <Progress />;
  if (!knowledgeBase) return null;
  return (
    <>
      {fallbackReason && (
        <Box mb={2}>
          <Alert severity="warning">{fallbackReason}</Alert>
        </Box>
      )}
      {props.children(knowledgeBase)}
    </>
  );
}

type SectionId = 'what-if' | 'ranking' | 'compare';

/**
 * The Mesh tab of one evaluated service: the summary and the decision
 * first, in one screen; the what-if editor, the ranking with every
 * candidate's costs and the comparison of meshes in collapsed sections.
 */
export function MeshTabContent(props: {
  entity: Entity;
  evaluation: StoredEvaluation;
  onEvaluateNow: () => void;
}) {
  const { entity, evaluation, onEvaluateNow } = props;
  const ranked = evaluation.ranking.length > 0;
  const decisions = useEntityDecisions(stringifyEntityRef(entity));
  const [searchParams] = useSearchParams();
  // a shared what-if link opens on the what-if
  const [open, setOpen] = useState<Record<SectionId, boolean>>(() => ({
    'what-if': hasWhatIfState(searchParams),
    ranking: false,
    compare: false,
  }));
  const toggle = (id: SectionId) => (expanded: boolean) =>
    setOpen(o => ({ ...o, [id]: expanded }));
  return (
    <Grid container spacing={3} alignItems="flex-start">
      <Grid item xs={12} md={7}>
        <SummaryCard
          evaluation={evaluation}
          decisions={decisions}
          onEvaluateNow={onEvaluateNow}
          entityEtag={entity.metadata.etag}
        />
      </Grid>
      <Grid item xs={12} md={5}>
        <DecisionsPanel
          entity={entity}
          evaluation={evaluation}
          state={decisions}
        />
      </Grid>
      <Grid item xs={12}>
        <EntityActualStateCard />
      </Grid>
      {evaluation.issues.length > 0 && (
        <Grid item xs={12}>
          <ValidationIssuesCard
            issues={evaluation.issues}
            annotations={entity.metadata.annotations}
          />
        </Grid>
      )}
      {evaluation.companion && (
        <Grid item xs={12}>
          <CompanionCard companion={evaluation.companion} />
        </Grid>
      )}
      <Grid item xs={12}>
        {ranked && (
          <MeshSection
            id="what-if"
            title="What if"
            hint="Change the requirements and see the pick move; nothing is saved."
            expanded={open['what-if']}
            onToggle={toggle('what-if')}
          >
            <WithKnowledgeBase>
              {kb => (
                <WhatIfPanel
                  entity={entity}
                  evaluation={evaluation}
                  knowledgeBase={kb}
                />
              )}
            </WithKnowledgeBase>
          </MeshSection>
        )}
        {ranked && (
          <MeshSection
            id="ranking"
            title="Ranking and costs of every mesh"
            hint="Scores, blockers with sources, overhead, operational burden, every change that flips the pick."
            expanded={open.ranking}
            onToggle={toggle('ranking')}
          >
            <Grid container spacing={2}>
              <Grid item xs={12} lg={6}>
                <RankingCard
                  ranking={evaluation.ranking}
                  recommended={evaluation.recommendation?.mesh}
                />
              </Grid>
              <Grid item xs={12} lg={6}>
                <OverheadTable ranking={evaluation.ranking} />
              </Grid>
              <Grid item xs={12} lg={6}>
                <WhatWouldChangeCard flips={evaluation.whatWouldChange} />
              </Grid>
              <Grid item xs={12} lg={6}>
                <OperationsCard
                  ranking={evaluation.ranking}
                  requirements={evaluation.requirements}
                />
              </Grid>
            </Grid>
          </MeshSection>
        )}
        <MeshSection
          id="compare"
          title="Compare meshes"
          hint="Every mesh on every capability, and when to choose or avoid each."
          expanded={open.compare}
          onToggle={toggle('compare')}
        >
          <WithKnowledgeBase>
            {kb => (
              <Grid container spacing={2}>
                <Grid item xs={12}>
                  <CapabilityComparisonTable
                    knowledgeBase={kb}
                    requirements={evaluation.requirements}
                  />
                </Grid>
                <Grid item xs={12}>
                  <GuidanceCard knowledgeBase={kb} />
                </Grid>
              </Grid>
            )}
          </WithKnowledgeBase>
        </MeshSection>
      </Grid>
    </Grid>
  );
}
