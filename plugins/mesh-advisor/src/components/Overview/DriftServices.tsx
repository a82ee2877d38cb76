import { useState } from 'react';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  ActualState,
  DriftState,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import useAsync from 'react-use/esm/useAsync';
import { meshAdvisorApiRef } from '../../api/MeshAdvisorApi';
import { useMeshTabLink } from '../../hooks/useMeshTabLink';
import { shortRef } from '../../lib/refs';
import { DRIFT_LABELS, meshName } from '../ActualState';
import { ErrorWithRetry } from '../shared';
import { useCoverageStyles } from './coverageStyles';

/** The table of services in one drift state. */
function DriftServicesTable(props: { label: string; items: ActualState[] }) {
  const classes = useCoverageStyles();
  const meshTabLink = useMeshTabLink();
  return (
    <Table
      size="small"
      aria-label={`In drift state ${props.label}`}
      className={classes.table}
    >
      <TableHead>
        <TableRow>
          <TableCell>Service</TableCell>
          <TableCell>Actual</TableCell>
          <TableCell>Recommended</TableCell>
          <TableCell>Decided</TableCell>
          <TableCell>Why</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.items.map(a => (
          <TableRow key={a.entityRef}>
            <TableCell>
              <Link to={meshTabLink(a.entityRef)}>{shortRef(a.entityRef)}</Link>
            </TableCell>
            <TableCell>
              {meshName(a.mesh)}
              {a.pods ? ` (${a.meshedPods}/${a.pods} pods)` : ''}
            </TableCell>
            <TableCell>{meshName(a.recommended)}</TableCell>
            <TableCell>{meshName(a.decided)}</TableCell>
            <TableCell>{a.driftReason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The services in one drift state, from GET /live/services?drift= (paged). */
export function DriftServices(props: { drift: DriftState }) {
  const api = useApi(meshAdvisorApiRef);
  const [pages, setPages] = useState<string[]>([]);
  const state = useAsync(async () => {
    const items: ActualState[] = [];
    let next: string | null = null;
    // the first page, then one per "Show more" (each the previous one's cursor)
    for (const cursor of [undefined, ...pages]) {
      const page = await api.listActualStates({
        drift: props.drift,
        limit: 25,
        cursor,
      });
      items.push(...page.items);
      next = page.nextCursor;
      if (!next) break;
    }
    return { items, next };
  }, [api, props.drift, pages]);
  const label = DRIFT_LABELS[props.drift].label;
  if (state.error) {
    return (
      <ErrorWithRetry
        error={state.error}
        what={`the services in ${label}`}
        onRetry={() => setPages(p => [...p])}
      />
    );
  }
  if (!state.value) {
    return <Typography variant="body2">Loading…</Typography>;
  }
  const { items, next } = state.value;
  return (
    <Box mt={2}>
      <DriftServicesTable label={label} items={items} />
      {items.length === 0 && (
        <Typography variant="body2">No service is in this state.</Typography>
      )}
      {next && (
        <Button size="small" onClick={() => setPages(p => [...p, next!])}>
          Show more
        </Button>
      )}
    </Box>
  );
}
