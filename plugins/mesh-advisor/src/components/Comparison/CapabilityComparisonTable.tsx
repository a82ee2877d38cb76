import { useMemo } from 'react';
import { InfoCard } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { ScrollableTable } from '../shared';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  CAPABILITIES,
  Capability,
  KnowledgeBase,
  MESH_IDS,
  Requirements,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { CapabilityCell } from './CapabilityCell';

const useStyles = makeStyles((theme: Theme) => ({
  required: {
    backgroundColor: theme.palette.action.selected,
    '& th': { fontWeight: theme.typography.fontWeightBold as number },
  },
  preferred: { backgroundColor: theme.palette.action.hover },
  chip: { marginLeft: theme.spacing(1) },
}));

/** Capabilities ordered required first, then preferred, then the rest. */
export function orderCapabilities(requirements: Requirements): Capability[] {
  const rank = (c: Capability) => {
    if (requirements.requires.includes(c)) return 0;
    if (requirements.prefers.includes(c)) return 1;
    return 2;
  };
  return [...CAPABILITIES].sort(
    (a, b) =>
      rank(a) - rank(b) || CAPABILITIES.indexOf(a) - CAPABILITIES.indexOf(b),
  );
}

/** Candidates × capabilities from the knowledge base. */
export function CapabilityComparisonTable(props: {
  knowledgeBase: KnowledgeBase;
  requirements: Requirements;
}) {
  const classes = useStyles();
  const { knowledgeBase: kb, requirements } = props;
  const rows = useMemo(() => orderCapabilities(requirements), [requirements]);
  const meshes = MESH_IDS.filter(m => kb.meshes[m]);
  const rowClass = (required: boolean, preferred: boolean) => {
    if (required) return classes.required;
    return preferred ? classes.preferred : undefined;
  };
  return (
    <InfoCard
      titleTypographyProps={{ component: 'h3' }}
      title="Capability comparison"
      subheader={`Knowledge base ${kb.version} (as of ${kb.asOf}). Hover a cell for the note; the icon beside it opens the source.`}
    >
      <ScrollableTable label="Capability comparison, scrollable">
        <Table size="small" aria-label="Capability comparison">
          <TableHead>
            <TableRow>
              <TableCell>Capability</TableCell>
              {meshes.map(m => (
                <TableCell key={m} align="center">
                  {kb.meshes[m]!.name}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(cap => {
              const info = kb.capabilities[cap];
              const required = requirements.requires.includes(cap);
              const preferred = requirements.prefers.includes(cap);
              return (
                <TableRow
                  key={cap}
                  data-capability={cap}
                  className={rowClass(required, preferred)}
                >
                  <TableCell component="th" scope="row">
                    <Tooltip title={info?.description ?? ''}>
                      <span>{info?.label ?? cap}</span>
                    </Tooltip>
                    <Typography
                      variant="caption"
                      // secondary grey falls below 4.5:1 on the row highlight
                      color="textPrimary"
                      component="div"
                    >
                      {cap}
                    </Typography>
                    {required && (
                      <Chip
                        className={classes.chip}
                        size="small"
                        color="primary"
                        label="required"
                      />
                    )}
                    {preferred && (
                      <Chip
                        className={classes.chip}
                        size="small"
                        variant="outlined"
                        label="preferred"
                      />
                    )}
                  </TableCell>
                  {meshes.map(m => (
                    <TableCell key={m} align="center">
                      <CapabilityCell
                        fact={info?.support[m]}
                        meshName={kb.meshes[m]!.name}
                        knowledgeBase={kb}
                      />
                    </TableCell>
                  ))}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </ScrollableTable>
    </InfoCard>
  );
}
