import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useEntityEvaluation } from '../../hooks/useEntityEvaluation';
import { useMeshTabLink } from '../../hooks/useMeshTabLink';
import { isMeshAdvisorAvailable } from '../../isMeshAdvisorAvailable';
import {
  ConfidenceChip,
  MeshChip,
  NotAServicePanel,
  ScoreBar,
} from '../shared';

const NO_RECOMMENDATION: Partial<Record<string, string>> = {
  invalid: 'No recommendation: the mesh-advisor.io annotations have problems.',
  excluded: 'Opted out of Mesh Advisor.',
  'not-applicable': 'Only Components of type service are evaluated.',
};

function CardBody(props: { entityRef: string }) {
  const state = useEntityEvaluation(props.entityRef);
  if (state.notEvaluated) {
    return (
      <Box>
        <Typography variant="body2" paragraph>
          Not evaluated yet.
        </Typography>
        <Button size="small" variant="outlined" onClick={state.evaluateNow}>
          Evaluate now
        </Button>
      </Box>
    );
  }
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  const evaluation = state.evaluation;
  if (!evaluation) return <Progress />;
  const rec = evaluation.recommendation;
  return (
    <Box>
      {rec ? (
        <>
          <Box display="flex" alignItems="center" mb={1}>
            <Box mr={1}>
              <MeshChip mesh={rec.mesh} name={rec.name} primary />
            </Box>
            <ConfidenceChip confidence={rec.confidence} />
          </Box>
          <Typography variant="body2" paragraph>
            {rec.summary}
          </Typography>
        </>
      ) : (
        <Typography variant="body2" paragraph>
          {NO_RECOMMENDATION[evaluation.status] ??
            'No candidate meets every hard requirement.'}
        </Typography>
      )}
      {evaluation.ranking
        .filter(c => !c.blocked)
        .slice(0, 3)
        .map(c => (
          <Box key={c.mesh} display="flex" alignItems="center">
            <Box width={150}>
              <Typography variant="caption">{c.name}</Typography>
            </Box>
            <Box flexGrow={1}>
              <ScoreBar score={c.score} label={c.name} />
            </Box>
          </Box>
        ))}
    </Box>
  );
}

/**
 * A compact card for a service's overview tab: the recommended mesh, why,
 * and the runner-ups, linking to the Mesh tab.
 * @public
 */
export function MeshAdvisorEntityCard() {
  const { entity } = useEntity();
  const meshTabLink = useMeshTabLink();
  if (!isMeshAdvisorAvailable(entity)) {
    return (
      <InfoCard title="Service mesh">
        <NotAServicePanel entity={entity} />
      </InfoCard>
    );
  }
  const entityRef = stringifyEntityRef(entity);
  return (
    <InfoCard
      title="Service mesh"
      deepLink={{ title: 'Open the Mesh tab', link: meshTabLink(entityRef) }}
    >
      <CardBody entityRef={entityRef} />
    </InfoCard>
  );
}
