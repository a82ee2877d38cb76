import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { Companion } from '@mesh-advisor/plugin-mesh-advisor-common';
import { SourceLinks } from '../shared';

/** The north–south gateway suggested beside the mesh for edge services. */
export function CompanionCard(props: { companion: Companion }) {
  const { companion } = props;
  return (
    <InfoCard
      title={`North–south: ${companion.name}`}
      titleTypographyProps={{ component: 'h2' }}
    >
      <Typography variant="body2" paragraph>
        {companion.reason}
      </Typography>
      <SourceLinks sources={companion.sources} />
    </InfoCard>
  );
}
