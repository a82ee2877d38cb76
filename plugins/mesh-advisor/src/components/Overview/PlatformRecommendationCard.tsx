import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { FleetRecommendation } from '@mesh-advisor/plugin-mesh-advisor-common';
import { useMeshTabLink } from '../../hooks/useMeshTabLink';
import { memory } from '../MeshTab/formatFigures';
import { shortRef } from '../../lib/refs';
import { ConfidenceChip, MeshChip } from '../shared';

/** What choosing a candidate means for the platform as it runs today. */
const CHANGE_LABEL: Record<string, string> = {
  keep: 'Keep (installed)',
  adopt: 'First mesh',
  'mode-change': 'Mode change',
  migrate: 'Second mesh',
  remove: 'Remove mesh',
};

/** How many unsatisfied services to list before "and N more". */
const SHOWN_UNSATISFIED = 20;

/** The one mesh for the platform, its ranking, and who it leaves out. */
export function PlatformRecommendationCard(props: {
  platform: FleetRecommendation | null;
}) {
  const { platform } = props;
  const meshTabLink = useMeshTabLink();
  if (!platform || !platform.recommendation) {
    return (
      <InfoCard
        title="Platform recommendation"
        titleTypographyProps={{ component: 'h2' }}
      >
        <Typography variant="body2" color="textSecondary">
          No platform-level recommendation yet: it is computed by the sweep once
          services have been evaluated.
        </Typography>
      </InfoCard>
    );
  }
  const rec = platform.recommendation;
  const unsatisfiedTotal =
    platform.unsatisfiedTotal ?? platform.unsatisfied.length;
  const shown = platform.unsatisfied.slice(0, SHOWN_UNSATISFIED);
  const paid = platform.ranking.filter(c => c.alreadyPaid.length > 0);
  return (
    <InfoCard
      titleTypographyProps={{ component: 'h2' }}
      title="Platform recommendation"
      subheader={`One mesh for the ${platform.servicesConsidered} services with valid annotations (invalid and excluded ones are left out): the one that satisfies the most services — the installed mesh stays while it leaves at most a tenth more unsatisfied — then the best mean score, then the least added memory.`}
    >
      <Box
        display="flex"
        alignItems="center"
        mb={2}
        data-testid="platform-recommendation"
      >
        <Box mr={1}>
          <MeshChip mesh={rec.mesh} name={rec.name} primary size="medium" />
        </Box>
        <ConfidenceChip confidence={rec.confidence} />
      </Box>
      {rec.summary && (
        <Typography variant="body2" paragraph>
          {rec.summary}
        </Typography>
      )}
      {platform.explanation && (
        <Typography
          variant="body2"
          paragraph
          data-testid="platform-explanation"
        >
          <strong>Why not each service's own pick: </strong>
          {platform.explanation}
        </Typography>
      )}
      <Table size="small" aria-label="Platform ranking">
        <TableHead>
          <TableRow>
            <TableCell>Mesh</TableCell>
            <TableCell align="right">Services satisfied</TableCell>
            <TableCell>For the platform</TableCell>
            <TableCell align="right">
              <span title="Hard requirements summed over services: met · partly or only by an alpha/experimental feature · unknown · unmet">
                Requirements: met · partial · unknown · unmet
              </span>
            </TableCell>
            <TableCell align="right">
              <span title="Memory the platform would add for the services it satisfies; what already runs (the CNI's agent, an installed control plane) is not charged">
                Memory added
              </span>
            </TableCell>
            <TableCell align="right">
              <span title="The mean of its scores over the services it satisfies">
                Mean score where it fits
              </span>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {platform.ranking.map(c => (
            <TableRow key={c.mesh} selected={c.mesh === rec.mesh}>
              <TableCell>{c.name}</TableCell>
              <TableCell align="right">
                {c.servicesSatisfied} / {platform.servicesConsidered}
              </TableCell>
              <TableCell>{CHANGE_LABEL[c.change] ?? c.change}</TableCell>
              <TableCell align="right">
                {c.requirementsMet} · {c.requirementsPartial} ·{' '}
                {c.requirementsUnknown} · {c.requirementsUnmet}
              </TableCell>
              <TableCell align="right">
                {memory(c.totalMemoryMiB)}
                {c.costUnknown ? ' + unknown' : ''}
                {c.alreadyPaid.length > 0 ? ' *' : ''}
              </TableCell>
              <TableCell align="right">{c.meanScore}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {paid.length > 0 && (
        <Box
          component="ul"
          pl={2.5}
          mt={1}
          mb={0}
          aria-label="Costs already paid"
        >
          {paid.map(c => (
            <Typography
              key={c.mesh}
              component="li"
              variant="caption"
              color="textSecondary"
            >
              * {c.name}, not charged again: {c.alreadyPaid.join(' ')}
            </Typography>
          ))}
        </Box>
      )}
      <Box mt={2}>
        <Typography variant="subtitle2" gutterBottom>
          {unsatisfiedTotal === 0
            ? `${rec.name} meets every service's hard requirements.`
            : `${unsatisfiedTotal} service${
                unsatisfiedTotal === 1 ? '' : 's'
              } ${rec.name} leaves unsatisfied`}
        </Typography>
        {shown.length > 0 && (
          <Box component="ul" pl={2.5} m={0} aria-label="Unsatisfied services">
            {shown.map(u => (
              <li key={u.entityRef}>
                <Link to={meshTabLink(u.entityRef)}>
                  {shortRef(u.entityRef)}
                </Link>{' '}
                <Typography variant="caption" color="textSecondary">
                  misses
                </Typography>{' '}
                {u.missing.map(m => (
                  <Chip key={m} size="small" label={m} variant="outlined" />
                ))}
              </li>
            ))}
          </Box>
        )}
        {unsatisfiedTotal > shown.length && (
          <Typography variant="caption" color="textSecondary">
            and {unsatisfiedTotal - shown.length} more.
          </Typography>
        )}
      </Box>
    </InfoCard>
  );
}
