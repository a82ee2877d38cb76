import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import { makeStyles } from '@material-ui/core/styles';
import type { EvaluationSortField } from '../../api/types';
import { EvaluationFilters, useEvaluations } from '../../hooks/useEvaluations';
import { useMeshTabLink } from '../../hooks/useMeshTabLink';
import { PageControls } from '../shared';
import { ExportCsvButton } from './ExportCsvButton';
import { ServiceRow } from './ServiceRow';
import { ServicesFilters } from './ServicesFilters';

/** Rows per page. */
export const PAGE_SIZE = 50;

const COLUMNS: {
  label: string;
  sort?: EvaluationSortField;
  align?: 'right';
}[] = [
  { label: 'Service', sort: 'name' },
  { label: 'Owner', sort: 'owner' },
  { label: 'System', sort: 'system' },
  { label: 'Recommendation', sort: 'mesh' },
  { label: 'Score', sort: 'score', align: 'right' },
  { label: 'Status', sort: 'status' },
  { label: 'Decision' },
  { label: 'Evaluated', sort: 'evaluatedAt' },
];

const useStyles = makeStyles(theme => ({
  // The theme lets table text break anywhere ("Sc|ore", "integration|s-team"):
  // keep words whole and headers on one line; with eight columns, a little
  // less padding keeps the table inside the card at 1440 px.
  table: {
    '& td, & th': { wordBreak: 'normal', padding: theme.spacing(0.75, 1.5) },
    '& th': { whiteSpace: 'nowrap' },
  },
}));

/**
 * Every evaluated service, a page at a time: the server filters, sorts and
 * paginates, so the table stays fast with tens of thousands of services.
 */
export function ServicesTable(props: {
  filters: EvaluationFilters;
  onFiltersChange: (patch: Partial<EvaluationFilters>) => void;
}) {
  const { filters, onFiltersChange } = props;
  const classes = useStyles();
  const list = useEvaluations(filters, PAGE_SIZE);
  const meshTabLink = useMeshTabLink();
  const sort = filters.sort ?? 'name';
  const order = filters.order ?? 'asc';
  const page = list.page;
  const first = list.pageIndex * PAGE_SIZE + 1;
  const last = list.pageIndex * PAGE_SIZE + (page?.items.length ?? 0);

  return (
    <Box>
      <Box display="flex" justifyContent="space-between" flexWrap="wrap">
        <ServicesFilters filters={filters} onChange={onFiltersChange} />
        <Box mb={1}>
          <ExportCsvButton query={{ ...list.query, sort, order }} />
        </Box>
      </Box>
      {list.error && <ResponseErrorPanel error={list.error} />}
      {!page && list.loading && <Progress />}
      {page && (
        <>
          <Box height={4}>{list.loading && <LinearProgress />}</Box>
          <TableContainer>
            <Table size="small" aria-label="Services" className={classes.table}>
              <TableHead>
                <TableRow>
                  {COLUMNS.map(c => (
                    <TableCell key={c.label} align={c.align}>
                      {c.sort ? (
                        <TableSortLabel
                          active={sort === c.sort}
                          direction={sort === c.sort ? order : 'asc'}
                          onClick={() =>
                            onFiltersChange({
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
                  />
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          {page.items.length === 0 ? (
            <EmptyState
              missing="data"
              title="No services match"
              description="Change or clear the filters."
            />
          ) : (
            <PageControls
              label={`${first}–${last} of ${page.totalCount}`}
              hasPrevious={list.hasPrevious}
              hasNext={list.hasNext}
              onPrevious={list.previous}
              onNext={list.next}
              disabled={list.loading}
            />
          )}
        </>
      )}
    </Box>
  );
}
