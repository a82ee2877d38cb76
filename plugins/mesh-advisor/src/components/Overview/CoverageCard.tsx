import { useState } from 'react';
import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  ActualState,
  DRIFT_STATES,
  DriftState,
  LiveClusters,
  MESH_IDS,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import useAsync from 'react-use/esm/useAsync';
import { useSearchParams } from 'react-router-dom';
import { meshAdvisorApiRef } from '../../api/MeshAdvisorApi';
import { useMeshTabLink } from '../../hooks/useMeshTabLink';
import { relativeTime } from '../../lib/relativeTime';
import { shortRef } from '../../lib/refs';
import { DRIFT_LABELS, meshName } from '../ActualState';
import { ErrorWithRetry, MeshChip } from '../shared';
import { readableTone } from '../shared/tones';

const useStyles = makeStyles((theme: Theme) => ({
  // the theme lets table text break anywhere: keep words whole
  table: {
    '& td, & th': { padding: theme.spacing(0.5, 1.5), wordBreak: 'normal' },
    '& th': { whiteSpace: 'nowrap' },
  },
  share: { display: 'flex', alignItems: 'center', minWidth: 140 },
  track: {
    flexGrow: 1,
    height: 10,
    marginRight: theme.spacing(1),
    backgroundColor: theme.palette.action.hover,
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
  },
  bar: {
    display: 'block',
    height: '100%',
    backgroundColor: theme.palette.primary.main,
  },
  percent: { width: 40, textAlign: 'right' },
  good: { color: readableTone(theme, 'good') },
  warn: { color: readableTone(theme, 'warn') },
  bad: { color: readableTone(theme, 'bad') },
  info: { color: readableTone(theme, 'info') },
  neutral: { color: readableTone(theme, 'neutral') },
}));

const percent = (n: number, total: number) =>
  total ? Math.round((n / total) * 100) : 0;

/** A share as a bar (decorative) and its percentage (read). */
function Share(props: { n: number; total: number }) {
  const classes = useStyles();
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

/** A drift state as a chip in its tone. */
export function DriftChip(props: { drift: DriftState }) {
  const classes = useStyles();
  const d = DRIFT_LABELS[props.drift];
  return (
    <Chip
      size="small"
      variant="outlined"
      label={d.label}
      title={d.help}
      className={classes[d.tone]}
      data-drift={props.drift}
    />
  );
}

/** The services in one drift state, from GET /live/services?drift= (paged). */
function DriftServices(props: { drift: DriftState }) {
  const classes = useStyles();
  const api = useApi(meshAdvisorApiRef);
  const meshTabLink = useMeshTabLink();
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
      <Table
        size="small"
        aria-label={`In drift state ${label}`}
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
          {items.map(a => (
            <TableRow key={a.entityRef}>
              <TableCell>
                <Link to={meshTabLink(a.entityRef)}>
                  {shortRef(a.entityRef)}
                </Link>
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

/**
 * What the clusters show: the share of services and of pods on each mesh
 * (from GET /live/clusters), and the services per drift state — pick one to
 * list them (`?drift=` in the URL).
 */
export function CoverageCard(props: { live: LiveClusters }) {
  const classes = useStyles();
  const { live } = props;
  const [params, setParams] = useSearchParams();
  const selectedRaw = params.get('drift');
  const selected = (DRIFT_STATES as readonly string[]).includes(
    selectedRaw ?? '',
  )
    ? (selectedRaw as DriftState)
    : undefined;
  const select = (drift: DriftState | undefined) =>
    setParams(
      prev => {
        const next = new URLSearchParams(prev);
        if (drift) next.set('drift', drift);
        else next.delete('drift');
        return next;
      },
      { replace: true },
    );

  const services = live.services.mesh ?? {};
  const drift = live.services.drift ?? {};
  // pods per mesh across the clusters read (every pod, not only the catalog's)
  const pods: Record<string, number> = {};
  for (const c of live.clusters) {
    for (const [mesh, n] of Object.entries(c.podsByMesh)) {
      pods[mesh] = (pods[mesh] ?? 0) + (n ?? 0);
    }
  }
  const keys: Array<MeshId | 'unknown'> = [
    ...MESH_IDS,
    'unknown' as const,
  ].filter(k => (services[k] ?? 0) > 0 || (pods[k] ?? 0) > 0);
  const totalServices = Object.values(services).reduce((a, b) => a + b, 0);
  const totalPods = Object.values(pods).reduce((a, b) => a + b, 0);
  const meshedServices = MESH_IDS.filter(m => m !== 'none').reduce(
    (n, m) => n + (services[m] ?? 0),
    0,
  );
  const meshedPods = MESH_IDS.filter(m => m !== 'none').reduce(
    (n, m) => n + (pods[m] ?? 0),
    0,
  );
  const unreachable = live.clusters.filter(c => !c.reachable);
  return (
    <InfoCard
      title="Actual mesh coverage"
      titleTypographyProps={{ component: 'h2' }}
      subheader={`From ${live.clusters.length} cluster${
        live.clusters.length === 1 ? '' : 's'
      } read ${live.at ? relativeTime(live.at) : 'never'}${
        unreachable.length
          ? ` (${unreachable
              .map(c => c.name)
              .join(', ')} unreachable: last known state)`
          : ''
      }`}
    >
      <Typography variant="body1" data-testid="coverage-summary">
        {meshedServices} of {totalServices} services meshed (
        {percent(meshedServices, totalServices)}%) · {meshedPods} of {totalPods}{' '}
        pods meshed ({percent(meshedPods, totalPods)}%)
      </Typography>
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
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3" id="drift-filter-label">
          Drift: pick a state to list its services
        </Typography>
        <Box
          display="flex"
          flexWrap="wrap"
          role="group"
          aria-labelledby="drift-filter-label"
          style={{ gap: 8 }}
          mt={1}
        >
          {DRIFT_STATES.map(d => (
            <Button
              key={d}
              size="small"
              variant={selected === d ? 'contained' : 'outlined'}
              color={selected === d ? 'primary' : 'default'}
              aria-pressed={selected === d}
              onClick={() => select(selected === d ? undefined : d)}
            >
              {DRIFT_LABELS[d].label} ({drift[d] ?? 0})
            </Button>
          ))}
        </Box>
        {selected && <DriftServices drift={selected} />}
      </Box>
    </InfoCard>
  );
}

/** The actual mesh of a row of the services table, with its drift state. */
export function ActualCell(props: { actual?: ActualState }) {
  const { actual } = props;
  if (!actual) {
    return (
      <Typography variant="body2" color="textSecondary">
        —
      </Typography>
    );
  }
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 4 }}>
      {actual.mesh ? <MeshChip mesh={actual.mesh} /> : null}
      <DriftChip drift={actual.drift} />
    </Box>
  );
}
