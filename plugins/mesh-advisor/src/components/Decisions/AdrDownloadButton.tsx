import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { meshAdvisorApiRef } from '../../api/MeshAdvisorApi';
import { downloadText } from '../../lib/download';
import { serverMessage } from '../../lib/errors';

/** Fetches the decision's MADR document and saves it. */
export function AdrDownloadButton(props: { decisionId: string }) {
  const api = useApi(meshAdvisorApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const markdown = await api.getDecisionAdr(props.decisionId);
      downloadText(`adr-${props.decisionId}.md`, markdown, 'text/markdown');
    } catch (e) {
      alertApi.post({
        message: `Could not download the ADR: ${serverMessage(e)}`,
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
    >
      Download ADR
    </Button>
  );
}
