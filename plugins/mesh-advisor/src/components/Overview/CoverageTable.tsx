import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { meshName } from '../ActualState';
import type { CoverageCounts } from './coverageCounts';
import { percent, useCoverageStyles } from './coverageStyles';

/** A share as a bar (decorative) and its percentage (read). */
function Share(props: { n: number; total: number }) {
  const classes = useCoverageStyles();
  const p = percent(props.n, props.total);
  return (
    <span className={classes.share}>
      <span className={classes.track} aria-hidden="true">
        <span className={classes.bar} style={{ width: `${p}%` }} />
      </span>
      <span className={classes.percent}>{p}%</span>
    </span>
  );
}

/** The services and pods on each actual mesh, with their shares. */
export function CoverageTable(props: { counts: CoverageCounts }) {
  const classes = useCoverageStyles();
  const { services, pods, keys, totalServices, totalPods } = props.counts;
  return (
    <Table
      size="small"
      aria-label="Coverage by actual mesh"
      className={classes.table}
    >
      <TableHead>
        <TableRow>
          <TableCell>Actual mesh</TableCell>
          <TableCell align="right">Services</TableCell>
          <TableCell>Share of services</TableCell>
          <TableCell align="right">Pods</TableCell>
          <TableCell>Share of pods</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {keys.map(k => (
          <TableRow key={k}>
            <TableCell component="th" scope="row">
              {k === 'unknown' ? 'Unknown (no pods found)' : meshName(k)}
            </TableCell>
            <TableCell align="right">{services[k] ?? 0}</TableCell>
            <TableCell>
              <Share n={services[k] ?? 0} total={totalServices} />
            </TableCell>
            <TableCell align="right">{pods[k] ?? 0}</TableCell>
            <TableCell>
              <Share n={pods[k] ?? 0} total={totalPods} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
