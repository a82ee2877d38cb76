import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { meshAdvisorApiRef } from '../../api/MeshAdvisorApi';
import { rollup } from '../../lib/rollup';
import { ErrorWithRetry, MeshChip } from '../shared';
import { EXPORT_MAX_ROWS, fetchAllRows } from './ExportCsvButton';

function RollupTable(props: { by: 'owner' | 'system' }) {
  const api = useApi(meshAdvisorApiRef);
  const state = useAsyncRetry(() => fetchAllRows(api, {}), [api]);
  if (state.error) {
    return (
      <ErrorWithRetry
        error={state.error}
        what="the services to count"
        onRetry={state.retry}
      />
    );
  }
  if (!state.value) return <Progress />;
  const rows = rollup(state.value.rows, props.by);
  const label = props.by === 'owner' ? 'Team' : 'System';
  return (
    <>
      {state.value.truncated && (
        <Typography variant="body2" color="textSecondary">
          Counted over the first {EXPORT_MAX_ROWS} services.
        </Typography>
      )}
      <Table size="small" aria-label={`Services per ${props.by}`}>
        <TableHead>
          <TableRow>
            <TableCell>{label}</TableCell>
            <TableCell align="right">Services</TableCell>
            <TableCell align="right">With a recommendation</TableCell>
            <TableCell align="right">Invalid</TableCell>
            <TableCell align="right">Accepted decisions</TableCell>
            <TableCell>Most recommended</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(r => (
            <TableRow key={r.key}>
              <TableCell component="th" scope="row">
                {r.name}
              </TableCell>
              <TableCell align="right">{r.services}</TableCell>
              <TableCell align="right">{r.recommended}</TableCell>
              <TableCell align="right">{r.invalid}</TableCell>
              <TableCell align="right">{r.decided}</TableCell>
              <TableCell>
                {r.topMesh ? (
                  <>
                    <MeshChip mesh={r.topMesh.mesh} /> ×{r.topMesh.count}
                  </>
                ) : (
                  '—'
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/**
 * Services counted per team or per system. It reads every row (like the
 * CSV export), so it loads only when asked for.
 */
export function RollupCard() {
  const [by, setBy] = useState<'owner' | 'system' | undefined>();
  return (
    <InfoCard
      title="Per team and system"
      titleTypographyProps={{ component: 'h2' }}
      subheader="How many services each team or system has, how many are invalid or decided, and the mesh most recommended to them."
    >
      {by ? (
        <>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={by}
            onChange={(_e, v) => v && setBy(v)}
            aria-label="Count per"
          >
            <ToggleButton value="owner">Per team</ToggleButton>
            <ToggleButton value="system">Per system</ToggleButton>
          </ToggleButtonGroup>
          <RollupTable by={by} />
        </>
      ) : (
        <Button variant="outlined" onClick={() => setBy('owner')}>
          Count services per team and system
        </Button>
      )}
    </InfoCard>
  );
}
