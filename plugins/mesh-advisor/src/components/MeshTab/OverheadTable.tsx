import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { CandidateResult } from '@mesh-advisor/plugin-mesh-advisor-common';
import { figure } from './formatFigures';

const PLACEMENT = { pod: 'per pod', node: 'per node', none: '—' };

/** What each candidate would cost this service, side by side. */
export function OverheadTable(props: { ranking: CandidateResult[] }) {
  const { ranking } = props;
  const first = ranking[0]?.overhead;
  return (
    <InfoCard
      title="Estimated overhead"
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
      <Table size="small" aria-label="Estimated overhead">
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
                <TableCell>{PLACEMENT[o.placement]}</TableCell>
                <TableCell align="right">
                  {figure(o.memoryMiB, 'MiB', 1)}
                </TableCell>
                <TableCell align="right">
                  {figure(o.p99PerHopMs, 'ms')}
                </TableCell>
                <TableCell align="right">
                  {figure(o.p99ChainMs, 'ms')}
                </TableCell>
                <TableCell align="right">
                  {figure(o.cpuVcpu, 'vCPU', 3)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
