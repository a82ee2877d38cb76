import { EmptyState, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { EvaluationSortField } from '@mesh-advisor/plugin-mesh-advisor-common';
import { useEvaluations } from '../../hooks/useEvaluations';
import { LIVE_JOIN_MAX, useActualStateIndex } from '../../hooks/useLive';
import { useMeshTabLink } from '../../hooks/useMeshTabLink';
import { OverviewUrlState, PAGE_SIZES } from '../../hooks/useOverviewUrlState';
import { ErrorWithRetry, PageControls } from '../shared';
import { ColumnsMenu } from './ColumnsMenu';
import { ExportCsvButton } from './ExportCsvButton';
import { ServiceRow } from './ServiceRow';
import { ServicesFilters } from './ServicesFilters';

const COLUMNS: {
  key: string;
  label: string;
  sort?: EvaluationSortField;
  align?: 'right';
}[] = [
  // the entity name is shown as the link, so sorting by name sorts what is seen
  { key: 'service', label: 'Service', sort: 'name' },
  { key: 'owner', label: 'Owner', sort: 'owner' },
  { key: 'system', label: 'System', sort: 'system' },
  { key: 'recommendation', label: 'Recommendation', sort: 'mesh' },
  { key: 'score', label: 'Score', sort: 'score', align: 'right' },
  { key: 'status', label: 'Status', sort: 'status' },
  { key: 'decision', label: 'Decision' },
  { key: 'evaluated', label: 'Evaluated', sort: 'evaluatedAt' },
  // from the clusters (GET /live/services), shown when there is live state
  { key: 'actual', label: 'Actual mesh' },
];

/** Columns a user may hide: all but the service and its recommendation. */
export const HIDEABLE_COLUMNS = COLUMNS.filter(
  c => c.key !== 'service' && c.key !== 'recommendation',
);

const useStyles = makeStyles(theme => ({
  // The theme lets table text break anywhere ("Sc|ore", "integration|s-team"):
  // keep words whole and headers on one line; with eight columns, a little
  // less padding keeps the table inside the card at 1440 px.
  table: {
    '& td, & th': { wordBreak: 'normal', padding: theme.spacing(0.75, 1.5) },
    '& th': { whiteSpace: 'nowrap' },
    // On a phone the service and its recommendation must fit: owner,
    // system, score and evaluated give way (the Mesh tab has them all).
    [theme.breakpoints.down('xs')]: {
      '& [data-col=owner], & [data-col=system], & [data-col=score], & [data-col=evaluated], & [data-col=actual]':
        { display: 'none' },
    },
  },
}));

/**
 * Every evaluated service, a page at a time: the server filters, sorts and
 * paginates, so the table stays fast with tens of thousands of services.
 * Filters, sort, page size and page live in the URL (see
 * useOverviewUrlState).
 */
export function ServicesTable(props: {
  state: OverviewUrlState;
  /** the clusters have been read: the actual-mesh column can be shown */
  live?: boolean;
}) {
  const { state, live = false } = props;
  // without live state the actual-mesh column is neither shown nor offered
  const hidden = live
    ? state.hiddenColumns
    : [...state.hiddenColumns, 'actual'];
  const actual = useActualStateIndex(live && !hidden.includes('actual'));
  const { filters, pageSize } = state;
  const classes = useStyles();
  const list = useEvaluations(filters, pageSize, state.cursor);
  const meshTabLink = useMeshTabLink();
  const sort = filters.sort ?? 'name';
  const order = filters.order ?? 'asc';
  const page = list.page;
  const first = state.pageIndex * pageSize + 1;
  const last = state.pageIndex * pageSize + (page?.items.length ?? 0);
  const filtered = Object.keys(list.query).some(
    k => k !== 'sort' && k !== 'order',
  );

  return (
    <Box>
      <Box display="flex" justifyContent="space-between" flexWrap="wrap">
        <ServicesFilters filters={filters} onChange={state.changeFilters} />
        <Box mb={1} display="flex" alignItems="flex-start">
          <ColumnsMenu
            columns={HIDEABLE_COLUMNS.filter(c => live || c.key !== 'actual')}
            hidden={state.hiddenColumns}
            onChange={state.setHiddenColumns}
          />
          <ExportCsvButton query={{ ...list.query, sort, order }} live={live} />
        </Box>
      </Box>
      {list.error && (
        <ErrorWithRetry
          error={list.error}
          what="the services"
          onRetry={list.retry}
        />
      )}
      {!page && list.loading && <Progress />}
      {page && (
        <>
          <Typography variant="subtitle2" component="p" role="status">
            {filtered
              ? `${page.totalCount} service${
                  page.totalCount === 1 ? '' : 's'
                } match the filters`
              : `All ${page.totalCount} services`}
          </Typography>
          <Box height={4}>{list.loading && <LinearProgress />}</Box>
          <TableContainer>
            <Table size="small" aria-label="Services" className={classes.table}>
              <TableHead>
                <TableRow>
                  {/* hidden columns are not rendered (Columns menu, in the URL) */}
                  {COLUMNS.filter(c => !hidden.includes(c.key)).map(c => (
                    <TableCell
                      key={c.key}
                      data-col={c.key}
                      align={c.align}
                      sortDirection={sort === c.sort ? order : false}
                    >
                      {c.sort ? (
                        <TableSortLabel
                          active={sort === c.sort}
                          direction={sort === c.sort ? order : 'asc'}
                          onClick={() =>
                            state.changeFilters({
                              sort: c.sort,
                              order:
                                sort === c.sort && order === 'asc'
                                  ? 'desc'
                                  : 'asc',
                            })
                          }
                        >
                          {c.label}
                        </TableSortLabel>
                      ) : (
                        c.label
                      )}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {page.items.map(row => (
                  <ServiceRow
                    key={row.entityRef}
                    row={row}
                    meshTabLink={meshTabLink(row.entityRef)}
                    hidden={hidden}
                    actual={actual.value?.byRef.get(row.entityRef)}
                  />
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          {actual.value?.truncated && (
            <Typography variant="caption" color="textSecondary" component="p">
              Actual mesh shown for the first {LIVE_JOIN_MAX} services the
              clusters report; — for the others (list them by drift state in
              Actual mesh coverage).
            </Typography>
          )}
          {page.items.length === 0 ? (
            <EmptyState
              missing="data"
              title="No services match"
              description="No service matches these filters and search."
              action={
                <Button
                  variant="contained"
                  color="primary"
                  onClick={state.clearFilters}
                >
                  Clear filters
                </Button>
              }
            />
          ) : (
            <PageControls
              label={`${first}–${last} of ${page.totalCount}`}
              hasPrevious={state.hasPrevious}
              hasNext={list.hasNext}
              onPrevious={state.previous}
              onNext={() => state.next(page.nextCursor)}
              disabled={list.loading}
              pageSize={pageSize}
              pageSizes={PAGE_SIZES}
              onPageSizeChange={state.setPageSize}
            />
          )}
        </>
      )}
    </Box>
  );
}
