import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { meshAdvisorApiRef } from '../../api/MeshAdvisorApi';
import type { Decision } from '@mesh-advisor/plugin-mesh-advisor-common';
import { adrFileName } from '../../lib/adrFileName';
import { downloadText } from '../../lib/download';
import { friendlyError } from '../../lib/friendlyError';

/**
 * Fetches the decision's MADR document and saves it as `NNNN-title.md`,
 * numbered among the decisions about the same service.
 */
export function AdrDownloadButton(props: { decision: Decision }) {
  const { decision } = props;
  const api = useApi(meshAdvisorApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const [markdown, sameEntity] = await Promise.all([
        api.getDecisionAdr(decision.id),
        api.listDecisions({ entityRef: decision.entityRef, limit: 100 }),
      ]);
      downloadText(
        adrFileName(decision, sameEntity.items),
        markdown,
        'text/markdown',
      );
    } catch (e) {
      alertApi.post({
        message: friendlyError(e, 'the ADR'),
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      startIcon={<GetAppIcon />}
      onClick={download}
      disabled={busy}
      aria-label={`Download ADR: ${decision.title}`}
    >
      Download ADR
    </Button>
  );
}
