import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { meshAdvisorApiRef, MeshAdvisorApi } from '../../api/MeshAdvisorApi';
import type {
  EvaluationListQuery,
  EvaluationRow,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { evaluationRowsToCsv } from '../../lib/csv';
import { downloadText } from '../../lib/download';
import { serverMessage } from '../../lib/errors';
import { fetchActualStates } from '../../hooks/useLive';

/** The most rows an export fetches. */
export const EXPORT_MAX_ROWS = 10000;
const EXPORT_PAGE_SIZE = 500;

/** Every row matching the query, page by page, up to `max`. */
export async function fetchAllRows(
  api: MeshAdvisorApi,
  query: EvaluationListQuery,
  max = EXPORT_MAX_ROWS,
  onProgress?: (rows: number) => void,
): Promise<{ rows: EvaluationRow[]; truncated: boolean }> {
  const rows: EvaluationRow[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await api.listEvaluations({
      ...query,
      limit: Math.min(EXPORT_PAGE_SIZE, max - rows.length),
      cursor,
    });
    rows.push(...page.items);
    onProgress?.(rows.length);
    if (!page.nextCursor || page.items.length === 0) {
      return { rows, truncated: false };
    }
    if (rows.length >= max) return { rows, truncated: true };
    cursor = page.nextCursor;
  }
}

/**
 * Downloads the table, with its current filters and sort, as CSV; with the
 * actual mesh and drift state of each service when the clusters were read.
 */
export function ExportCsvButton(props: {
  query: EvaluationListQuery;
  /** the clusters were read: join the actual states */
  live?: boolean;
}) {
  const api = useApi(meshAdvisorApiRef);
  const alertApi = useApi(alertApiRef);
  const [progress, setProgress] = useState<number | undefined>();
  const exportCsv = async () => {
    setProgress(0);
    try {
      const { rows, truncated } = await fetchAllRows(
        api,
        props.query,
        EXPORT_MAX_ROWS,
        setProgress,
      );
      // GET /live/services has no filter by ref: its pages, as many as rows
      const actual = props.live
        ? await fetchActualStates(api, EXPORT_MAX_ROWS)
        : undefined;
      downloadText(
        'mesh-advisor-services.csv',
        evaluationRowsToCsv(rows, actual?.byRef),
        'text/csv',
      );
      if (truncated) {
        alertApi.post({
          message: `Exported the first ${EXPORT_MAX_ROWS} rows; narrow the filters to export the rest.`,
          severity: 'warning',
        });
      }
    } catch (e) {
      alertApi.post({
        message: `Export failed: ${serverMessage(e)}`,
        severity: 'error',
      });
    } finally {
      setProgress(undefined);
    }
  };
  return (
    <Button
      size="small"
      variant="outlined"
      startIcon={<GetAppIcon />}
      onClick={exportCsv}
      disabled={progress !== undefined}
    >
      {progress === undefined ? 'Export CSV' : `Exporting… ${progress} rows`}
    </Button>
  );
}
