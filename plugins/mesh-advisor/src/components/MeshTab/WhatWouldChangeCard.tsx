import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { Flip } from '@mesh-advisor/plugin-mesh-advisor-common';
import { annotationLine } from '../../lib/annotationsYaml';
import { MeshChip } from '../shared';

function changeLines(flip: Flip): string[] {
  const lines = Object.entries(flip.annotations ?? {}).map(([key, value]) =>
    value === null ? `remove ${key}` : annotationLine(key, value),
  );
  for (const [key, value] of Object.entries(flip.platform ?? {})) {
    lines.push(`platform ${key}: ${JSON.stringify(value)}`);
  }
  return lines;
}

/** The smallest changes that would flip the top pick. */
export function WhatWouldChangeCard(props: { flips: Flip[] }) {
  const { flips } = props;
  return (
    <InfoCard
      title="What would change it"
      titleTypographyProps={{ component: 'h3' }}
    >
      {flips.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No single small change of requirements or platform flips the pick.
        </Typography>
      ) : (
        <Box component="ul" pl={0} m={0} style={{ listStyle: 'none' }}>
          {flips.map(f => (
            <Box component="li" key={f.change} py={0.75}>
              <Box display="flex" alignItems="center" flexWrap="wrap">
                <Typography variant="body2" component="span">
                  {f.change} →&nbsp;
                </Typography>
                <MeshChip mesh={f.newTop} />
              </Box>
              {changeLines(f).map(line => (
                <Typography
                  key={line}
                  variant="caption"
                  color="textSecondary"
                  component="code"
                  display="block"
                >
                  {line}
                </Typography>
              ))}
            </Box>
          ))}
        </Box>
      )}
    </InfoCard>
  );
}
