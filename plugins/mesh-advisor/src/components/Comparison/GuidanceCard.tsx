import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  KnowledgeBase,
  MESH_IDS,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { MeshGuidance } from './MeshGuidance';

/** The knowledge base's practical guidance for every candidate, none included. */
export function GuidanceCard(props: { knowledgeBase: KnowledgeBase }) {
  const { knowledgeBase: kb } = props;
  return (
    <InfoCard
      title="Practical guidance"
      titleTypographyProps={{ component: 'h3' }}
    >
      <Typography variant="body2" color="textSecondary" paragraph>
        When each option tends to fit, and when to avoid it — from the knowledge
        base, independent of this service.
      </Typography>
      <Grid container spacing={2}>
        {MESH_IDS.map(id => {
          const mesh = kb.meshes[id];
          return mesh ? (
            <Grid item xs={12} md={6} lg={4} key={id}>
              <MeshGuidance id={id} mesh={mesh} knowledgeBase={kb} />
            </Grid>
          ) : null;
        })}
      </Grid>
    </InfoCard>
  );
}
