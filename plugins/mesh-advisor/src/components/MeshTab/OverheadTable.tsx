import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { ScrollableTable } from '../shared';
import { makeStyles } from '@material-ui/core/styles';
import type { CandidateResult } from '@mesh-advisor/plugin-mesh-advisor-common';
import { figure, memory } from './formatFigures';

const PLACEMENT = { pod: 'per pod', node: 'per node', none: '—' };

const useStyles = makeStyles(theme => ({
  // The card is half the page wide: six columns fit with tighter padding.
  // The theme breaks table text anywhere ("Memo|ry", "unknow|n"); keep
  // words whole, and scroll sideways rather than squeeze.
  table: {
    '& th, & td': {
      wordBreak: 'normal',
      padding: theme.spacing(0.75, 1),
    },
  },
  figure: { whiteSpace: 'nowrap' },
}));

/** What each candidate would cost this service, side by side. */
export function OverheadTable(props: { ranking: CandidateResult[] }) {
  const { ranking } = props;
  const classes = useStyles();
  const first = ranking[0]?.overhead;
  return (
    <InfoCard
      title="Estimated overhead"
      titleTypographyProps={{ component: 'h3' }}
      subheader={
        first
          ? `For ${first.replicas} replica${first.replicas === 1 ? '' : 's'}${
              first.rps !== null ? ` at ${first.rps} rps` : ''
            }, call-chain depth ${
              first.callChainDepth
            }. Figures are indicative.`
          : undefined
      }
    >
      <ScrollableTable label="Estimated overhead, scrollable">
        <Table
          size="small"
          aria-label="Estimated overhead"
          className={classes.table}
        >
          <TableHead>
            <TableRow>
              <TableCell>Candidate</TableCell>
              <TableCell>Proxy</TableCell>
              <TableCell align="right">Memory</TableCell>
              <TableCell align="right">p99 per hop</TableCell>
              <TableCell align="right">p99 along chain</TableCell>
              <TableCell align="right">CPU</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {ranking.map(c => {
              const o = c.overhead;
              return (
                <TableRow key={c.mesh}>
                  <TableCell component="th" scope="row">
                    <Tooltip title={o.note}>
                      <span>{c.name}</span>
                    </Tooltip>
                    {o.needsL7Proxy && (
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        component="div"
                      >
                        + L7 proxy
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell className={classes.figure}>
                    {PLACEMENT[o.placement]}
                  </TableCell>
                  <TableCell align="right" className={classes.figure}>
                    {memory(o.memoryMiB)}
                  </TableCell>
                  <TableCell align="right" className={classes.figure}>
                    {figure(o.p99PerHopMs, 'ms')}
                  </TableCell>
                  <TableCell align="right" className={classes.figure}>
                    {figure(o.p99ChainMs, 'ms')}
                  </TableCell>
                  <TableCell align="right" className={classes.figure}>
                    {figure(o.cpuVcpu, 'vCPU', 3)}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </ScrollableTable>
    </InfoCard>
  );
}
