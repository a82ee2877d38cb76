import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { Flip } from '@mesh-advisor/plugin-mesh-advisor-common';
import { MeshChip } from '../shared';

/** How many flips the summary lists; the rest are in the details. */
const SHOWN = 2;

/** The smallest changes that flip the pick, in a line or two. */
export function TopFlips(props: { flips: Flip[] }) {
  const { flips } = props;
  return (
    <Box mt={1.5} data-testid="summary-flips">
      <Typography variant="subtitle2" component="h3">
        What would change it
      </Typography>
      {flips.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No single small change of requirements or platform flips the pick.
        </Typography>
      ) : (
        <Box component="ul" pl={0} m={0} style={{ listStyle: 'none' }}>
          {flips.slice(0, SHOWN).map(f => (
            <Box
              component="li"
              key={f.change}
              display="flex"
              alignItems="center"
              flexWrap="wrap"
              py={0.25}
            >
              <Typography variant="body2" component="span">
                {f.change} →&nbsp;
              </Typography>
              <MeshChip mesh={f.newTop} />
            </Box>
          ))}
          {flips.length > SHOWN && (
            <Typography component="li" variant="caption" color="textSecondary">
              {flips.length - SHOWN} more under “Ranking and costs of every
              mesh”.
            </Typography>
          )}
        </Box>
      )}
    </Box>
  );
}
