import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import type {
  CandidateResult,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { CandidateRow } from './CandidateRow';

/** Every candidate, best first, blocked ones last with their blockers. */
export function RankingCard(props: {
  ranking: CandidateResult[];
  recommended?: MeshId;
  title?: string;
}) {
  const { ranking, recommended, title = 'Ranking' } = props;
  return (
    <InfoCard title={title} titleTypographyProps={{ component: 'h3' }}>
      <Box component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {ranking.map(c => (
          <CandidateRow
            key={c.mesh}
            candidate={c}
            recommended={c.mesh === recommended}
          />
        ))}
      </Box>
    </InfoCard>
  );
}
